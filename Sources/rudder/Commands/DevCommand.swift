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
        let server = APIServer(configuration: configuration)
        let path = kubeconfig
        let serving = Task {
            try await server.run { port in
                do {
                    try DevKubeconfig.write(server: "http://127.0.0.1:\(port)", to: path)
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

/// A kubeconfig naming the dev server (plain HTTP on loopback: Go clients send no
/// credentials there, so none are written).
enum DevKubeconfig {
    static func write(server: String, to path: String) throws {
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: rudder-dev
              cluster:
                server: \(server)
            users:
            - name: rudder-dev
              user: {}
            contexts:
            - name: rudder-dev
              context:
                cluster: rudder-dev
                user: rudder-dev
                namespace: default
            current-context: rudder-dev

            """
        guard let f = fopen(path + ".tmp", "w") else { throw DevError(message: "cannot open \(path)") }
        fputs(text, f)
        fclose(f)
        chmod(path + ".tmp", 0o600)
        guard rename(path + ".tmp", path) == 0 else { throw DevError(message: "cannot rename into \(path)") }
    }
}

struct DevError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
