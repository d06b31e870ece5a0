/// A value of Helm's Go world: what `interface{}` holds while a chart renders.
///
/// Values files decode to `nil`, `bool`, `float64`, `string`, `[]interface {}` and
/// `map[string]interface {}`; templates add Go's other runtime types (`int` from
/// literals and `len`, `int64` from Sprig's math, `[]string` from `splitList`,
/// `[]uint8` from `.Files.GetBytes`, structs such as `time.Time`). Each case keeps the
/// Go type it stands for, because Go's printing, comparison and function-argument
/// rules depend on it.
public enum Value: Sendable {
    /// Go's untyped `nil` (an empty `interface{}`), which templates print as `<no value>`
    /// when it comes from a missing map key.
    case null
    case bool(Bool)
    /// Any Go integer. Unsigned 64-bit values above `Int64.max` keep their bit pattern;
    /// `type` says how to read it.
    case int(Int64, type: GoType)
    case float(Double)
    case string(String)
    /// `[]uint8`, which Go prints and marshals differently from other slices.
    case bytes([UInt8])
    case list([Value], type: GoType)
    /// A Go map; shared by reference like Go's (see `ValueMap`).
    case map(ValueMap, type: GoType)
    /// Structs, pointers and other Go objects the engine exposes (`time.Time`,
    /// `*semver.Version`, `.Files`, `.Capabilities`).
    case object(any GoObject)
    /// A function value (a struct field or map entry of func type).
    case function(GoFunction)

    /// A Go `int`.
    public static func int(_ v: Int) -> Value { .int(Int64(v), type: .int) }
    /// A Go `int64`.
    public static func int64(_ v: Int64) -> Value { .int(v, type: .int64) }
    /// A `[]interface {}`.
    public static func list(_ items: [Value]) -> Value { .list(items, type: .interfaceSlice) }
    /// A `map[string]interface {}`.
    public static func map(_ entries: [String: Value]) -> Value { .map(ValueMap(entries), type: .interfaceMap) }
    /// A new map of the given Go type.
    public static func map(_ entries: [String: Value], type: GoType) -> Value { .map(ValueMap(entries), type: type) }
    /// A `[]string`.
    public static func strings(_ items: [String]) -> Value {
        .list(items.map { .string($0) }, type: .stringSlice)
    }

    /// The Go type; `nil` for Go's untyped nil.
    public var goType: GoType? {
        switch self {
        case .null: return nil
        case .bool: return .bool
        case .int(_, let t): return t
        case .float: return .float64
        case .string: return .string
        case .bytes: return .byteSlice
        case .list(_, let t): return t
        case .map(_, let t): return t
        case .object(let o): return o.goType
        case .function: return .function
        }
    }

    /// `%T`'s rendering of the type (`<nil>` for nil).
    public var typeName: String { goType?.name ?? "<nil>" }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A map's entries (a snapshot; see `mapReference` for the shared map).
    public var mapValue: [String: Value]? {
        if case .map(let m, _) = self { return m.dictionary }
        return nil
    }

    public var listValue: [Value]? {
        if case .list(let l, _) = self { return l }
        return nil
    }

    /// For unsigned types the bit pattern read as unsigned.
    public var uint64Value: UInt64? {
        if case .int(let v, let t) = self { return t.isUnsignedInteger ? UInt64(bitPattern: v) : (v >= 0 ? UInt64(v) : nil) }
        return nil
    }
}

extension Value: Equatable {
    /// Structural equality (objects by identity of their description). Go's `==` on
    /// interfaces also compares types; that rule lives with the template builtins.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a, let ta), .int(let b, let tb)): return a == b && ta == tb
        case (.float(let a), .float(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.list(let a, let ta), .list(let b, let tb)): return ta == tb && a == b
        case (.map(let a, let ta), .map(let b, let tb)): return ta == tb && a == b
        case (.object(let a), .object(let b)): return a.isIdentical(to: b)
        case (.function(let a), .function(let b)): return a.name == b.name
        default: return false
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByIntegerLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .float(value) }
    /// Integer literals in Swift code are Go `int`s (as in templates).
    public init(integerLiteral value: Int) { self = .int(Int64(value), type: .int) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }
}
