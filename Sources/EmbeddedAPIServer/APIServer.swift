import KubeObjects

/// The embedded Kubernetes API server: the store and its semantics (`Cluster`), the HTTP
/// endpoint real clients talk to, and the controllers a cluster runs inside (garbage
/// collection, namespace finalization). `hack/dev`, the end-to-end tests and the
/// benchmarks run against it.
public final class APIServer: Sendable {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 picks a free port.
        public var port = 0
        /// Changes kept (across all resources) for watches to resume from and for later
        /// pages of a paged list to be read at their first page's resourceVersion; older
        /// resourceVersions and continue tokens get 410 Expired.
        public var historyLimit = 10_000
        public var watch = WatchSettings()
        /// How often open watches that asked for bookmarks get one.
        public var bookmarkInterval: Duration = .seconds(15)
        /// The workload simulator (nil: off): Deployments, StatefulSets, DaemonSets and Jobs
        /// become ready the way kube-controller-manager would make them.
        public var workloadSimulator: WorkloadSimulator.Configuration? = WorkloadSimulator.Configuration()
        /// Serve HTTPS with this CA and certificates (nil: plain HTTP on loopback, where Go
        /// clients send no credentials and none are asked for).
        public var tls: TLSMaterial?
        /// Over TLS: bearer tokens accepted besides the CA's client certificates.
        public var bearerTokens: [String] = []
        /// API Priority and Fairness (nil: off, answers carry no APF headers, nothing is
        /// limited, as a server with the feature disabled).
        public var flowControl: FlowControlConfiguration? = FlowControlConfiguration()
        /// Who may do what: RBAC over the stored Roles and bindings (`system:masters`, so the
        /// CA's administrator certificate and plain HTTP, may do anything), or everything.
        public var authorization: Authorizer.Mode = .rbac
        /// Called for every answered request (never with bodies); nil logs nothing.
        public var accessLog: (@Sendable (AccessLogEntry) -> Void)?

        public init() {}
    }

    public let configuration: Configuration
    public let cluster: Cluster
    /// Failures tests can order while the server runs.
    public let faults = FaultInjector()
    /// Priority and fairness, when configured: tests read its seats and queues.
    public let flowControl: FlowController?

    public init(configuration: Configuration = Configuration(), cluster: Cluster? = nil) {
        self.configuration = configuration
        self.cluster = cluster ?? Cluster(store: ObjectStore(historyLimit: configuration.historyLimit))
        flowControl = configuration.flowControl.map { FlowController(configuration: $0) }
    }

    /// The namespaces every cluster starts with.
    public static let initialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    /// A kubeconfig for this server on `port`: the CA and the client certificate over TLS,
    /// nothing but the address over plain HTTP.
    public func kubeconfig(port: Int) -> Kubeconfig {
        guard let tls = configuration.tls else { return .plainHTTP(host: configuration.host, port: port) }
        return .tls(host: configuration.host, port: port, material: tls)
    }

    /// Serves until the calling task is cancelled; `onReady` gets the bound port once
    /// requests are being accepted.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await seed()
        // kube-apiserver's order: authentication, impersonation, priority and fairness (which
        // needs the user), authorization, then the API; injected faults act as the API, so a
        // slow answer holds its seat.
        let authorizer = Authorizer(mode: configuration.authorization, store: cluster.store)
        var handler: any HTTPRequestHandler = FaultInjectingHandler(
            faults: faults, wrapped: APIHandler(cluster: cluster, watchSettings: configuration.watch))
        handler = AuthorizingHandler(handler, authorizer: authorizer, cluster: cluster)
        if let flowControl { handler = FlowControlHandler(handler, controller: flowControl) }
        handler = ImpersonatingHandler(handler, authorizer: authorizer)
        handler = AuthenticatingHandler(handler, authenticator: Authenticator(bearerTokens: configuration.bearerTokens))
        if let log = configuration.accessLog { handler = AccessLoggingHandler(wrapped: handler, record: log) }
        let cluster = self.cluster
        let interval = configuration.bookmarkInterval
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await ClusterControllers(cluster: cluster).run() }
            if let simulation = configuration.workloadSimulator {
                let simulator = WorkloadSimulator(cluster: ClusterSimulatorCluster(cluster: cluster), configuration: simulation)
                group.addTask { await simulator.start() }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    await cluster.store.bookmarkAll()
                }
            }
            group.addTask { [handler] in try await self.listen(handler, onReady: onReady) }
            // Any task ending (the HTTP server failing to bind) ends the server.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Serves HTTP; an outage ordered through `faults` closes the listener and every
    /// connection, waits, and listens again on the same port.
    private func listen(_ handler: any HTTPRequestHandler, onReady: @escaping @Sendable (Int) async -> Void) async throws {
        let port = BoundPort(configuration.port)
        let tls = configuration.tls?.serverConfiguration
        let host = configuration.host
        var first = true
        var outages = faults.outages.makeAsyncIterator()
        while !Task.isCancelled {
            let http = HTTPServer(host: host, port: await port.value, tls: tls, handler: handler)
            let announce = first
            let serving = Task {
                try await http.run { bound in
                    await port.set(bound)
                    if announce { await onReady(bound) }
                }
            }
            first = false
            let outage = await withTaskCancellationHandler {
                await outages.next()
            } onCancel: {
                serving.cancel()
            }
            serving.cancel()
            _ = try? await serving.value
            guard let outage else { return }
            try await Task.sleep(for: outage)
        }
    }

    /// The controllers a cluster runs inside the API server (garbage collection, namespace
    /// finalization) over `cluster`, until cancelled; for tests that drive a `Cluster` directly.
    public static func runControllers(_ cluster: Cluster) async {
        await ClusterControllers(cluster: cluster).run()
    }

    /// Creates the initial namespaces (idempotent, so a restart over a kept store is fine).
    public func seed() async throws {
        guard let rules = await cluster.rules(group: "", version: "v1", plural: "namespaces") else { return }
        for name in Self.initialNamespaces where await cluster.store.get(Cluster.namespaces, ObjectKey(namespace: "", name: name)) == nil {
            var options = WriteOptions()
            options.fieldManager = "kube-apiserver"
            _ = try await cluster.create(
                rules, namespace: nil, object: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]],
                options: options)
        }
    }
}

/// The port the listener got (port 0 asks for any), kept so a restart binds the same one.
private actor BoundPort {
    private(set) var value: Int
    init(_ value: Int) { self.value = value }
    func set(_ port: Int) { value = port }
}
