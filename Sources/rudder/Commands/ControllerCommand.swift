import ArgumentParser
import ChartSources
import Controller
import Foundation
import KubeClient
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `rudder controller`: reconciles HelmReleases in the cluster of the kubeconfig (or the
/// pod's service account) until SIGINT/SIGTERM, letting running reconciles finish so no
/// release is left pending.
struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller", abstract: "Run the HelmRelease controller against a cluster.")

    @Option(help: "The kubeconfig (default: $KUBECONFIG, ~/.kube/config, then the pod's service account).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use.")
    var context: String?

    @Option(help: "HelmReleases reconciled at once.")
    var concurrency = 4

    @Option(name: .customLong("watch-namespace"), help: "Only reconcile HelmReleases of this namespace (default: all).")
    var watchNamespace: String?

    @Option(name: .customLong("watch-label-selector"), help: "Only reconcile HelmReleases with these labels (sharding).")
    var watchLabelSelector: String?

    @Flag(name: .customLong("leader-elect"), help: "Reconcile only while holding the leader Lease (for several replicas).")
    var leaderElect = false

    @Option(name: .customLong("leader-election-namespace"), help: "The namespace of the leader Lease.")
    var leaderElectionNamespace = "rudder-system"

    @Option(name: .customLong("cache-dir"), help: "Where downloaded charts and repository indexes are kept.")
    var cacheDirectory: String?

    @Option(help: "Client-side limit on API requests per second (after the burst).")
    var qps: Double = 50

    @Option(help: "Client-side burst of API requests.")
    var burst = 300

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "rudder.controller")
        let config = try ClientConfig.load(kubeconfigPath: kubeconfig, overrides: ConfigOverrides(context: context))
        var options = APIClient.Options()
        options.queriesPerSecond = qps
        options.burst = burst
        let client = try APIClient(config, options: options)
        let cache = cacheDirectory.map { ChartCache(root: $0) } ?? ChartCache.makeDefault()
        let events = EventRecorder(client: client, options: EventRecorder.Options(component: "rudder"))
        let environment = ReconcilerEnvironment(
            client: client, mapper: RESTMapper(client: client), fetcher: ChartFetcher(cache: cache), events: events)
        var controllerOptions = ReleaseController.Options()
        controllerOptions.workers = concurrency
        controllerOptions.namespace = watchNamespace
        controllerOptions.labelSelector = watchLabelSelector
        let controller = ReleaseController(environment: environment, options: controllerOptions, logger: logger)
        logger.info("rudder controller starting", metadata: ["server": "\(config.server)", "concurrency": "\(concurrency)"])

        let identity = "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let election = leaderElect ? LeaderElectionConfiguration(leaseName: "rudder-leader", namespace: leaderElectionNamespace, identity: identity) : nil
        let running = Task {
            if let election {
                let elector = try LeaderElector(client: client, configuration: election)
                try await elector.run { await controller.run() }
            } else {
                await controller.run()
            }
        }
        let stop = SignalTrap(signals: [SIGINT, SIGTERM]) { running.cancel() }
        defer { stop.cancel() }
        do {
            try await running.value
        } catch is CancellationError {
        }
        await events.close()
        logger.info("rudder controller stopped")
    }
}
