/// The entries of a Go `map[string]…`, with Go's reference semantics.
///
/// Go maps are references: `{{ $_ := set $d "k" 1 }}` changes `$d` for every holder of
/// the map, and charts rely on it (an `include` "returns" values by setting keys on a dict
/// its caller passed in; `set $.Values …` is seen by later templates). So a `ValueMap` is
/// a handle on shared storage; copying the handle shares the map, `copy()` and
/// `deepCopy()` make new ones. A render owns the maps it was given: whoever renders the
/// same values concurrently hands each render its own `deepCopy()`.
public struct ValueMap: Sendable, Sequence, ExpressibleByDictionaryLiteral, Equatable {
    final class Storage: @unchecked Sendable {
        var entries: [String: Value]
        init(_ entries: [String: Value]) { self.entries = entries }
    }

    let storage: Storage

    public init(_ entries: [String: Value] = [:]) {
        storage = Storage(entries)
    }

    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }

    /// The entries as a dictionary (a snapshot: later changes to the map don't show).
    public var dictionary: [String: Value] { storage.entries }

    public subscript(key: String) -> Value? {
        get { storage.entries[key] }
        nonmutating set { storage.entries[key] = newValue }
    }

    public subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
        storage.entries[key] ?? defaultValue()
    }

    public var keys: Dictionary<String, Value>.Keys { storage.entries.keys }
    public var values: Dictionary<String, Value>.Values { storage.entries.values }
    public var count: Int { storage.entries.count }
    public var isEmpty: Bool { storage.entries.isEmpty }

    public func makeIterator() -> Dictionary<String, Value>.Iterator { storage.entries.makeIterator() }

    @discardableResult
    public func removeValue(forKey key: String) -> Value? { storage.entries.removeValue(forKey: key) }

    /// Replaces every entry (the map stays the same map for its other holders).
    public func replaceAll(with entries: [String: Value]) { storage.entries = entries }

    public func mapValues(_ transform: (Value) throws -> Value) rethrows -> [String: Value] {
        try storage.entries.mapValues(transform)
    }

    public func filter(_ isIncluded: ((key: String, value: Value)) throws -> Bool) rethrows -> [String: Value] {
        try storage.entries.filter(isIncluded)
    }

    /// Whether both handles are the same Go map.
    public func isSameMap(as other: ValueMap) -> Bool { storage === other.storage }

    /// A new map with the same entries (nested maps shared), as Go's `maps.Clone`.
    public func copy() -> ValueMap { ValueMap(storage.entries) }

    /// A new map with every nested map copied too.
    public func deepCopy() -> ValueMap { ValueMap(storage.entries.mapValues { $0.deepCopy() }) }

    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.entries == rhs.storage.entries
    }
}

extension Value {
    /// The value with every map inside it copied, so changes to one don't show in the other.
    public func deepCopy() -> Value {
        switch self {
        case .map(let m, let t): return .map(m.deepCopy(), type: t)
        case .list(let l, let t): return .list(l.map { $0.deepCopy() }, type: t)
        default: return self
        }
    }

    /// The map handle of a map value (shared, not a snapshot).
    public var mapReference: ValueMap? {
        if case .map(let m, _) = self { return m }
        return nil
    }
}
