import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Everything a user of Rudder runs, each as its own process: `rudder dev --apiserver-only`
/// (the embedded API server over TLS with its workload simulator), the CRD applied with
/// kubectl, `rudder controller`, a chart repository (`python3 -m http.server` over charts
/// packaged by `rudder package` and indexed by `rudder repo index`) and an OCI registry
/// (Debian's docker-registry, charts pushed by real Helm). Started once for the whole
/// target — the tests use a namespace each — and stopped when the test bundle finishes.
final class EndToEndCluster: @unchecked Sendable {
    // Mutable state (`controller`) is touched only from the serially running tests.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The cluster, started on first use; a start failure fails every test that needs it.
    static let shared: Result<EndToEndCluster, EndToEndFailure> = {
        do {
            let cluster = try EndToEndCluster()
            XCTestObservationCenter.shared.addTestObserver(BundleEnd { cluster.stop() })
            return .success(cluster)
        } catch let failure as EndToEndFailure {
            return .failure(failure)
        } catch {
            return .failure(EndToEndFailure("\(error)"))
        }
    }()

    let scratch: URL
    let kubeconfig: String
    let environment: [String: String]
    let rudder: String
    let kubectlPath: String
    let python: String
    /// The chart repository's folder: the packaged charts and index.yaml.
    var repositoryDirectory: URL { scratch.appendingPathComponent("repository") }
    /// `http://127.0.0.1:PORT`, serving web 0.1.0, web 0.2.0 and broken 0.1.0.
    let chartRepository: String
    /// `oci://127.0.0.1:PORT/charts`, holding web 0.1.0 and 0.2.0 pushed by Helm.
    let ociRepository: String
    private let apiServer: ToolProcess
    private let chartServer: ToolProcess
    private let registry: ToolProcess
    private(set) var controller: ToolProcess?
    private var stopped = false

    private init() throws {
        Self.installToolsIfMissing()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("home"), withIntermediateDirectories: true)
        let kubeconfig = scratch.appendingPathComponent("kubeconfig").path
        self.kubeconfig = kubeconfig
        var env = ProcessInfo.processInfo.environment
        // kubectl and Helm cache under HOME: nothing from the developer's own cluster leaks in.
        env["HOME"] = scratch.appendingPathComponent("home").path
        env["KUBECONFIG"] = kubeconfig
        env.removeValue(forKey: "KUBE_FEATURE_WatchListClient")
        environment = env
        rudder = try Self.builtRudder()
        kubectlPath = try Self.require(Self.packageRoot.appendingPathComponent(".venv/bin/kubectl").path)
        python = try Self.require(Self.packageRoot.appendingPathComponent(".venv/bin/python").path)

        apiServer = try ToolProcess(rudder, ["dev", "--apiserver-only", "--kubeconfig", kubeconfig], environment: env, in: scratch)
        guard apiServer.waitForOutput(timeout: 30, { $0.contains("KUBECONFIG=\(kubeconfig)\n") }) else {
            apiServer.stop()
            throw EndToEndFailure("rudder dev printed no KUBECONFIG line:\n\(apiServer.stdout)\n\(apiServer.stderr)")
        }

        let charts = scratch.appendingPathComponent("charts")
        let repository = scratch.appendingPathComponent("repository")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        (chartServer, chartRepository) = try Self.startChartServer(serving: repository, environment: env, scratch: scratch)
        (registry, ociRepository) = try Self.startRegistry(in: scratch.appendingPathComponent("registry"), environment: env, scratch: scratch)

        let rudder = self.rudder
        func run(_ executable: String, _ arguments: [String]) throws {
            let result = try ToolProcess(executable, arguments, environment: env, in: scratch).finish(timeout: 60)
            guard result.succeeded else { throw EndToEndFailure(result.transcript) }
        }
        try run(rudder, ["package"] + TestCharts.write(into: charts).map(\.path) + ["-d", repository.path])
        try run(rudder, ["repo", "index", repository.path, "--url", chartRepository])
        try run(python, ["-c", """
            import helm_python as h, sys
            with h.RegistryClient(plain_http=True, credentials_file=sys.argv[1]) as c:
                for archive in sys.argv[3:]:
                    c.push(archive, sys.argv[2], plain_http=True)
            """, scratch.appendingPathComponent("registry-credentials.json").path, ociRepository]
            + ["web-0.1.0.tgz", "web-0.2.0.tgz"].map { repository.appendingPathComponent($0).path })
        try run(kubectlPath, ["apply", "-f", Self.packageRoot.appendingPathComponent("crds").path])
        try run(kubectlPath, ["wait", "--for=condition=Established", "crd/helmreleases.helm.rudder.dev", "--timeout=30s"])
        try startController()
    }

    /// Starts `rudder controller` as its own process.
    func startController() throws {
        controller = try ToolProcess(
            rudder, [
                "controller", "--kubeconfig", kubeconfig, "--cache-dir", scratch.appendingPathComponent("chart-cache").path,
                // No fixed ports: another controller on this machine (a developer's, a
                // leftover) must not make this one fail to start.
                "--metrics-addr", "127.0.0.1:0", "--health-addr", "127.0.0.1:0",
            ],
            environment: environment, in: scratch)
    }

    /// Kills the controller with SIGKILL: no graceful shutdown, as a crashed or evicted pod.
    func killController() {
        controller?.stop(SIGKILL)
    }

    /// The controller's log, for assertion messages.
    var controllerLog: String { controller?.stderr ?? "" }

    func stop() {
        guard !stopped else { return }
        stopped = true
        controller?.stop()
        for process in [registry, chartServer, apiServer] { process.stop() }
        try? FileManager.default.removeItem(at: scratch)
    }

    // MARK: Clients

    /// Runs a `rudder` command (a release command: the kubeconfig comes from the environment).
    func rudderCommand(_ arguments: [String], timeout: TimeInterval = 120) throws -> ToolRun {
        try ToolProcess(rudder, arguments, environment: environment, in: scratch).finish(timeout: timeout)
    }

    /// Runs kubectl against the cluster.
    func kubectl(_ arguments: [String], stdin: String? = nil, timeout: TimeInterval = 60) throws -> ToolRun {
        try ToolProcess(kubectlPath, arguments, environment: environment, in: scratch, stdin: stdin).finish(timeout: timeout)
    }

    /// Runs Helm (helm-python-sdk) with `c`, a `helm_python.Config` on namespace `namespace`
    /// with the Secret storage driver; `body` assigns what to print as JSON to `out`.
    func helm(namespace: String, _ body: String) throws -> ToolRun {
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        let script = """
            import helm_python as h, json, sys
            out = None
            with h.Config(kubeconfig_path=sys.argv[1], namespace=sys.argv[2], storage_driver='secret') as c:
            \(indented)
            json.dump(out, sys.stdout, default=str)
            """
        return try ToolProcess(python, ["-c", script, kubeconfig, namespace], environment: environment, in: scratch).finish(timeout: 90)
    }

    // MARK: Starting the servers

    /// `python3 -m http.server` on a free loopback port; the port is read from its banner.
    private static func startChartServer(serving directory: URL, environment: [String: String], scratch: URL) throws
        -> (ToolProcess, String)
    {
        let server = try ToolProcess(
            "/usr/bin/python3", ["-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", directory.path, "0"],
            environment: environment, in: scratch)
        var port: Int?
        _ = server.waitForOutput(timeout: 20) { output in
            // "Serving HTTP on 127.0.0.1 port N (http://127.0.0.1:N/) ..."
            let words = output.split(separator: " ")
            if let i = words.firstIndex(of: "port"), i + 1 < words.count { port = Int(words[i + 1]) }
            return port != nil
        }
        guard let port else {
            server.stop()
            throw EndToEndFailure("http.server printed no port: \(server.stdout) \(server.stderr)")
        }
        return (server, "http://127.0.0.1:\(port)")
    }

    /// Debian's docker-registry (the CNCF distribution registry), plain HTTP on loopback,
    /// storage in `directory`.
    private static func startRegistry(in directory: URL, environment: [String: String], scratch: URL) throws -> (ToolProcess, String) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try freePort()
        let config = directory.appendingPathComponent("config.yml")
        try """
            version: 0.1
            log: {level: error, accesslog: {disabled: true}}
            storage: {filesystem: {rootdirectory: \(directory.path)/data}}
            http: {addr: "127.0.0.1:\(port)", secret: rudder-e2e}

            """.write(to: config, atomically: true, encoding: .utf8)
        let registry = try ToolProcess("/usr/bin/docker-registry", ["serve", config.path], environment: environment, in: scratch)
        let listening = eventually(timeout: 20) {
            guard registry.isRunning else { return false }
            let probe = try? ToolProcess(
                "/usr/bin/python3", ["-c", "import socket; socket.create_connection(('127.0.0.1', \(port)), 0.2).close()"],
                environment: environment, in: scratch
            ).finish(timeout: 5)
            return probe?.succeeded == true
        }
        guard listening else {
            registry.stop()
            throw EndToEndFailure("docker-registry is not listening on \(port): \(registry.stderr)")
        }
        return (registry, "oci://127.0.0.1:\(port)/charts")
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw EndToEndFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw EndToEndFailure("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    // MARK: Tools

    /// The `rudder` binary SwiftPM built beside the test bundle.
    private static func builtRudder() throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("rudder").path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return try require(directory.appendingPathComponent("rudder").path)
    }

    private static func require(_ path: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw EndToEndFailure("\(path) is missing (run swift build and hack/setup)")
        }
        return path
    }

    /// kubectl, Helm and the registry come from hack/setup, which is idempotent.
    private static func installToolsIfMissing() {
        let needed = [
            packageRoot.appendingPathComponent(".venv/bin/kubectl").path, packageRoot.appendingPathComponent(".venv/bin/python").path,
            "/usr/bin/docker-registry",
        ]
        guard needed.contains(where: { !FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let setup = Process()
        setup.executableURL = packageRoot.appendingPathComponent("hack/setup")
        try? setup.run()
        setup.waitUntilExit()
    }
}

/// Stops the shared cluster once every test has run.
private final class BundleEnd: NSObject, XCTestObservation, @unchecked Sendable {
    private let action: () -> Void
    init(_ action: @escaping () -> Void) { self.action = action }
    func testBundleDidFinish(_ testBundle: Bundle) { action() }
}
