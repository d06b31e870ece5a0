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

    // Most of a reconcile is waiting (for readiness, for the server), and a waiting
    // reconcile is a suspended task, not a thread: 16 keeps 1000 small releases under a
    // minute without letting one burst of changes flood the API server.
    @Option(help: "HelmReleases reconciled at once (a waiting reconcile costs a suspended task, not a thread).")
    var concurrency = 16

    @Option(name: .customLong("watch-namespace"), help: "Only reconcile HelmReleases of this namespace (default: all).")
    var watchNamespace: String?

    @Option(name: .customLong("watch-label-selector"), help: "Only reconcile HelmReleases with these labels (sharding).")
    var watchLabelSelector: String?

    @Flag(name: .customLong("leader-elect"), help: "Reconcile only while holding the leader Lease (for several replicas).")
    var leaderElect = false

    @Option(name: .customLong("leader-election-namespace"), help: "The namespace of the leader Lease.")
    var leaderElectionNamespace = "rudder-system"

    @Option(
        name: .customLong("default-service-account"),
        help: "The ServiceAccount (in each HelmRelease's namespace) a release without spec.serviceAccountName acts as (default: the controller itself).")
    var defaultServiceAccount: String?

    @Flag(name: .customLong("no-cross-namespace-refs"), help: "Refuse dependsOn entries naming HelmReleases of other namespaces.")
    var noCrossNamespaceRefs = false

    @Option(name: .customLong("cache-dir"), help: "Where downloaded charts and repository indexes are kept.")
    var cacheDirectory: String?

    @Option(name: .customLong("metrics-addr"), help: "Where /metrics (Prometheus) is served: HOST:PORT, :PORT, or 0 for nowhere.")
    var metricsAddress = ":8080"

    @Option(name: .customLong("health-addr"), help: "Where /healthz and /readyz are served: HOST:PORT, :PORT, or 0 for nowhere.")
    var healthAddress = ":8081"

    // `.unconditional` so that `--qps -1` reads -1 as the value, not as a flag.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Client-side limit on API requests per second after the burst; -1 for none.",
            discussion: """
                Unset (with --burst unset too), the client limits itself to 50 requests/s after a burst of \
                300 only until the API server shows that it does API Priority and Fairness, then leaves \
                flow control to the server. An explicit value always applies.
                """))
    var qps: Double?

    @Option(help: "Client-side burst of API requests (default 300; an explicit value fixes the limit, as --qps does).")
    var burst: Int?

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        do {
            _ = try ClientThrottleFlags(qps: qps, burst: burst).mode
        } catch {
            throw ValidationError(error.description)
        }
        let (metrics, health) = try listenAddresses()
        if let metrics, let health, metrics == health, metrics.port != 0 {
            throw ValidationError("--metrics-addr and --health-addr must differ (both are \(metrics))")
        }
    }

    func listenAddresses() throws -> (metrics: ListenAddress?, health: ListenAddress?) {
        do {
            return (try ListenAddress.parse(metricsAddress, flag: "--metrics-addr"), try ListenAddress.parse(healthAddress, flag: "--health-addr"))
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "rudder.controller")
        let (metricsAt, healthAt) = try listenAddresses()
        let readiness = ControllerReadiness()
        var endpoints: [OperationsEndpoints.Endpoint] = []
        if let metricsAt {
            // Bootstrapped before the client exists, so its request metrics are exported too.
            endpoints.append(.init(name: "metrics", address: metricsAt, handler: MetricsHandler(registry: PrometheusExport.registry)))
        }
        if let healthAt { endpoints.append(.init(name: "health probes", address: healthAt, handler: HealthHandler(readiness: readiness))) }
        let config = try ClientConfig.load(kubeconfigPath: kubeconfig, overrides: ConfigOverrides(context: context))
        var options = APIClient.Options()
        options.throttle = try ClientThrottleFlags(qps: qps, burst: burst).mode
        let client = try APIClient(config, options: options)
        let cache = cacheDirectory.map { ChartCache(root: $0) } ?? ChartCache.makeDefault()
        let events = EventRecorder(client: client, options: EventRecorder.Options(component: "rudder"))
        var environment = ReconcilerEnvironment(
            client: client, mapper: RESTMapper(client: client), fetcher: ChartFetcher(cache: cache), events: events)
        environment.defaultServiceAccount = defaultServiceAccount
        environment.allowsCrossNamespaceReferences = !noCrossNamespaceRefs
        var controllerOptions = ReleaseController.Options()
        controllerOptions.workers = concurrency
        controllerOptions.namespace = watchNamespace
        controllerOptions.labelSelector = watchLabelSelector
        let controller = ReleaseController(environment: environment, options: controllerOptions, readiness: readiness, logger: logger)
        logger.info("rudder controller starting", metadata: ["server": "\(config.server)", "concurrency": "\(concurrency)"])

        let identity = "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let election = leaderElect ? LeaderElectionConfiguration(leaseName: "rudder-leader", namespace: leaderElectionNamespace, identity: identity) : nil
        let running = Task {
            if let election {
                await readiness.enter(.standby)
                let elector = try LeaderElector(client: client, configuration: election)
                try await elector.run { await controller.run() }
            } else {
                await controller.run()
            }
        }
        // The endpoints outlive the controller's graceful shutdown (probes keep answering
        // while reconciles finish); one that cannot listen stops the controller.
        let serving = Task {
            do {
                try await OperationsEndpoints(endpoints: endpoints, logger: logger).run()
            } catch {
                running.cancel()
                throw error
            }
        }
        let stop = SignalTrap(signals: [SIGINT, SIGTERM]) { running.cancel() }
        defer { stop.cancel() }
        do {
            try await running.value
        } catch is CancellationError {
        } catch {
            serving.cancel()
            throw error
        }
        serving.cancel()
        try await serving.value
        await events.close()
        logger.info("rudder controller stopped")
    }
}
