import Values

/// The executor's stand-in for Go's `reflect.Value`.
///
/// Go's executor distinguishes three states that all look like "nil" from the outside,
/// and chart authors hit each of them:
/// - an *invalid* value (a pipeline produced nil, or nothing): prints `<no value>`,
///   yields nothing when a field is taken from it;
/// - a nil held in an `interface {}` slot (a missing key of `.Values.m` in the middle of
///   a field chain): taking a field is `nil pointer evaluating interface {}.x`;
/// - a concrete value.
/// Values read from `map[string]interface {}` or `[]interface {}` are boxed in an
/// interface until a pipeline stage ends, which is where Go unwraps them.
enum Reflected {
    case invalid
    /// A value whose static type is `interface {}` (`.null` = a nil interface).
    case boxed(Value)
    case concrete(Value)

    init(element v: Value, of containerType: GoType) {
        if Reflected.holdsInterfaces(containerType) {
            self = .boxed(v)
        } else {
            self = v.isNull ? .boxed(.null) : .concrete(v)
        }
    }

    /// Whether a container's elements are `interface {}` (`elementType == .interface`,
    /// decided by matching: comparing built types was a visible share of every field read).
    static func holdsInterfaces(_ t: GoType) -> Bool {
        switch t {
        case .map(_, .interface), .slice(.interface), .pointer(.interface): return true
        case .named(_, let u): return holdsInterfaces(u)
        default: return false
        }
    }

    /// Go's `indirectInterface`: the concrete value, with a nil interface becoming invalid.
    var unboxed: Reflected {
        if case .boxed(let v) = self { return v.isNull ? .invalid : .concrete(v) }
        return self
    }

    /// The value for a Go `interface {}` parameter (nil for invalid or nil).
    var value: Value {
        switch self {
        case .invalid: return .null
        case .boxed(let v), .concrete(let v): return v
        }
    }

    /// What indexing a map of `type` with a missing key yields: the element type's zero
    /// value (a nil interface for `interface {}` elements).
    static func zeroElement(of type: GoType) -> Reflected {
        guard let e = type.elementType else { return .invalid }
        switch e.underlying {
        case .interface: return .boxed(.null)
        case .string: return .concrete(.string(""))
        case .bool: return .concrete(.bool(false))
        case .float32, .float64: return .concrete(.float(0))
        default:
            if e.isInteger { return .concrete(.int(0, type: e)) }
            return .concrete(e.zeroValue)
        }
    }

    var isValid: Bool {
        if case .invalid = self { return false }
        return true
    }

    /// The static type's name as Go's error messages show it (`interface {}` for boxed).
    var staticTypeName: String {
        switch self {
        case .invalid: return "<invalid reflect.Value>"
        case .boxed: return "interface {}"
        case .concrete(let v): return v.typeName
        }
    }
}

/// Go's `isTrue`: the truth of a value in `if`, `with`, `and`, `or`, `not`.
/// Returns nil where Go reports "not ok" (never for the types templates hold).
func truth(_ r: Reflected) -> Bool {
    switch r.unboxed {
    case .invalid: return false
    case .boxed(let v), .concrete(let v): return truth(v)
    }
}

func truth(_ v: Value) -> Bool {
    switch v {
    case .null: return false
    case .bool(let b): return b
    case .int(let i, _): return i != 0
    case .float(let f): return f != 0
    case .string(let s): return !s.isEmpty
    case .bytes(let b): return !b.isEmpty
    case .list(let l, _): return !l.isEmpty
    case .map(let m, _): return !m.isEmpty
    case .object(let o): return o.isTruthy
    case .function: return true
    }
}

extension GoType {
    /// Go's `AssignableTo` for the types templates meet: identical types, anything to
    /// `interface {}`, and types with identical underlying types when one is unnamed
    /// (`common.Values` to `map[string]interface {}`).
    func isAssignable(to target: GoType) -> Bool {
        if case .interface = target { return true }
        if self == target { return true }
        var namedSelf = false
        var namedTarget = false
        if case .named = self { namedSelf = true }
        if case .named = target { namedTarget = true }
        if namedSelf && namedTarget { return false }
        let u = underlying
        switch u {
        case .slice, .map, .pointer, .function, .structure: return u == target.underlying
        default: return false
        }
    }

    /// Go's `canBeNil`: types whose zero value is nil.
    var canBeNil: Bool {
        switch underlying {
        case .interface, .slice, .map, .pointer, .function: return true
        default: return false
        }
    }

    /// The zero value Go passes for a nil argument of this type. A nil map reads as
    /// empty but cannot be written (`set nil "a" 1` fails), so it stays `.null`; a nil
    /// slice behaves as an empty one everywhere.
    var zeroValue: Value {
        switch underlying {
        case .slice(.uint8): return .bytes([])
        case .slice: return .list([], type: self)
        default: return .null
        }
    }
}

extension Value {
    /// The value retyped as the parameter type it was assigned to (a named map passed
    /// to a `map[string]interface {}` parameter is that type inside the function).
    func assigned(to type: GoType) -> Value {
        if case .interface = type { return self }
        switch self {
        case .list(let l, let t) where t != type: return .list(l, type: type)
        case .map(let m, let t) where t != type: return .map(m, type: type)
        default: return self
        }
    }
}
