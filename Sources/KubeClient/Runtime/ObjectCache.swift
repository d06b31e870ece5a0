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

    /// Applies one watcher event; returns the references whose object changed (for a
    /// restart, every object added, changed or gone).
    @discardableResult
    public func apply(_ event: WatcherEvent) -> [ObjectRef] {
        switch event {
        case .restarted(let all, let rv):
            var fresh: [ObjectRef: JSONValue] = [:]
            for o in all { if let ref = ObjectRef(o) { fresh[ref] = o } }
            var touched: [ObjectRef] = []
            for (ref, old) in objects where fresh[ref] != old { touched.append(ref) }
            for (ref, _) in fresh where objects[ref] == nil { touched.append(ref) }
            objects = fresh
            rebuildIndexes()
            resourceVersion = rv
            hasSynced = true
            return touched.sorted()
        case .applied(let o):
            guard let ref = ObjectRef(o) else { return [] }
            unindex(ref)
            objects[ref] = o
            index(ref, o)
            note(o)
            return [ref]
        case .deleted(let o):
            guard let ref = ObjectRef(o) else { return [] }
            unindex(ref)
            objects[ref] = nil
            note(o)
            return [ref]
        case .bookmark(let rv):
            resourceVersion = rv
            return []
        }
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
