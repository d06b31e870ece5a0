import KubeObjects

/// The server's storage: every object by resource and key, one global resourceVersion
/// counter (as etcd's revision), a bounded history of changes for watches to resume from
/// and for reads at an earlier resourceVersion (paged lists), and the open watches. It knows nothing of API semantics (generation, status, SSA):
/// the request layer above decides what to write; this actor makes each write atomic and
/// tells every watcher in order.
public actor ObjectStore {
    private var objects: [GroupResource: [ObjectKey: JSONValue]] = [:]
    public private(set) var resourceVersion: UInt64
    /// Changes in resourceVersion order, oldest first, at most `historyLimit` of them.
    private var history: [WatchEvent] = []
    private var historyStart = 0
    /// The oldest resourceVersion a watch may resume from.
    private var compactedThrough: UInt64
    public var historyLimit: Int
    private var watchers: [Int: Watcher] = [:]
    private var nextWatcherID = 0

    private struct Watcher {
        /// nil watches every resource (the garbage collector, the namespace controller).
        var resource: GroupResource?
        var namespace: String?
        var continuation: AsyncStream<WatchEvent>.Continuation
    }

    public init(historyLimit: Int = 10_000, startingAt resourceVersion: UInt64 = 1) {
        self.historyLimit = max(1, historyLimit)
        self.resourceVersion = resourceVersion
        self.compactedThrough = resourceVersion
    }

    // MARK: Reads

    public func get(_ resource: GroupResource, _ key: ObjectKey) -> JSONValue? {
        objects[resource]?[key]
    }

    /// Current objects of a resource (in one namespace, or all), ordered by key, with the
    /// store's resourceVersion at the time of the read.
    public func list(_ resource: GroupResource, namespace: String?) -> (items: [(ObjectKey, JSONValue)], resourceVersion: UInt64) {
        let all = objects[resource] ?? [:]
        let selected = namespace.map { ns in all.filter { $0.key.namespace == ns } } ?? all
        return (selected.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, resourceVersion)
    }

    /// A resource's objects (in one namespace, or all) as they were at `resourceVersion`,
    /// ordered by key, as etcd serves a read at a past revision; nil once that version is
    /// compacted.
    ///
    /// The window is the watch history (`historyLimit` changes, across all resources): the
    /// current objects with every later retained change undone (an ADDED removed, a
    /// MODIFIED or DELETED put back as it was). So memory stays bounded by the history a
    /// watch needs anyway, and a read costs the changes since that version plus a sort.
    /// A version ahead of the store reads as the current state.
    public func list(_ resource: GroupResource, namespace: String?, at resourceVersion: UInt64) -> [(ObjectKey, JSONValue)]? {
        guard resourceVersion >= compactedThrough else { return nil }
        var state = objects[resource] ?? [:]
        var i = history.endIndex
        while i > historyStart {
            i -= 1
            let e = history[i]
            guard e.resourceVersion > resourceVersion else { break }
            guard e.resource == resource else { continue }
            switch e.kind {
            case .added: state[e.key] = nil
            case .modified, .deleted: state[e.key] = e.previous
            case .bookmark: break
            }
        }
        let selected = namespace.map { ns in state.filter { $0.key.namespace == ns } } ?? state
        return selected.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Resources that hold at least one object in a namespace (for namespace deletion).
    public func resources(holdingObjectsIn namespace: String) -> [GroupResource] {
        objects.filter { $0.value.keys.contains { $0.namespace == namespace } }.map(\.key).sorted()
    }

    /// Every object of a resource (GC walks them for owner references).
    public func count(_ resource: GroupResource) -> Int { objects[resource]?.count ?? 0 }

    // MARK: Writes

    /// Atomically reads, transforms and writes one object. `transform` gets the current
    /// object (nil when absent) and returns what to store (nil deletes); the stored object
    /// gets the new resourceVersion. Returns the stored object (or, for a delete, the last
    /// state with the deletion's resourceVersion), whether anything changed, and how.
    @discardableResult
    public func mutate(
        _ resource: GroupResource, _ key: ObjectKey,
        _ transform: @Sendable (JSONValue?) throws(APIError) -> JSONValue?
    ) throws(APIError) -> (object: JSONValue?, changed: Bool, event: WatchEvent.Kind?) {
        let current = objects[resource]?[key]
        let next = try transform(current)
        switch (current, next) {
        case (nil, nil):
            return (nil, false, nil)
        case (let old?, let new?) where old == new:
            return (old, false, nil)
        case (nil, var new?):
            resourceVersion += 1
            Self.stamp(&new, resourceVersion)
            objects[resource, default: [:]][key] = new
            publish(WatchEvent(kind: .added, resource: resource, key: key, object: new, resourceVersion: resourceVersion))
            return (new, true, .added)
        case (let old?, var new?):
            resourceVersion += 1
            Self.stamp(&new, resourceVersion)
            objects[resource]![key] = new
            publish(WatchEvent(kind: .modified, resource: resource, key: key, object: new, resourceVersion: resourceVersion, previous: old))
            return (new, true, .modified)
        case (var old?, nil):
            resourceVersion += 1
            Self.stamp(&old, resourceVersion)
            objects[resource]![key] = nil
            publish(WatchEvent(kind: .deleted, resource: resource, key: key, object: old, resourceVersion: resourceVersion, previous: current))
            return (old, true, .deleted)
        }
    }

    private static func stamp(_ object: inout JSONValue, _ rv: UInt64) {
        object[path: ["metadata", "resourceVersion"]] = .string(String(rv))
    }

    // MARK: Watch

    /// Opens a watch on a resource (optionally one namespace). With `from == nil` the
    /// current objects come first as ADDED events; with a resourceVersion, every retained
    /// change after it is replayed, or `expired` when history no longer reaches back.
    public func watch(_ resource: GroupResource?, namespace: String?, from: UInt64?) throws(StoreError) -> WatchSubscription {
        var initial: [WatchEvent] = []
        if let from {
            if from < compactedThrough {
                throw .expired(requested: from, oldest: compactedThrough)
            }
            for e in history[historyStart...] where e.resourceVersion > from && (resource == nil || e.resource == resource)
                && (namespace == nil || e.key.namespace == namespace)
            {
                initial.append(e)
            }
        } else {
            let resources = resource.map { [$0] } ?? objects.keys.sorted()
            for r in resources {
                for (key, object) in list(r, namespace: namespace).items {
                    let rv = object[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { UInt64($0) } ?? resourceVersion
                    initial.append(WatchEvent(kind: .added, resource: r, key: key, object: object, resourceVersion: rv))
                }
            }
        }
        let id = nextWatcherID
        nextWatcherID += 1
        let (stream, continuation) = AsyncStream<WatchEvent>.makeStream(bufferingPolicy: .unbounded)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeWatcher(id) }
        }
        watchers[id] = Watcher(resource: resource, namespace: namespace, continuation: continuation)
        return WatchSubscription(initial: initial, events: stream, startResourceVersion: resourceVersion)
    }

    private func removeWatcher(_ id: Int) {
        watchers[id] = nil
    }

    public var watcherCount: Int { watchers.count }

    /// Ends every open watch (fault injection: clients must resume from their last rv).
    public func dropAllWatches() {
        let all = watchers
        watchers = [:]
        for w in all.values { w.continuation.finish() }
    }

    /// Forgets all history, so any resume from an older resourceVersion gets 410.
    public func compact() {
        history.removeAll()
        historyStart = 0
        compactedThrough = resourceVersion
    }

    private func publish(_ event: WatchEvent) {
        history.append(event)
        if history.count - historyStart > historyLimit {
            compactedThrough = history[historyStart].resourceVersion
            historyStart += 1
            // Drop the dead prefix now and then, not on every event.
            if historyStart > historyLimit {
                history.removeFirst(historyStart)
                historyStart = 0
            }
        }
        for w in watchers.values where (w.resource == nil || w.resource == event.resource)
            && (w.namespace == nil || w.namespace == event.key.namespace)
        {
            w.continuation.yield(event)
        }
    }

    /// Offers every open watch a bookmark at the current resourceVersion. It travels the
    /// same ordered stream as the changes, so a client never sees a bookmark ahead of a
    /// change it has not received.
    public func bookmarkAll() {
        for w in watchers.values {
            w.continuation.yield(
                WatchEvent(kind: .bookmark, resource: w.resource ?? GroupResource(group: "", resource: ""),
                           key: ObjectKey(namespace: "", name: ""), object: .null, resourceVersion: resourceVersion))
        }
    }

    /// The oldest resourceVersion a watch, a continue token or a read at a past version
    /// can still start from.
    public var oldestResourceVersion: UInt64 { compactedThrough }
}
