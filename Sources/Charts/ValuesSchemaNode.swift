import Sprig
import Values

/// One compiled (sub)schema. Subschemas are indices into `ValuesSchemaProgram.nodes`,
/// so `$ref` cycles need no reference types.
struct ValuesSchemaNode: Sendable {
    enum Additional: Sendable {
        case allowed(Bool)
        case schema(Int)
    }

    enum Items: Sendable {
        case single(Int)
        case tuple([Int])
    }

    enum Dependency: Sendable {
        case required([String])
        case schema(Int)
    }

    /// `true`/`false` schemas.
    var boolean: Bool?
    /// The schema's JSON pointer in the document (for cycle messages).
    var location: String = ""
    var draft: Int = 2020

    var types: [String]?
    var constValue: Value?
    var enumValues: [Value]?
    var format: String?
    var ref: Int?
    var dynamicRef: Int?

    var minProperties: Int?
    var maxProperties: Int?
    var required: [String] = []
    var dependencies: [(String, Dependency)] = []
    var properties: [String: Int] = [:]
    var patternProperties: [(Regexp, Int)] = []
    var additionalProperties: Additional?
    var propertyNames: Int?
    var dependentSchemas: [(String, Int)] = []
    var dependentRequired: [(String, [String])] = []
    var unevaluatedProperties: Int?

    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var items: Items?
    var additionalItems: Additional?
    var prefixItems: [Int] = []
    var items2020: Int?
    var contains: Int?
    var minContains: Int?
    var maxContains: Int?
    var unevaluatedItems: Int?

    var minLength: Int?
    var maxLength: Int?
    var pattern: (Regexp, String)?

    var minimum: ValuesSchemaNumber?
    var maximum: ValuesSchemaNumber?
    var exclusiveMinimum: ValuesSchemaNumber?
    var exclusiveMaximum: ValuesSchemaNumber?
    var multipleOf: ValuesSchemaNumber?

    var not: Int?
    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var ifSchema: Int?
    var thenSchema: Int?
    var elseSchema: Int?

    /// Whether the schema (not its subschemas) evaluates every property or item, which
    /// lets `unevaluated*` skip work (v6 `allPropsEvaluated`/`allItemsEvaluated`).
    var evaluatesAllProperties: Bool {
        if case .some = additionalProperties { return true }
        return false
    }
}

/// The compiled schema document: its nodes and the index of the root.
struct ValuesSchemaProgram: Sendable {
    var nodes: [ValuesSchemaNode]
    var root: Int
}

/// A JSON number as v6 holds it (`big.Rat`): compared exactly on its shortest decimal
/// digits, shown as the float64 it rounds to.
struct ValuesSchemaNumber: Sendable {
    let value: Double
    /// `0.digits × 10^decimalPoint` (no trailing zeros; empty digits for zero).
    let digits: [UInt8]
    let decimalPoint: Int
    let negative: Bool

    init(_ value: Double) {
        self.value = value
        let d = GoFloat.shortestDigits(value)
        var digits = d.digits
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        self.digits = digits
        self.decimalPoint = d.decimalPoint
        self.negative = d.negative && !digits.isEmpty
    }

    init?(_ v: Value) {
        switch v {
        case .float(let f) where f.isFinite: self.init(f)
        case .int(let i, let t):
            self.init(t.isUnsignedInteger ? Double(UInt64(bitPattern: i)) : Double(i))
        default: return nil
        }
    }

    var isZero: Bool { digits.isEmpty }

    /// -1, 0 or 1, exactly on the decimal digits.
    func compare(_ other: ValuesSchemaNumber) -> Int {
        if negative != other.negative { return negative ? -1 : 1 }
        let m = compareMagnitude(other)
        return negative ? -m : m
    }

    private func compareMagnitude(_ other: ValuesSchemaNumber) -> Int {
        if isZero || other.isZero { return isZero == other.isZero ? 0 : (isZero ? -1 : 1) }
        if decimalPoint != other.decimalPoint { return decimalPoint < other.decimalPoint ? -1 : 1 }
        let n = max(digits.count, other.digits.count)
        for i in 0..<n {
            let a = i < digits.count ? digits[i] : UInt8(ascii: "0")
            let b = i < other.digits.count ? other.digits[i] : UInt8(ascii: "0")
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }

    /// Whether `self / divisor` is an integer (v6: `new(big.Rat).Quo(num, multipleOf).IsInt()`),
    /// exact on the decimal digits while they fit 128 bits.
    func isMultiple(of divisor: ValuesSchemaNumber) -> Bool {
        if isZero { return true }
        if divisor.isZero { return false }
        // value = int(digits) × 10^(decimalPoint - count)
        let ea = decimalPoint - digits.count
        let eb = divisor.decimalPoint - divisor.digits.count
        let e = min(ea, eb)
        guard let a = Self.scaled(digits, by: ea - e), let b = Self.scaled(divisor.digits, by: eb - e) else {
            let q = value / divisor.value
            return q.isFinite && q == q.rounded()
        }
        return a % b == 0
    }

    private static func scaled(_ digits: [UInt8], by power: Int) -> UInt128? {
        guard power >= 0, digits.count + power <= 38 else { return nil }
        var n: UInt128 = 0
        for d in digits { n = n * 10 + UInt128(d - UInt8(ascii: "0")) }
        for _ in 0..<power { n *= 10 }
        return n
    }
}
