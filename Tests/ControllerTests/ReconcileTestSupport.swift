import Charts
import ChartSources
import Controller
import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// An embedded API server (workload simulator on) with the HelmRelease CRD installed and
/// the controller running against it, for one test.
final class ReconcileHarness: @unchecked Sendable {
    let client: APIClient
    let serving: Task<Void, any Error>
    var controller: Task<Void, Never>?
    let directory: URL

    init() async throws {
        var configuration = APIServer.Configuration()
        configuration.port = 0
        configuration.tls = nil
        let server = APIServer(configuration: configuration)
        let (ports, announce) = AsyncStream<Int>.makeStream()
        serving = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { announce.finish() }
            try await server.run { announce.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        client = try APIClient(configuration: TransportConfiguration(server: "http://127.0.0.1:\(port)"))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-reconcile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = try await resource("apiextensions.k8s.io", "v1", "customresourcedefinitions").create(HelmReleaseCRD.definition)
    }

    func startController() {
        let environment = ReconcilerEnvironment(
            client: client, mapper: RESTMapper(client: client),
            fetcher: ChartFetcher(cache: ChartCache(root: directory.appendingPathComponent("cache").path)),
            readinessPollInterval: .milliseconds(100))
        var options = ReleaseController.Options()
        options.workers = 2
        let controller = ReleaseController(environment: environment, options: options)
        self.controller = Task { await controller.run() }
    }

    /// The controller first, then the server: a request arriving at a server being torn
    /// down must not be what ends the test process.
    func stop() async {
        controller?.cancel()
        await controller?.value
        serving.cancel()
        _ = try? await serving.value
        try? FileManager.default.removeItem(at: directory)
    }

    func resource(_ group: String, _ version: String, _ plural: String, namespace: String? = nil) -> ResourceClient {
        ResourceClient(client: client, resource: GroupVersionResource(group: group, version: version, resource: plural), namespace: namespace)
    }

    var releases: ResourceClient { resource("helm.rudder.dev", "v1", "helmreleases", namespace: "default") }

    /// A chart with a ConfigMap and a Deployment (which the workload simulator never makes
    /// ready when the value `simulate` is `never-ready`), packaged; stored in ConfigMap `charts`
    /// under `demo-VERSION.tgz`.
    func publishChart(version: String, template extra: String = "") async throws {
        let chart = directory.appendingPathComponent("demo-\(version)")
        try FileManager.default.createDirectory(at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "apiVersion: v2\nname: demo\nversion: \(version)\nappVersion: \"\(version)\"\n".write(
            to: chart.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try "greeting: hello\nreplicas: 1\n".write(to: chart.appendingPathComponent("values.yaml"), atomically: true, encoding: .utf8)
        try """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
            data:
              greeting: {{ .Values.greeting | quote }}
              chartVersion: {{ .Chart.Version | quote }}
            \(extra)
            """.write(to: chart.appendingPathComponent("templates/configmap.yaml"), atomically: true, encoding: .utf8)
        try """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
              {{- with .Values.simulate }}
              labels: {rudder.dev/simulate: {{ . }}}
              {{- end }}
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels: {app: {{ .Release.Name }}}
              template:
                metadata:
                  labels: {app: {{ .Release.Name }}}
                  {{- with .Values.simulate }}
                  annotations: {rudder.dev/simulate: {{ . }}}
                  {{- end }}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            """.write(to: chart.appendingPathComponent("templates/deployment.yaml"), atomically: true, encoding: .utf8)
        if version != "0.1.0" {
            try "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  ports: [{port: 80}]\n".write(
                to: chart.appendingPathComponent("templates/service.yaml"), atomically: true, encoding: .utf8)
        }
        let archive = try ChartPackager(destination: directory.path).package(chart.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        _ = try await resource("", "v1", "configmaps", namespace: "default").apply(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "charts"],
             "binaryData": [.init(stringLiteral: "demo-\(version).tgz"): .string(bytes.base64EncodedString())]],
            fieldManager: "test-\(version)")
    }

    /// Polls the HelmRelease until `condition` holds (generous deadline; no timing asserted).
    func waitFor(_ what: String, timeout: Duration = .seconds(60), _ condition: (HelmRelease) -> Bool) async throws -> HelmRelease {
        let deadline = ContinuousClock.now + timeout
        var last: HelmRelease?
        while ContinuousClock.now < deadline {
            if let object = try await releases.getIfExists("demo") {
                let release = try object.decode(HelmRelease.self)
                last = release
                if condition(release) { return release }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw WaitTimedOut(what: what, last: last.map { "\(String(describing: $0.status))" } ?? "no HelmRelease")
    }
}

struct WaitTimedOut: Error, CustomStringConvertible {
    var what: String
    var last: String
    var description: String { "timed out waiting for \(what); last status: \(last)" }
}

extension HelmRelease {
    var ready: Condition? { status?.conditions?.first { $0.type == ConditionType.ready } }
    var isReady: Bool { ready?.status == .true && status?.observedGeneration == metadata.generation }
}
