import KubeObjects

/// The reflector's store: the objects a watcher has seen, by namespace/name, with named
/// secondary indexes (client-go's `Indexer`) kept up to date on every event. Readers get
/// consistent snapshots; a `.restarted` replaces everything at once, so objects deleted
/// while the watch was down disappear.
public actor ObjectCache {
    /// Maps an object to the index values it is filed under (e.g. its owner's uid).
    public typealias IndexFunction = @Sendable (JSONValue) -> [String]

    private var objects: [ObjectRef: JSONValue] = [:]
    private var indexFunctions: [String: IndexFunction] = [:]
    private var indexes: [String: [String: Set<ObjectRef>]] = [:]
    public private(set) var resourceVersion = ""
    /// Whether a first full list has arrived (controllers wait for it before working).
    public private(set) var hasSynced = false

    public init(indexes: [String: IndexFunction] = [:]) {
        self.indexFunctions = indexes
        self.indexFunctions["namespace"] = { [$0.metadataNamespace ?? ""] }
    }

    private var syncWaiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var nextSyncWaiter = 0

    /// Applies one watcher event; returns the references whose object changed (for a
    /// restart, every object added, changed or gone).
    @discardableResult
    public func apply(_ event: WatcherEvent) -> [ObjectRef] {
        record(event).compactMap(\.ref)
    }

    /// Applies one watcher event and says what it changed, with the objects: a restart's
    /// changes (ordered by reference) include a deletion, carrying the last state seen,
    /// for every object that vanished while the watch was away, which a plain list
    /// cannot tell. A restart that finds an object unchanged reports nothing for it.
    public func record(_ event: WatcherEvent) -> [ObjectChange] {
        switch event {
        case .restarted(let all, let rv):
            var fresh: [ObjectRef: JSONValue] = [:]
            for o in all { if let ref = ObjectRef(o) { fresh[ref] = o } }
            var changes: [(ObjectRef, ObjectChange)] = []
            for (ref, old) in objects where fresh[ref] == nil { changes.append((ref, .deleted(old))) }
            for (ref, new) in fresh where objects[ref] != new { changes.append((ref, .applied(new))) }
            objects = fresh
            rebuildIndexes()
            resourceVersion = rv
            markSynced()
            return changes.sorted { $0.0 < $1.0 }.map(\.1)
        case .applied(let o):
            guard let ref = ObjectRef(o) else { return [] }
            unindex(ref)
            objects[ref] = o
            index(ref, o)
            note(o)
            return [.applied(o)]
        case .deleted(let o):
            guard let ref = ObjectRef(o) else { return [] }
            unindex(ref)
            objects[ref] = nil
            note(o)
            return [.deleted(o)]
        case .bookmark(let rv):
            resourceVersion = rv
            return []
        }
    }

    /// Returns once a first full list has arrived; throws `CancellationError` if the
    /// waiting task is cancelled first.
    public func waitForSync() async throws {
        if hasSynced { return }
        let id = nextSyncWaiter
        nextSyncWaiter += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    waiter.resume(throwing: CancellationError())
                } else {
                    syncWaiters[id] = waiter
                }
            }
        } onCancel: {
            Task { await self.cancelSyncWaiter(id) }
        }
    }

    private func cancelSyncWaiter(_ id: Int) {
        syncWaiters.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    private func markSynced() {
        hasSynced = true
        let waiters = syncWaiters
        syncWaiters.removeAll()
        for w in waiters.values { w.resume() }
    }

    public func get(_ ref: ObjectRef) -> JSONValue? { objects[ref] }

    /// Every object (in one namespace, or all), ordered by reference.
    public func list(namespace: String? = nil) -> [JSONValue] {
        let refs = namespace.map { byIndex("namespace", $0) } ?? objects.keys.sorted()
        return refs.compactMap { objects[$0] }
    }

    /// References filed under `value` in index `name`, ordered.
    public func byIndex(_ name: String, _ value: String) -> [ObjectRef] {
        (indexes[name]?[value] ?? []).sorted()
    }

    public var count: Int { objects.count }

    private func note(_ object: JSONValue) {
        if let rv = object[path: ["metadata", "resourceVersion"]]?.stringValue { resourceVersion = rv }
    }

    private func rebuildIndexes() {
        indexes = [:]
        for (ref, o) in objects { index(ref, o) }
    }

    private func index(_ ref: ObjectRef, _ object: JSONValue) {
        for (name, f) in indexFunctions {
            for value in f(object) { indexes[name, default: [:]][value, default: []].insert(ref) }
        }
    }

    private func unindex(_ ref: ObjectRef) {
        guard let old = objects[ref] else { return }
        for (name, f) in indexFunctions {
            for value in f(old) {
                indexes[name]?[value]?.remove(ref)
                if indexes[name]?[value]?.isEmpty == true { indexes[name]?[value] = nil }
            }
        }
    }
}
