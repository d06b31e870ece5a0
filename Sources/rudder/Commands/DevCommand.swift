import ArgumentParser
@preconcurrency import Dispatch
import Foundation
import EmbeddedAPIServer

#if canImport(Glibc)
import Glibc
#endif

/// `rudder dev`: the development cluster. With `--apiserver-only` it serves the embedded
/// API server alone, writes a kubeconfig for it and prints `KUBECONFIG=PATH` once it is
/// serving; other tools script against exactly that line.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run a local development cluster (the embedded API server).")

    @Flag(name: .customLong("apiserver-only"), help: "Serve the embedded API server alone (no controller).")
    var apiserverOnly = false

    @Option(name: .long, help: "Where to write the kubeconfig for clients.")
    var kubeconfig: String

    @Option(name: .long, help: "The loopback port to listen on (0 picks a free one).")
    var port: Int = 0

    @Flag(name: .customLong("plain-http"), help: "Serve plain HTTP instead of HTTPS with client certificates.")
    var plainHTTP = false

    @Option(name: .customLong("pki-dir"), help: "Where the dev CA is kept across restarts (default: next to the kubeconfig).")
    var pkiDirectory: String?

    @Flag(name: .customLong("log-requests"), help: "Print one line per answered request on stderr (never bodies).")
    var logRequests = false

    @Option(name: .long, help: "Changes kept for watches to resume from.")
    var historyLimit: Int = 10_000

    @Option(name: .customLong("workload-simulator"), help: "Make workloads ready as a cluster's controllers would (on|off).")
    var workloadSimulator: Switch = .on

    enum Switch: String, ExpressibleByArgument {
        case on, off
    }

    func validate() throws {
        guard apiserverOnly else {
            throw ValidationError("the HelmRelease controller is not part of this build yet: run with --apiserver-only")
        }
    }

    func run() async throws {
        var configuration = APIServer.Configuration()
        configuration.port = port
        configuration.historyLimit = historyLimit
        if workloadSimulator == .off { configuration.workloadSimulator = nil }
        if logRequests {
            configuration.accessLog = { entry in FileHandle.standardError.write(Data((entry.line + "\n").utf8)) }
        }
        if !plainHTTP {
            let parent = kubeconfig.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            let directory = pkiDirectory ?? (kubeconfig.contains("/") ? (parent.isEmpty ? "/" : parent + "/") : "") + "rudder-pki"
            configuration.tls = try TLSMaterial.loadOrGenerate(in: directory)
        }
        let server = APIServer(configuration: configuration)
        let path = kubeconfig
        let serving = Task {
            try await server.run { port in
                do {
                    try server.kubeconfig(port: port).write(to: path)
                    print("KUBECONFIG=\(path)")
                } catch {
                    FileHandle.standardError.write(Data("rudder dev: cannot write the kubeconfig: \(error)\n".utf8))
                }
                fflush(nil)
            }
        }
        let stop = SignalTrap(signals: [SIGINT, SIGTERM]) { serving.cancel() }
        defer { stop.cancel() }
        do {
            try await serving.value
        } catch is CancellationError {
        }
    }
}

/// Turns SIGINT/SIGTERM into a cancellation, so the server shuts down in order.
final class SignalTrap: @unchecked Sendable {
    // Dispatch sources are thread-safe; they are only resumed here and cancelled once.
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], _ action: @escaping @Sendable () -> Void) {
        sources = signals.map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            return source
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
    }
}
