import KubeClient
import KubeObjects
import Logging

/// The HelmRelease controller: a watch of HelmReleases (the primary), watches of the
/// ConfigMaps and Secrets they read (mapped back to the releases that reference them), and
/// `workers` reconciles at a time. Every reconcile is measured (`ReconcileMetrics`) and the
/// first full list of HelmReleases is reported to `readiness`.
public struct ReleaseController: Sendable {
    public struct Options: Sendable {
        /// Reconciles running at once (`--concurrency`).
        public var workers = 16
        /// Only this namespace's HelmReleases (`--watch-namespace`); nil for all.
        public var namespace: String?
        /// Only HelmReleases with these labels (`--watch-label-selector`), for sharding.
        public var labelSelector: String?

        public init() {}
    }

    public let environment: ReconcilerEnvironment
    public let options: Options
    /// Told when the HelmRelease cache has synced and when the controller stops (`/readyz`).
    public let readiness: ControllerReadiness
    let logger: Logger

    public init(
        environment: ReconcilerEnvironment, options: Options = Options(), readiness: ControllerReadiness = ControllerReadiness(),
        logger: Logger = Logger(label: "rudder.controller")
    ) {
        self.environment = environment
        self.options = options
        self.readiness = readiness
        self.logger = logger
    }

    /// Reconciles until the calling task is cancelled; running reconciles finish first.
    public func run() async {
        let client = self.environment.client
        let releases = ResourceClient(client: client, resource: HelmRelease.groupVersionResource, namespace: options.namespace)
            .reflector(ListParams(labelSelector: options.labelSelector), cache: ObjectCache(indexes: ReleaseIndexes.all))
        let configMaps = ResourceClient(client: client, resource: ConfigMap.groupVersionResource, namespace: options.namespace).reflector()
        // Helm's own release records (owner=helm) are large and never referenced: the
        // server filters them out of this watch.
        let secrets = ResourceClient(client: client, resource: Secret.groupVersionResource, namespace: options.namespace)
            .reflector(ListParams(labelSelector: "owner!=helm"))
        // Helm's records in Secrets, metadata only (their labels say release, revision and
        // status; the payloads stay on the server), to notice Helm CLI runs at once.
        let records = ResourceClient(client: client, resource: Secret.groupVersionResource, namespace: options.namespace)
            .metadataOnly().reflector(ListParams(labelSelector: "owner=helm"))
        var environment = self.environment
        environment.caches = InformerCaches(releases: releases.cache, configMaps: configMaps.cache, secrets: secrets.cache)
        let reconciler = HelmReleaseReconciler(environment: environment)
        let logger = self.logger
        let queue = WorkQueue<ObjectRef>()
        let instrumentation = ReconcileInstrumentation(queue: queue)
        let statuses = ReleaseStatusGauge()
        var loop = ControllerLoop(primary: releases, kind: HelmRelease.groupVersionKind, queue: queue, workers: options.workers) { key in
            try await instrumentation.run(key) { try await reconciler.reconcile(key) }
        }
        // Status writes (our own) and finalizer changes need no reconcile; spec, deletion,
        // labels and annotations do.
        loop.primaryPredicate = .generationOrMetadata
        // Every change of a HelmRelease, its own status writes included (which queue no
        // reconcile), recounts its status; and one that is Ready lets its dependents go on.
        loop.primaryRelated = { change in
            if let ref = change.ref {
                if case .applied(let object) = change { await statuses.update(ref, from: object) } else { await statuses.update(ref, from: nil) }
            }
            guard case .applied(let object) = change, DependencyCheck.isReady(object), let ref = ObjectRef(object) else { return [] }
            return await releases.cache.byIndex(ReleaseIndexes.dependencies, "\(ref.namespace)/\(ref.name)").sorted()
        }
        loop.onError = { key, error in
            logger.warning("reconcile failed", metadata: ["helmrelease": "\(key)", "error": "\(error)"])
        }
        loop = loop
            .watches(configMaps, changes: { change in
                // ConfigMaps are also where `storage: ConfigMap` keeps Helm's records.
                await Self.referencing(change.object, kind: .configMap, in: releases.cache)
                    + HelmRecordTrigger.releases(for: change, in: releases.cache)
            })
            .watches(secrets) { object in await Self.referencing(object, kind: .secret, in: releases.cache) }
            .watches(records, changes: { change in await HelmRecordTrigger.releases(for: change, in: releases.cache) })
        let readiness = self.readiness
        let configured = loop
        ReconcileMetrics.recordQueueDepth(0)  // exported from the start, not from the first reconcile
        await readiness.enter(.syncing)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await configured.run() }
            group.addTask {
                // Ends without marking when the controller is stopped before the list came.
                guard (try? await releases.waitForSync()) != nil else { return }
                await readiness.enter(.synced)
            }
        }
        await readiness.enter(.stopped)
    }

    static func referencing(_ object: JSONValue, kind: ReferencedKind, in releases: ObjectCache) async -> [ObjectRef] {
        guard let name = object.metadataName, let namespace = object.metadataNamespace else { return [] }
        return await releases.byIndex(ReleaseIndexes.references, ReleaseIndexes.key(kind.rawValue, name))
            .filter { $0.namespace == namespace }.sorted()
    }
}
