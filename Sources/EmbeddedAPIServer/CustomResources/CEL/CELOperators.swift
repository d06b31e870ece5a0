/// CEL's operators on values: heterogeneous equality (numbers compare by value across
/// int, uint and double; other type mixes are simply unequal), ordering, and arithmetic
/// that reports int64/uint64 overflow and division by zero as errors rather than wrapping.
enum CELOperators {
    static func equals(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equals($0, $1) }
        case (.map(let x), .map(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.timestamp(let s1, let n1), .timestamp(let s2, let n2)): return s1 == s2 && n1 == n2
        case (.type(let x), .type(let y)): return x == y
        case (.optional(let x), .optional(let y)):
            switch (x, y) {
            case (nil, nil): return true
            case (let a?, let b?): return equals(a, b)
            default: return false
            }
        default:
            if let order = numericOrder(a, b) { return order == 0 }
            return false
        }
    }

    /// -1, 0 or 1 for two numbers of any numeric types; nil when either is not a number
    /// or a NaN is involved.
    static func numericOrder(_ a: CELValue, _ b: CELValue) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.uint(let x), .uint(let y)): return sign(x, y)
        case (.double(let x), .double(let y)): return x.isNaN || y.isNaN ? nil : sign(x, y)
        case (.int(let x), .uint(let y)): return x < 0 ? -1 : sign(UInt64(x), y)
        case (.uint, .int): return numericOrder(b, a).map { -$0 }
        case (.int(let x), .double(let y)): return y.isNaN ? nil : sign(Double(x), y)
        case (.double, .int): return numericOrder(b, a).map { -$0 }
        case (.uint(let x), .double(let y)): return y.isNaN ? nil : sign(Double(x), y)
        case (.double, .uint): return numericOrder(b, a).map { -$0 }
        default: return nil
        }
    }

    /// Ordering for `<`, `<=`, `>`, `>=`: numbers, strings (by code point), bytes, bools,
    /// durations and timestamps; anything else has no overload.
    static func compare(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            if x.unicodeScalars.elementsEqual(y.unicodeScalars) { return 0 }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1
        case (.bytes(let x), .bytes(let y)):
            if x == y { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.duration(let x), .duration(let y)): return sign(x, y)
        case (.timestamp(let s1, let n1), .timestamp(let s2, let n2)): return s1 == s2 ? sign(n1, n2) : sign(s1, s2)
        case (.int, _), (.uint, _), (.double, _):
            switch b {
            case .int, .uint, .double: return numericOrder(a, b)  // nil: NaN, every comparison false
            default: throw .noSuchOverload
            }
        default: throw .noSuchOverload
        }
    }

    static func add(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw .intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw .uintOverflow }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw .intOverflow }
            return .duration(r)
        case (.timestamp(let s, let n), .duration(let d)), (.duration(let d), .timestamp(let s, let n)):
            return try CELTime.timestamp(seconds: s, nanos: n, plus: d)
        default: throw .noSuchOverload
        }
    }

    static func subtract(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw .intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw .uintOverflow }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw .intOverflow }
            return .duration(r)
        case (.timestamp(let s, let n), .duration(let d)):
            if d == .min { throw .intOverflow }
            return try CELTime.timestamp(seconds: s, nanos: n, plus: -d)
        case (.timestamp(let s1, let n1), .timestamp(let s2, let n2)):
            let (ds, o1) = s1.subtractingReportingOverflow(s2)
            let (secs, o2) = ds.multipliedReportingOverflow(by: 1_000_000_000)
            let (r, o3) = secs.addingReportingOverflow(Int64(n1) - Int64(n2))
            if o1 || o2 || o3 { throw .intOverflow }
            return .duration(r)
        default: throw .noSuchOverload
        }
    }

    static func multiply(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw .intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw .uintOverflow }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x * y)
        default: throw .noSuchOverload
        }
    }

    static func divide(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw CELEvalError("division by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y)
            if o { throw .intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { throw CELEvalError("division by zero") }
            return .uint(x / y)
        case (.double(let x), .double(let y)): return .double(x / y)
        default: throw .noSuchOverload
        }
    }

    static func modulo(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw CELEvalError("modulus by zero") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            if o { throw .intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { throw CELEvalError("modulus by zero") }
            return .uint(x % y)
        default: throw .noSuchOverload
        }
    }

    static func negate(_ a: CELValue) throws(CELEvalError) -> CELValue {
        switch a {
        case .int(let x):
            if x == .min { throw .intOverflow }
            return .int(-x)
        case .double(let x): return .double(-x)
        case .duration(let x):
            if x == .min { throw .intOverflow }
            return .duration(-x)
        default: throw .noSuchOverload
        }
    }

    /// `x in container`: list membership by CEL equality, or a map key.
    static func contained(_ x: CELValue, in container: CELValue) throws(CELEvalError) -> Bool {
        switch container {
        case .list(let items): return items.contains { equals($0, x) }
        case .map(let m):
            guard let key = CELMapKey(x) else {
                if case .double(let d) = x, d.rounded() == d, let i = Int64(exactly: d) { return m[.int(i)] != nil }
                return false
            }
            return m[key] != nil
        default: throw .noSuchOverload
        }
    }
}
