import KubeObjects

/// kube-rs's reflector (client-go's informer without resync): runs a `Watcher` into an
/// `ObjectCache` and passes on what changed, in the order the watcher saw it. A relist
/// replaces the cache at once, so objects deleted while the watch was away vanish and are
/// reported as deletions; the cache therefore converges to the server's state after any
/// gap. Controllers read the cache; the changes tell them which keys to look at.
public struct Reflector: Sendable {
    public let watcher: Watcher
    public let cache: ObjectCache

    public init(_ watcher: Watcher, cache: ObjectCache = ObjectCache()) {
        self.watcher = watcher
        self.cache = cache
    }

    /// Whether the cache holds a first full list.
    public var hasSynced: Bool {
        get async { await cache.hasSynced }
    }

    /// Returns once the cache holds a first full list (throws if cancelled first).
    public func waitForSync() async throws {
        try await cache.waitForSync()
    }

    /// Starts watching and returns the changes, until the consuming task is cancelled
    /// (which stops the watch). The cache is only written from here, so consume the
    /// changes of one reflector once; the stream buffers, so a slow consumer never holds
    /// the cache back.
    public func changes() -> AsyncStream<ObjectChange> {
        let (stream, output) = AsyncStream<ObjectChange>.makeStream(bufferingPolicy: .unbounded)
        let events = watcher.events()
        let cache = self.cache
        let task = Task {
            for await event in events {
                for change in await cache.record(event) { output.yield(change) }
            }
            output.finish()
        }
        output.onTermination = { _ in task.cancel() }
        return stream
    }
}

extension ResourceClient {
    /// A reflector of this resource (in this client's namespace, or all) into `cache`.
    public func reflector(_ params: ListParams = ListParams(), cache: ObjectCache = ObjectCache()) -> Reflector {
        Reflector(watcher(params), cache: cache)
    }
}
