import Charts
import Controller
import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import Values
import XCTest

/// An embedded API server over TLS with a kubeconfig for it, as `rudder dev` serves: our
/// store talks to it through `KubeClient`, real Helm (helm-python-sdk, installed by
/// `hack/setup` into `.venv`) through the same kubeconfig.
final class StorageCluster: Sendable {
    let client: APIClient
    let directory: URL
    let kubeconfigPath: String
    private let serving: Task<Void, any Error>

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var python: String { packageRoot.appendingPathComponent(".venv/bin/python").path }

    static func start() async throws -> StorageCluster {
        var configuration = APIServer.Configuration()
        configuration.port = 0
        configuration.tls = try TLSMaterial.generate()
        configuration.workloadSimulator = nil
        let server = APIServer(configuration: configuration)
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let serving = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { announce.finish() }
            try await server.run { announce.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            serving.cancel()
            throw CancellationError()
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-storage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
        try server.kubeconfig(port: port).write(to: kubeconfigPath)
        let client = try APIClient(try ClientConfig.load(kubeconfigPath: kubeconfigPath))
        return StorageCluster(client: client, directory: directory, kubeconfigPath: kubeconfigPath, serving: serving)
    }

    private init(client: APIClient, directory: URL, kubeconfigPath: String, serving: Task<Void, any Error>) {
        self.client = client
        self.directory = directory
        self.kubeconfigPath = kubeconfigPath
        self.serving = serving
    }

    func stop() {
        serving.cancel()
        try? FileManager.default.removeItem(at: directory)
    }

    func store(_ driver: ReleaseStorageKind = .secret) -> ReleaseStore {
        ReleaseStore(client: client, namespace: "default", driver: driver)
    }

    func objects(_ driver: ReleaseStorageKind) -> ResourceClient {
        ResourceClient(
            client: client, resource: driver == .secret ? Secret.groupVersionResource : ConfigMap.groupVersionResource,
            namespace: "default")
    }

    /// Writes the test chart: a ConfigMap of `.Values.data`, NOTES.txt, a values schema and
    /// a README (a `.Files` file). Returns its folder.
    /// With `subchart`, the chart depends on `sub` (in charts/), which renders a ConfigMap.
    func writeChart(version: String = "0.1.0", subchart: Bool = false) throws -> String {
        let root = directory.appendingPathComponent("chart-\(version)\(subchart ? "-sub" : "")")
        func write(_ name: String, _ text: String) throws {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write("Chart.yaml", "apiVersion: v2\nname: demo\nversion: \(version)\nappVersion: \"1.0\"\ndescription: a demo\n")
        try write("values.yaml", "data:\n  a: \"1\"\nreplicas: 2\n")
        try write("values.schema.json", "{\"type\": \"object\"}\n")
        try write("README.md", "# demo\n")
        try write(
            "templates/configmap.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-config
              labels:
                chart: {{ .Chart.Name }}-{{ .Chart.Version }}
            data:
              replicas: {{ .Values.replicas | quote }}
              readme: {{ .Files.Get "README.md" | quote }}
            {{- range $k, $v := .Values.data }}
              {{ $k }}: {{ $v | quote }}
            {{- end }}

            """)
        try write("templates/NOTES.txt", "Installed {{ .Release.Name }} revision {{ .Release.Revision }}\n")
        if subchart {
            try write(
                "Chart.yaml",
                "apiVersion: v2\nname: demo\nversion: \(version)\nappVersion: \"1.0\"\ndependencies:\n- name: sub\n  version: 0.2.0\n")
            try write("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.2.0\n")
            try write("charts/sub/values.yaml", "greeting: hi\n")
            try write(
                "charts/sub/templates/configmap.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\ndata:\n  greeting: {{ .Values.greeting | quote }}\n")
        }
        return root.path
    }

    /// Runs Helm steps (the SDK's `Config` methods) in one process with the given storage
    /// driver; returns each step's `{ok, result}` or `{ok: false, error, message}`.
    func helm(_ steps: [[String: Any]], driver: String = "secret") async throws -> [[String: Any]] {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            XCTFail("\(Self.python) is missing: run hack/setup")
            throw CancellationError()
        }
        let script = directory.appendingPathComponent("helm_steps.py")
        try Self.helmScript.write(to: script, atomically: true, encoding: .utf8)
        let input = directory.appendingPathComponent("steps-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: steps).write(to: input)
        let output = directory.appendingPathComponent("out-\(UUID().uuidString)")
        let errors = directory.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [script.path, kubeconfigPath, driver]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.path
        environment["KUBECONFIG"] = kubeconfigPath
        process.environment = environment
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        // The process runs on its own; its end is awaited without blocking the pool.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let stdout = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        XCTAssertEqual(status, 0, "helm steps failed:\n\(stdout)\n\(stderr)")
        let results = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]], "not JSON:\n\(stdout)\n\(stderr)")
        XCTAssertEqual(results.count, steps.count)
        return results
    }

    /// helm-python-sdk driven by JSON steps; the Swift test judges the answers.
    static let helmScript = """
        import json
        import sys

        import helm_python as helm

        kubeconfig, driver = sys.argv[1], sys.argv[2]
        steps = json.load(sys.stdin)
        results = []
        with helm.Config(kubeconfig_path=kubeconfig, namespace="default", storage_driver=driver) as config:
            for step in steps:
                step = dict(step)
                action = step.pop("action")
                try:
                    if action in ("install", "upgrade"):
                        result = getattr(config, action)(step.pop("chart"), step.pop("name"), step.pop("values", None), **step)
                    elif action == "list":
                        result = config.list(**step)
                    else:
                        result = getattr(config, action)(step.pop("name"), **step)
                    results.append({"ok": True, "result": result})
                except helm.HelmError as error:
                    results.append({"ok": False, "error": type(error).__name__, "message": str(error)})
        json.dump(results, sys.stdout, default=str)

        """
}

class StorageTestCase: XCTestCase {
    func startCluster() async throws -> StorageCluster {
        let cluster = try await StorageCluster.start()
        addTeardownBlock { cluster.stop() }
        return cluster
    }

    /// Every step succeeded; returns the results.
    @discardableResult
    func succeeded(_ results: [[String: Any]], file: StaticString = #filePath, line: UInt = #line) -> [Any?] {
        for (i, r) in results.enumerated() where r["ok"] as? Bool != true { XCTFail("step \(i) failed: \(r)", file: file, line: line) }
        return results.map { $0["result"] }
    }

    /// A revision as Rudder's controller will record one: the chart loaded from disk,
    /// rendered by our renderer, with `config` as the user's values.
    func makeRelease(
        chartPath: String, name: String = "demo", version: Int, status: Release.Status, config: [String: Value],
        description: String, firstDeployed: GoTime
    ) throws -> Release {
        let chart = try ChartLoader.load(path: chartPath)
        let options = RenderOptions(
            release: ReleaseInfo(name: name, namespace: "default", revision: version, isInstall: version == 1, isUpgrade: version > 1))
        var rendered = try ChartRenderer(options: options).render(chart, values: config)
        let notes = rendered.removeValue(forKey: "demo/templates/NOTES.txt") ?? ""
        let deployed = GoTime(seconds: firstDeployed.seconds + Int64(version) * 60, nanoseconds: 123_456_789)
        return Release(
            name: name, namespace: "default", version: version,
            info: Release.Info(firstDeployed: firstDeployed, lastDeployed: deployed, description: description, status: status, notes: notes),
            chart: ReleaseChart(chart), config: config, manifest: try Self.manifest(rendered), applyMethod: .serverSide)
    }

    /// The manifest text Helm stores: every non-hook document in install order as
    /// `---\n# Source: <path>\n<content>\n`.
    static func manifest(_ rendered: [String: String]) throws -> String {
        let (_, manifests) = try ManifestSorting.sort(rendered.filter { !$0.key.hasSuffix("NOTES.txt") })
        return manifests.map { "---\n# Source: \($0.path)\n\($0.content)\n" }.joined()
    }
}
