import Charts
import ChartSources
import Controller
import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// One cluster for the release commands: an embedded API server with the HelmRelease CRD,
/// the controller running in-process, an HTTP chart repository (python3's http.server) with
/// chart `demo` 0.1.0 and 0.2.0, and a kubeconfig for the `rudder` binary.
final class ReleaseCommandsCluster: @unchecked Sendable {
    let client: APIClient
    let directory: URL
    let kubeconfig: String
    let repository: ChartRepositoryServer
    private let serving: Task<Void, any Error>
    private let controller: Task<Void, Never>

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
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-release-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = try await ResourceClient(
            client: client, resource: GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")
        ).create(HelmReleaseCRD.definition)

        kubeconfig = directory.appendingPathComponent("kubeconfig").path
        try """
            apiVersion: v1
            kind: Config
            clusters: [{name: embedded, cluster: {server: "http://127.0.0.1:\(port)"}}]
            users: [{name: tester, user: {}}]
            contexts: [{name: embedded, context: {cluster: embedded, user: tester, namespace: default}}]
            current-context: embedded
            """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)

        let charts = directory.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: charts, withIntermediateDirectories: true)
        repository = try ChartRepositoryServer(serving: charts.path)
        for version in ["0.1.0", "0.2.0"] { try Self.packageDemo(version: version, into: charts, scratch: directory) }
        try Self.packageBroken(into: charts, scratch: directory)
        let index = try RepoIndex.indexDirectory(charts.path, baseURL: repository.url)
        try index.encodedYAML().write(to: charts.appendingPathComponent("index.yaml"), atomically: true, encoding: .utf8)

        let environment = ReconcilerEnvironment(
            client: client, mapper: RESTMapper(client: client),
            fetcher: ChartFetcher(cache: ChartCache(root: directory.appendingPathComponent("cache").path)),
            readinessPollInterval: .milliseconds(100))
        var options = ReleaseController.Options()
        options.workers = 2
        let releaseController = ReleaseController(environment: environment, options: options)
        controller = Task { await releaseController.run() }
    }

    /// The controller ends before the server does: a request it made to a server already
    /// shutting down would reach a connection nobody serves.
    func stop() async {
        controller.cancel()
        await controller.value
        serving.cancel()
        _ = try? await serving.value
        repository.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func resource(_ group: String, _ version: String, _ plural: String, namespace: String? = "default") -> ResourceClient {
        ResourceClient(client: client, resource: GroupVersionResource(group: group, version: version, resource: plural), namespace: namespace)
    }

    var releases: ResourceClient { resource("helm.rudder.dev", "v1", "helmreleases") }

    func helmRelease(_ name: String) async throws -> HelmRelease {
        try await releases.get(name).decode(HelmRelease.self)
    }

    /// `rudder ARGS --kubeconfig …`, run on its own thread so the in-process controller
    /// keeps the cooperative pool while the binary waits on it.
    func rudder(_ args: [String]) async throws -> RudderRun {
        let arguments = args + ["--kubeconfig", kubeconfig]
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                do { continuation.resume(returning: try RudderRun.run(arguments)) } catch { continuation.resume(throwing: error) }
            }.start()
        }
    }

    /// `rudder install demo demo --repo <repo> --wait` plus `extra`, which must succeed.
    func installDemo(_ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) async throws -> RudderRun {
        let run = try await rudder(["install", "demo", "demo", "--repo", repository.url, "--version", "0.1.0", "--wait", "--timeout", "60s"] + extra)
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        return run
    }

    /// Chart `demo`: a ConfigMap (greeting from values), a Deployment, NOTES.txt; 0.2.0 adds a Service.
    private static func packageDemo(version: String, into repo: URL, scratch: URL) throws {
        let chart = scratch.appendingPathComponent("src/demo-\(version)")
        let templates = chart.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
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
            """.write(to: templates.appendingPathComponent("configmap.yaml"), atomically: true, encoding: .utf8)
        try """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels: {app: {{ .Release.Name }}}
              template:
                metadata:
                  labels: {app: {{ .Release.Name }}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            """.write(to: templates.appendingPathComponent("deployment.yaml"), atomically: true, encoding: .utf8)
        try "Say {{ .Values.greeting }} to {{ .Release.Name }} (chart {{ .Chart.Version }}).\n".write(
            to: templates.appendingPathComponent("NOTES.txt"), atomically: true, encoding: .utf8)
        if version != "0.1.0" {
            try "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  ports: [{port: 80}]\n".write(
                to: templates.appendingPathComponent("service.yaml"), atomically: true, encoding: .utf8)
        }
        _ = try ChartPackager(destination: repo.path).package(chart.path)
    }

    /// Chart `broken` 1.0.0, whose template always fails to render.
    private static func packageBroken(into repo: URL, scratch: URL) throws {
        let chart = scratch.appendingPathComponent("src/broken")
        try FileManager.default.createDirectory(at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "apiVersion: v2\nname: broken\nversion: 1.0.0\n".write(to: chart.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try "{{ fail \"the broken chart always fails\" }}\n".write(
            to: chart.appendingPathComponent("templates/cm.yaml"), atomically: true, encoding: .utf8)
        _ = try ChartPackager(destination: repo.path).package(chart.path)
    }
}

/// One run of the built `rudder` binary.
struct RudderRun: Sendable {
    var stdout: String
    var stderr: String
    var status: Int32

    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("rudder").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("rudder")
    }

    static func run(_ args: [String]) throws -> RudderRun {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        // Helm's repositories.yaml of the machine must not change what a chart name means.
        environment["HELM_REPOSITORY_CONFIG"] = "/nonexistent/repositories.yaml"
        p.environment = environment
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Both pipes drain at once, so a chatty stderr cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return RudderRun(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self), status: p.terminationStatus)
    }
}

/// A static HTTP server on loopback (`python3 -m http.server`) serving a chart repository folder.
final class ChartRepositoryServer: @unchecked Sendable {
    private let process = Process()
    let url: String

    init(serving directory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.arguments = ["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // First line: "Serving HTTP on 127.0.0.1 port N (http://…) ..."
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard let i = words.firstIndex(of: "port"), i + 1 < words.count, let port = Int(words[i + 1]) else {
            process.terminate()
            throw NSError(domain: "ChartRepositoryServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "no port in \(line)"])
        }
        url = "http://127.0.0.1:\(port)"
    }

    func stop() {
        // SIGKILL: spawned from a cooperative-pool thread, which blocks SIGTERM, python
        // inherits that mask and would never see terminate()'s SIGTERM.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
