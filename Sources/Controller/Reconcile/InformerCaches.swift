import KubeClient
import KubeObjects

/// The controller's informer caches, which reconciles read instead of asking the API
/// server: the HelmReleases themselves and the ConfigMaps and Secrets their values and
/// charts come from. An object a cache does not hold (not seen yet, or a Secret the watch
/// leaves out) is read from the server, and so is a HelmRelease the cache holds in a state
/// older than this controller's own last write to it (see `WrittenVersions`).
///
/// `.none` reads everything from the server (reconciles run outside a controller).
public struct InformerCaches: Sendable {
    public var releases: ObjectCache?
    public var configMaps: ObjectCache?
    public var secrets: ObjectCache?
    /// The resourceVersions this controller's writes to HelmReleases produced.
    public let written: WrittenVersions

    public init(releases: ObjectCache? = nil, configMaps: ObjectCache? = nil, secrets: ObjectCache? = nil) {
        self.releases = releases
        self.configMaps = configMaps
        self.secrets = secrets
        self.written = WrittenVersions()
    }

    public static var none: InformerCaches { InformerCaches() }

    /// The HelmRelease `ref` as current as this controller knows it: from the cache unless
    /// the cache lags behind a write of ours; nil when it does not exist.
    func helmRelease(_ ref: ObjectRef, via releases: ResourceClient) async throws -> JSONValue? {
        if let cache = self.releases, let cached = await cache.get(ref), await written.covers(cached) { return cached }
        return try await releases.getIfExists(ref.name)
    }

    func cache(for kind: ReferencedKind) -> ObjectCache? {
        switch kind {
        case .configMap: configMaps
        case .secret: secrets
        }
    }
}

/// Read-your-writes for a cache fed by a watch: the resourceVersion each of this
/// controller's own writes to an object returned, until the cache has caught up with it.
/// A reconcile that starts right after another wrote the status (a requeue, a spec change
/// queued meanwhile) would otherwise read the status before that write, decide from it, and
/// have its own write refused as a conflict.
///
/// resourceVersions are compared as the integers every Kubernetes server makes them (etcd
/// revisions); one that is not an integer is only trusted when it equals the one written.
public actor WrittenVersions {
    private var versions: [ObjectRef: String] = [:]

    public init() {}

    /// Remembers the resourceVersion of `object` as returned by a write of ours.
    public func note(_ object: JSONValue) {
        guard let ref = ObjectRef(object), let version = object.metadataResourceVersion else { return }
        versions[ref] = version
    }

    /// Whether `cached` is at least as new as our last write to it (forgetting the write
    /// once it is).
    public func covers(_ cached: JSONValue) -> Bool {
        guard let ref = ObjectRef(cached), let written = versions[ref] else { return true }
        let seen = cached.metadataResourceVersion ?? ""
        let caughtUp: Bool
        if let a = UInt64(seen), let b = UInt64(written) {
            caughtUp = a >= b
        } else {
            caughtUp = seen == written
        }
        if caughtUp { versions[ref] = nil }
        return caughtUp
    }

    /// Forgets a deleted object.
    public func forget(_ ref: ObjectRef) {
        versions[ref] = nil
    }
}
