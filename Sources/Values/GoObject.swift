/// A Go struct, pointer or other non-container value that templates can hold.
///
/// The engine exposes a few of these (`time.Time`, `*semver.Version`, `.Files`,
/// `.Capabilities`); each says how Go would print it, which fields and methods a
/// template may reach, and what `encoding/json` would make of it.
public protocol GoObject: Sendable {
    var goType: GoType { get }
    /// An exported field, as `.Field` reaches it; nil when there is none.
    func field(_ name: String) -> Value?
    /// A method, as `.Method arg…` calls it; nil when there is none. Go looks
    /// methods up before fields.
    func method(_ name: String) -> GoFunction?
    /// What `%v`/`%s` print when the type implements `Stringer` or `error`.
    var stringer: String? { get }
    /// What a `String()` method with a pointer receiver returns: Go's template printer
    /// uses it (it takes the address of the value), `fmt` does not.
    var pointerStringer: String? { get }
    /// The fields in declaration order, for `%v` (`{a b}`) and `%+v` (`{A:a B:b}`).
    var structFields: [(name: String, value: Value)] { get }
    /// What `encoding/json` produces for this object, as a value tree.
    var jsonValue: Value { get }
    /// A plain struct's fields as `encoding/json` writes them: in declaration order, not
    /// sorted like map keys. Nil when the type marshals itself (`jsonValue` is used).
    var jsonFields: [(name: String, value: Value)]? { get }
    /// Whether `if` treats it as true (structs always are; nil pointers are not).
    var isTruthy: Bool { get }
    func isIdentical(to other: any GoObject) -> Bool
}

extension GoObject {
    public func field(_ name: String) -> Value? {
        structFields.first(where: { $0.name == name })?.value
    }
    public func method(_ name: String) -> GoFunction? { nil }
    public var stringer: String? { nil }
    public var jsonFields: [(name: String, value: Value)]? { nil }
    public var pointerStringer: String? { nil }
    public var isTruthy: Bool { true }
    /// Go's default struct encoding: the JSON fields if the type names them, else every
    /// field. (Order only matters for JSON text; `jsonFields` keeps it.)
    public var jsonValue: Value {
        let fields = jsonFields ?? structFields
        return .map(Dictionary(fields.map { ($0.name, $0.value.jsonValue) }, uniquingKeysWith: { a, _ in a }))
    }
    public func isIdentical(to other: any GoObject) -> Bool {
        goType == other.goType && stringer == other.stringer
            && structFields.map(\.name) == other.structFields.map(\.name)
    }
}

extension Value {
    /// The value with every object replaced by what `encoding/json` would make of it.
    public var jsonValue: Value {
        switch self {
        case .object(let o): return o.jsonValue
        case .list(let l, let t): return .list(l.map(\.jsonValue), type: t)
        case .map(let m, let t): return .map(m.mapValues(\.jsonValue), type: t)
        default: return self
        }
    }
}
