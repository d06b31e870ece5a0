/// A CEL runtime value. Objects of a structural schema are maps with string keys: CEL
/// selects a field and tests it with `has()` the same way on both, and the schema's part
/// (which fields exist) is the checker's business, not the runtime's.
public enum CELValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([CELValue])
    case map(CELMap)
    /// `google.protobuf.Duration`, held as nanoseconds (±292 years is all Kubernetes needs).
    case duration(Int64)
    /// `google.protobuf.Timestamp`, always UTC.
    case timestamp(seconds: Int64, nanos: Int32)
    case type(CELTypeName)
    /// `optional_type`: what `oldSelf` is for a rule with `optionalOldSelf: true` (none on
    /// create), read with `hasValue()`, `value()` and `orValue()`.
    indirect case optional(CELValue?)

    /// The name `type()` gives and error messages use.
    public var typeName: CELTypeName {
        switch self {
        case .null: return .nullType
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list
        case .map: return .map
        case .duration: return .duration
        case .timestamp: return .timestamp
        case .type: return .type
        case .optional: return .optional
        }
    }
}

/// The runtime types a value can have, named as CEL spells them.
public enum CELTypeName: String, Sendable, Equatable, CaseIterable {
    case nullType = "null_type"
    case bool, int, uint, double, string, bytes, list, map
    case duration = "google.protobuf.Duration"
    case timestamp = "google.protobuf.Timestamp"
    case type
    case optional = "optional_type"

    /// The identifiers that denote a type in an expression (`type(x) == int`).
    static let identifiers: [String: CELTypeName] = [
        "null_type": .nullType, "bool": .bool, "int": .int, "uint": .uint, "double": .double,
        "string": .string, "bytes": .bytes, "list": .list, "map": .map, "type": .type,
        "google.protobuf.Duration": .duration, "google.protobuf.Timestamp": .timestamp,
    ]
}

/// A key of a CEL map: only these four types may be keys.
public enum CELMapKey: Hashable, Sendable {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case string(String)

    init?(_ value: CELValue) {
        switch value {
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    var value: CELValue {
        switch self {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .string(let s): return .string(s)
        }
    }

    /// The same number as the other integer type, for CEL's heterogeneous key lookup
    /// (`{1: 'a'}[1u]`).
    var numericTwin: CELMapKey? {
        switch self {
        case .int(let i) where i >= 0: return .uint(UInt64(i))
        case .uint(let u) where u <= UInt64(Int64.max): return .int(Int64(u))
        default: return nil
        }
    }
}

/// A CEL map that remembers insertion order, so that iteration (`all`, `map`, …) and
/// printing are deterministic.
public struct CELMap: Sendable, Equatable {
    public private(set) var keys: [CELMapKey] = []
    private var storage: [CELMapKey: CELValue] = [:]

    public init() {}

    public init(strings: [(String, CELValue)]) {
        for (k, v) in strings { self[.string(k)] = v }
    }

    public var count: Int { keys.count }

    public subscript(key: CELMapKey) -> CELValue? {
        get { storage[key] ?? key.numericTwin.flatMap { storage[$0] } }
        set {
            if storage[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil, storage[key] != nil { keys.removeAll { $0 == key } }
            storage[key] = newValue
        }
    }

    public var entries: [(key: CELMapKey, value: CELValue)] { keys.map { ($0, storage[$0]!) } }

    /// Equal when both hold the same keys with equal values, whatever the order.
    public static func == (a: CELMap, b: CELMap) -> Bool {
        guard a.count == b.count else { return false }
        for (k, v) in a.entries {
            guard let w = b[k], CELOperators.equals(v, w) else { return false }
        }
        return true
    }
}
