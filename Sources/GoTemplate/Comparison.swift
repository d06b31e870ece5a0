import Values

/// Go's template comparison functions (`eq`, `lt`, `le`, and through them `ne`, `gt`,
/// `ge`): only basic kinds compare, signed and unsigned integers compare with each other,
/// and anything else of different kinds is an error — so `eq 1 1.0` fails, which surprises
/// chart authors comparing values-file numbers (float64) with literals (int).
enum Comparison {
    enum BasicKind: Equatable {
        case bool, int, uint, float, complex, string, invalid
    }

    static func basicKind(_ v: Value?) -> BasicKind {
        guard let v else { return .invalid }
        switch v {
        case .bool: return .bool
        case .int(_, let t): return t.isUnsignedInteger ? .uint : .int
        case .float: return .float
        case .string: return .string
        case .object(let o) where o is GoComplex: return .complex
        default: return .invalid
        }
    }

    private static func concrete(_ r: Reflected) -> Value? {
        if case .concrete(let v) = r.unboxed { return v }
        return nil
    }

    private static func typeName(_ v: Value?) -> String { v?.typeName ?? "<nil>" }

    static func eq(_ a: Reflected, _ others: ArraySlice<Reflected>) throws -> Bool {
        if others.isEmpty { throw BuiltinError("missing argument for comparison") }
        let a1 = concrete(a)
        let k1 = basicKind(a1)
        for other in others {
            let a2 = concrete(other)
            let k2 = basicKind(a2)
            var truth = false
            if k1 != k2 {
                switch (k1, k2) {
                case (.int, .uint):
                    truth = signed(a1!) >= 0 && UInt64(signed(a1!)) == unsigned(a2!)
                case (.uint, .int):
                    truth = signed(a2!) >= 0 && unsigned(a1!) == UInt64(signed(a2!))
                default:
                    if a1 != nil && a2 != nil {
                        throw BuiltinError("incompatible types for comparison: \(typeName(a1)) and \(typeName(a2))")
                    }
                }
            } else {
                switch k1 {
                case .bool, .float, .string, .complex:
                    truth = a1! == a2!
                case .int: truth = signed(a1!) == signed(a2!)
                case .uint: truth = unsigned(a1!) == unsigned(a2!)
                case .invalid:
                    if a1 == nil || a2 == nil {
                        truth = (a1 == nil) == (a2 == nil)
                    } else {
                        truth = try equalNonBasic(a1!, a2!)
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    /// Go's `==` on interfaces holding non-basic values: maps, slices and functions are
    /// not comparable and make `eq` fail.
    private static func equalNonBasic(_ a: Value, _ b: Value) throws -> Bool {
        switch b {
        case .map, .list, .bytes, .function:
            throw BuiltinError(GoFmt.sprintf("non-comparable type %s: %v", [b, .string(b.typeName)]))
        default:
            break
        }
        guard a.goType == b.goType else { return false }
        // Pointers compare by identity, and each call makes a new one.
        if case .object(let o) = a, case .pointer = o.goType.underlying { return false }
        return a == b
    }

    static func lt(_ a: Reflected, _ b: Reflected) throws -> Bool {
        let a1 = concrete(a)
        let k1 = basicKind(a1)
        if k1 == .invalid { throw BuiltinError("invalid type for comparison") }
        let a2 = concrete(b)
        let k2 = basicKind(a2)
        if k2 == .invalid { throw BuiltinError("invalid type for comparison") }
        if k1 != k2 {
            switch (k1, k2) {
            case (.int, .uint): return signed(a1!) < 0 || UInt64(signed(a1!)) < unsigned(a2!)
            case (.uint, .int): return signed(a2!) >= 0 && unsigned(a1!) < UInt64(signed(a2!))
            default: throw BuiltinError("incompatible types for comparison: \(typeName(a1)) and \(typeName(a2))")
            }
        }
        switch (a1!, a2!) {
        case (.float(let x), .float(let y)): return x < y
        case (.string(let x), .string(let y)): return String.goLess(x, y)
        default:
            if k1 == .int { return signed(a1!) < signed(a2!) }
            if k1 == .uint { return unsigned(a1!) < unsigned(a2!) }
            throw BuiltinError("invalid type for comparison")
        }
    }

    static func le(_ a: Reflected, _ b: Reflected) throws -> Bool {
        if try lt(a, b) { return true }
        return try eq(a, [b])
    }

    private static func signed(_ v: Value) -> Int64 {
        if case .int(let i, _) = v { return i }
        return 0
    }

    private static func unsigned(_ v: Value) -> UInt64 {
        if case .int(let i, _) = v { return UInt64(bitPattern: i) }
        return 0
    }
}
