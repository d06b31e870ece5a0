import ChartSources
import Charts
import Controller
import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// An embedded API server (plain HTTP, workload simulator on) in this process, with a
/// kubeconfig and a fresh HOME for kubectl, for the controller's binary-level tests.
final class ControllerTestCluster: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let port: Int
    let client: APIClient
    let directory: URL
    let kubeconfigPath: String
    private let serving: Task<Void, any Error>

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
        self.port = port
        client = try APIClient(configuration: TransportConfiguration(server: "http://127.0.0.1:\(port)"))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-controller-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("home"), withIntermediateDirectories: true)
        kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
        try server.kubeconfig(port: port).write(to: kubeconfigPath)
    }

    func stop() {
        serving.cancel()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The environment kubectl and `rudder controller` get: this cluster only.
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = directory.appendingPathComponent("home").path
        env["KUBECONFIG"] = kubeconfigPath
        return env
    }

    func resource(_ group: String, _ version: String, _ plural: String, namespace: String? = nil) -> ResourceClient {
        ResourceClient(client: client, resource: GroupVersionResource(group: group, version: version, resource: plural), namespace: namespace)
    }

    func installCRD() async throws {
        _ = try await resource("apiextensions.k8s.io", "v1", "customresourcedefinitions").create(HelmReleaseCRD.definition)
    }

    /// kubectl 1.37 from the package's .venv (hack/setup installs it), run in the package root.
    func kubectl(_ arguments: [String]) async throws -> ChildProcess.Output {
        let kubectl = Self.packageRoot.appendingPathComponent(".venv/bin/kubectl").path
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            XCTFail("\(kubectl) is missing: run hack/setup")
            throw CancellationError()
        }
        let process = try ChildProcess(kubectl, arguments, environment: environment, directory: Self.packageRoot)
        return await process.finish(timeout: .seconds(120))
    }

    /// A chart of one ConfigMap (nothing to wait for), packaged into ConfigMap `charts` of
    /// `default` under `demo-0.1.0.tgz`, and a HelmRelease `demo` installing it.
    func applyDemoRelease() async throws {
        let chart = directory.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "apiVersion: v2\nname: demo\nversion: 0.1.0\n".write(to: chart.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  greeting: hello\n".write(
            to: chart.appendingPathComponent("templates/configmap.yaml"), atomically: true, encoding: .utf8)
        let archive = try ChartPackager(destination: directory.path).package(chart.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        _ = try await resource("", "v1", "configmaps", namespace: "default").create(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "charts"],
             "binaryData": ["demo-0.1.0.tgz": .string(bytes.base64EncodedString())]])
        _ = try await releases.create(
            ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"],
             "spec": ["chart": ["packagedRef": ["name": "charts", "key": "demo-0.1.0.tgz"]], "timeout": "30s"]])
    }

    var releases: ResourceClient { resource("helm.rudder.dev", "v1", "helmreleases", namespace: "default") }

    /// Polls HelmRelease `demo` until its Ready condition is True (generous deadline; no
    /// timing asserted).
    func waitForDemoReady(timeout: Duration = .seconds(90)) async throws {
        let deadline = ContinuousClock.now + timeout
        var last = "no HelmRelease"
        while ContinuousClock.now < deadline {
            if let object = try await releases.getIfExists("demo") {
                let release = try object.decode(HelmRelease.self)
                last = String(describing: release.status)
                if release.status?.conditions?.contains(where: { $0.type == ConditionType.ready && $0.status == .true }) == true { return }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("HelmRelease demo not Ready; last status: \(last)")
        throw CancellationError()
    }
}

/// A child process whose output goes to files (a chatty process cannot fill a pipe and
/// stall), readable while it runs; its exit is awaited, never blocked on.
final class ChildProcess: @unchecked Sendable {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var transcript: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    // Used from the starting task and the termination handler only; Foundation synchronizes
    // `terminate` and the handler.
    private let process = Process()
    private let scratch: URL
    private var exitIterator: AsyncStream<Int32>.AsyncIterator

    init(_ executable: String, _ arguments: [String], environment: [String: String], directory: URL? = nil) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        for name in ["stdout", "stderr"] { _ = FileManager.default.createFile(atPath: scratch.appendingPathComponent(name).path, contents: nil) }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: scratch.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: scratch.appendingPathComponent("stderr"))
        process.standardInput = FileHandle.nullDevice
        let (exits, continuation) = AsyncStream<Int32>.makeStream()
        exitIterator = exits.makeAsyncIterator()
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: scratch)
    }

    var stdout: String { (try? String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

    /// Sends SIGTERM (a graceful stop).
    func terminate() { if process.isRunning { process.terminate() } }

    /// Waits for the exit; SIGKILLs the process once `timeout` has passed.
    func finish(timeout: Duration) async -> Output {
        let process = self.process
        let watchdog = Task {
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let status = await exitIterator.next() ?? -1
        watchdog.cancel()
        return Output(status: status, stdout: stdout, stderr: stderr)
    }

    /// Polls stderr until `extract` finds something in it, for at most `timeout`.
    func waitForStderr<T>(timeout: Duration = .seconds(30), _ extract: (String) -> T?) async -> T? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = extract(stderr) { return found }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return extract(stderr)
    }
}

/// A GET over libcurl, on its own thread (libcurl blocks; the cooperative pool must not).
/// Returns the status and body; a status of 400 or more is returned, not thrown.
func httpGet(_ url: String) async throws -> (status: Int, body: String) {
    let result: Result<(Int, String), HTTPGetterError> = await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            do throws(HTTPGetterError) {
                let body = try HTTPGetter().get(url)
                continuation.resume(returning: .success((200, String(decoding: body, as: UTF8.self))))
            } catch {
                if case .status(_, let code, _) = error {
                    continuation.resume(returning: .success((code, "")))
                } else {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
    }
    let (status, body) = try result.get()
    return (status, body)
}
