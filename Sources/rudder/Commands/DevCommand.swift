import ArgumentParser
import ChartSources
import Controller
@preconcurrency import Dispatch
import Foundation
import EmbeddedAPIServer
import KubeClient
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `rudder dev`: the development cluster. It serves the embedded API server, writes a
/// kubeconfig for it and prints `KUBECONFIG=PATH` once it is serving (other tools script
/// against exactly that line); then it installs the HelmRelease CRD, serves the example
/// charts as a chart repository, applies `examples/` and runs the controller in-process.
/// With `--apiserver-only` it serves the API server alone.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run a local development cluster: the embedded API server, the controller and the examples.")

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

    @Option(help: "The folder of example HelmReleases (*.yaml) and charts (charts/NAME) to apply and serve.")
    var examples = "examples"

    @Option(name: .customLong("chart-repo-port"), help: "The loopback port the example chart repository is served on.")
    var chartRepositoryPort = 8879

    enum Switch: String, ExpressibleByArgument {
        case on, off
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
        let (ready, announce) = AsyncStream<Bool>.makeStream()
        let serving = Task {
            try await server.run { port in
                do {
                    try server.kubeconfig(port: port).write(to: path)
                    print("KUBECONFIG=\(path)")
                    announce.yield(true)
                } catch {
                    FileHandle.standardError.write(Data("rudder dev: cannot write the kubeconfig: \(error)\n".utf8))
                    announce.yield(false)
                }
                fflush(nil)
            }
        }
        let controller = Task {
            guard !apiserverOnly else { return }
            var iterator = ready.makeAsyncIterator()
            guard await iterator.next() == true else { return }
            do {
                try await runDevelopmentController()
            } catch is CancellationError {
            } catch {
                FileHandle.standardError.write(Data("rudder dev: \(error)\n".utf8))
                serving.cancel()
            }
        }
        let stop = SignalTrap(signals: [SIGINT, SIGTERM]) {
            controller.cancel()
            serving.cancel()
        }
        defer { stop.cancel() }
        do {
            try await serving.value
        } catch is CancellationError {
        }
        controller.cancel()
        await controller.value
    }

    /// The CRD, the chart repository, the examples and the controller, against the server
    /// this process serves (through its kubeconfig, as any client would).
    private func runDevelopmentController() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "rudder.dev")
        let config = try ClientConfig.load(kubeconfigPath: kubeconfig)
        let client = try APIClient(config)
        let mapper = RESTMapper(client: client)
        let applier = ManifestApplier(client: client, mapper: mapper, fieldManager: "rudder-dev")
        _ = try await applier.apply([HelmReleaseCRD.definition])

        let examplesURL = URL(fileURLWithPath: examples)
        let state = URL(fileURLWithPath: kubeconfig).deletingLastPathComponent()
        let repository = state.appendingPathComponent("chart-repository")
        let baseURL = "http://127.0.0.1:\(chartRepositoryPort)"
        let charts = try ExampleChartRepository.build(
            from: examplesURL.appendingPathComponent("charts"), into: repository, baseURL: baseURL)
        let chartServer = HTTPServer(port: chartRepositoryPort, handler: StaticFilesHandler(root: repository))
        let (bound, announce) = AsyncStream<Int>.makeStream()
        let servingCharts = Task { try await chartServer.run { announce.yield($0) } }
        defer { servingCharts.cancel() }
        var boundIterator = bound.makeAsyncIterator()
        _ = await boundIterator.next()
        logger.info("chart repository serving", metadata: ["url": "\(baseURL)", "charts": "\(charts.joined(separator: ", "))"])

        let environment = ReconcilerEnvironment(
            client: client, mapper: mapper, fetcher: ChartFetcher(cache: ChartCache(root: state.appendingPathComponent("chart-cache").path)),
            events: EventRecorder(client: client, options: EventRecorder.Options(component: "rudder")))
        let controller = ReleaseController(environment: environment, logger: Logger(label: "rudder.controller"))
        let running = Task { await controller.run() }
        let applied = try await applier.apply(ManifestApplier.documents(in: examplesURL))
        logger.info("examples applied", metadata: ["objects": "\(applied.joined(separator: ", "))"])
        await withTaskCancellationHandler {
            await running.value
        } onCancel: {
            running.cancel()
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
