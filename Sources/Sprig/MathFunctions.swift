import Foundation
import Values

/// Sprig's math. Integer functions convert every argument with cast's `ToInt64` (so
/// `add "3" 1.9` is 4) and return Go `int64`, wrapping on overflow as Go does; the `…f`
/// functions go through shopspring/decimal, so `addf 0.1 0.2` is exactly 0.3.
enum MathFunctions {
    static let all: [GoFunction] = [
        GoFunction("add1", [.interface]) { .int64(GoCast.toInt64($0[0]) &+ 1) },
        GoFunction("add", [], variadic: .interface) { .int64($0.reduce(0) { $0 &+ GoCast.toInt64($1) }) },
        GoFunction("sub", [.interface, .interface]) { .int64(GoCast.toInt64($0[0]) &- GoCast.toInt64($0[1])) },
        GoFunction("div", [.interface, .interface]) { args in
            let a = GoCast.toInt64(args[0]), b = GoCast.toInt64(args[1])
            if b == 0 { throw GoPanic.divideByZero }
            return .int64(a.dividedReportingOverflow(by: b).partialValue)
        },
        GoFunction("mod", [.interface, .interface]) { args in
            let a = GoCast.toInt64(args[0]), b = GoCast.toInt64(args[1])
            if b == 0 { throw GoPanic.divideByZero }
            return .int64(a.remainderReportingOverflow(dividingBy: b).partialValue)
        },
        GoFunction("mul", [.interface], variadic: .interface) { args in
            .int64(args.dropFirst().reduce(GoCast.toInt64(args[0])) { $0 &* GoCast.toInt64($1) })
        },
        GoFunction("randInt", [.int, .int]) { args in
            let lo = args.int(0), n = args.int(1) &- lo
            if n <= 0 { throw GoFunctionError("invalid argument to Intn") }
            return .int(Int.random(in: 0..<n) + lo)
        },
        GoFunction("add1f", [.interface]) { .float(try DecimalMath.apply(GoCast.toFloat64($0[0]), [1], .add)) },
        GoFunction("addf", [], variadic: .interface) { .float(try DecimalMath.apply(0, $0.map(GoCast.toFloat64), .add)) },
        GoFunction("subf", [.interface], variadic: .interface) {
            .float(try DecimalMath.apply(GoCast.toFloat64($0[0]), $0.dropFirst().map(GoCast.toFloat64), .sub))
        },
        GoFunction("mulf", [.interface], variadic: .interface) {
            .float(try DecimalMath.apply(GoCast.toFloat64($0[0]), $0.dropFirst().map(GoCast.toFloat64), .mul))
        },
        GoFunction("divf", [.interface], variadic: .interface) { args in
            .float(try DecimalMath.divide(GoCast.toFloat64(args[0]), args.dropFirst().map(GoCast.toFloat64)))
        },
        GoFunction("max", [.interface], variadic: .interface) { .int64($0.map(GoCast.toInt64).max() ?? 0) },
        GoFunction("biggest", [.interface], variadic: .interface) { .int64($0.map(GoCast.toInt64).max() ?? 0) },
        GoFunction("min", [.interface], variadic: .interface) { .int64($0.map(GoCast.toInt64).min() ?? 0) },
        GoFunction("maxf", [.interface], variadic: .interface) { .float($0.map(GoCast.toFloat64).reduce(-.infinity, goMax)) },
        GoFunction("minf", [.interface], variadic: .interface) { .float($0.map(GoCast.toFloat64).reduce(.infinity, goMin)) },
        GoFunction("floor", [.interface]) { .float(GoCast.toFloat64($0[0]).rounded(.down)) },
        GoFunction("ceil", [.interface]) { .float(GoCast.toFloat64($0[0]).rounded(.up)) },
        // round(a interface{}, p int, rOpt ...float64) float64
        GoFunction("round", [.interface, .int], variadic: .float64) { args in
            let roundOn = args.count > 2 ? args.float(2) : 0.5
            let value = GoCast.toFloat64(args[0])
            let pow = GoMath.pow10(args.int(1))
            let digit = pow * value
            let frac = digit - digit.rounded(.towardZero)
            let rounded = frac >= roundOn ? digit.rounded(.up) : digit.rounded(.down)
            return .float(rounded / pow)
        },
        GoFunction("until", [.int]) { args in
            let count = args.int(0)
            return ints(untilStep(0, count, count < 0 ? -1 : 1))
        },
        GoFunction("untilStep", [.int, .int, .int]) { ints(untilStep($0.int(0), $0.int(1), $0.int(2))) },
        .string("seq", [], variadic: .int) { args in seq(args.indices.map { args.int($0) }) },
    ]

    /// Go's `math.Max`/`math.Min`: NaN wins, and +0 beats -0 (or loses, for Min).
    static func goMax(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        if a == 0 && b == 0 { return a.sign == .minus ? b : a }
        return a > b ? a : b
    }

    static func goMin(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        if a == 0 && b == 0 { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }

    static func ints(_ v: [Int]) -> Value { .list(v.map { Value.int($0) }, type: .intSlice) }

    static func untilStep(_ start: Int, _ stop: Int, _ step: Int) -> [Int] {
        var v: [Int] = []
        if stop < start {
            if step >= 0 { return v }
            var i = start
            while i > stop { v.append(i); i += step }
            return v
        }
        if step <= 0 { return v }
        var i = start
        while i < stop {
            v.append(i)
            let (next, overflow) = i.addingReportingOverflow(step)
            if overflow { break }
            i = next
        }
        return v
    }

    static func seq(_ p: [Int]) -> String {
        let list: [Int]
        switch p.count {
        case 1:
            let end = p[0], inc = end < 1 ? -1 : 1
            list = untilStep(1, end + inc, inc)
        case 2:
            let step = p[1] < p[0] ? -1 : 1
            list = untilStep(p[0], p[1] + step, step)
        case 3:
            let (start, step, end) = (p[0], p[1], p[2])
            var inc = 1
            if end < start {
                inc = -1
                if step > 0 { return "" }
            }
            list = untilStep(start, end + inc, step)
        default:
            return ""
        }
        return list.map(String.init).joined(separator: " ")
    }
}

/// Go's `math.Pow(10, p)` for an integer exponent: repeated squaring on the mantissa
/// and a final reciprocal for negative powers, which `round` depends on bit for bit.
enum GoMath {
    static func pow10(_ p: Int) -> Double {
        if p == 0 { return 1 }
        var a1 = 1.0
        var ae = 0
        var x1 = 0.625, xe = 4  // frexp(10)
        var i = p.magnitude
        while i != 0 {
            if xe < -(1 << 12) || (1 << 12) < xe {
                ae += xe
                break
            }
            if i & 1 == 1 {
                a1 *= x1
                ae += xe
            }
            x1 *= x1
            xe <<= 1
            if x1 < 0.5 {
                x1 += x1
                xe -= 1
            }
            i >>= 1
        }
        if p < 0 {
            a1 = 1 / a1
            ae = -ae
        }
        return scalbn(a1, ae)
    }
}

/// shopspring/decimal as Sprig's `execDecimalOp` uses it: each float becomes the exact
/// decimal of its shortest representation, the operation runs in decimal, and the result
/// reads back as the nearest float64. Division rounds to 16 places, half away from zero.
enum DecimalMath {
    /// shopspring's `NewFromFloat`, which panics on NaN and infinities.
    static func decimal(_ f: Double) throws -> Decimal {
        if !f.isFinite { throw GoFunctionError("Cannot create a Decimal from \(GoFloat.format(f, "g"))") }
        if f == 0 { return Decimal(0) }
        let d = GoFloat.shortestDigits(f)
        var significand: UInt64 = 0
        for c in d.digits { significand = significand * 10 + UInt64(c - 0x30) }
        return Decimal(sign: d.negative ? .minus : .plus, exponent: d.decimalPoint - d.digits.count,
                       significand: Decimal(significand))
    }

    /// The nearest float64; results beyond Foundation's decimal exponent range (which
    /// shopspring would still hold exactly) fall back to float arithmetic.
    static func double(_ d: Decimal, fallback: () -> Double) -> Double {
        if d.isNaN { return fallback() }
        return Double(d.description) ?? fallback()
    }

    enum Op { case add, sub, mul }

    /// Whether Foundation's `Decimal` (exponent -128...127) holds the float exactly;
    /// shopspring's arbitrary precision always does, so outside this range float
    /// arithmetic is the closer stand-in (a silent underflow to 0 is not).
    static func fitsDecimal(_ f: Double) -> Bool {
        guard f.isFinite, f != 0 else { return true }
        let d = GoFloat.shortestDigits(f)
        let exponent = d.decimalPoint - d.digits.count
        return exponent >= -110 && exponent + d.digits.count <= 110
    }

    static func apply(_ a: Double, _ rest: [Double], _ op: Op) throws -> Double {
        if !fitsDecimal(a) || !rest.allSatisfy(fitsDecimal) {
            for x in [a] + rest where !x.isFinite { _ = try decimal(x) }
            return rest.reduce(a) { x, y in op == .add ? x + y : op == .sub ? x - y : x * y }
        }
        var acc = try decimal(a)
        for x in rest {
            let d = try decimal(x)
            switch op {
            case .add: acc += d
            case .sub: acc -= d
            case .mul: acc *= d
            }
        }
        return double(acc) {
            rest.reduce(a) { x, y in op == .add ? x + y : op == .sub ? x - y : x * y }
        }
    }

    static func divide(_ a: Double, _ rest: [Double]) throws -> Double {
        if !fitsDecimal(a) || !rest.allSatisfy(fitsDecimal) {
            for x in [a] + rest where !x.isFinite { _ = try decimal(x) }
            if rest.contains(0) { throw GoFunctionError("decimal division by 0") }
            return rest.reduce(a, /)
        }
        var acc = try decimal(a)
        for x in rest {
            let d = try decimal(x)
            if d.isZero { throw GoFunctionError("decimal division by 0") }
            var q = acc / d
            var rounded = Decimal()
            NSDecimalRound(&rounded, &q, 16, .plain)
            acc = rounded
        }
        return double(acc) { rest.reduce(a, /) }
    }
}
