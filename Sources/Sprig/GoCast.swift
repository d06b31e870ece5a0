import GoTemplate
import Values

/// spf13/cast, which Sprig's `int`, `int64`, `float64` and all integer math go through:
/// numbers convert (floats truncate), strings parse with Go's base prefixes after
/// dropping a trailing `.0`, bools are 1/0, and anything unconvertible is 0 — never an error.
enum GoCast {
    static func toInt64(_ v: Value) -> Int64 {
        switch v {
        case .int(let i, _): return i
        case .float(let f): return truncate(f)
        case .string(let s): return GoStrconv.parseInt(trimZeroDecimal(s), base: 0) ?? 0
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    static func toFloat64(_ v: Value) -> Double {
        switch v {
        case .int(let i, let t): return t.isUnsignedInteger ? Double(UInt64(bitPattern: i)) : Double(i)
        case .float(let f): return f
        case .string(let s): return GoStrconv.parseFloat(s) ?? 0
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    /// Go's `int64(f)` on amd64: NaN and out-of-range values become the minimum int64.
    static func truncate(_ f: Double) -> Int64 {
        guard f.isFinite, f >= -9.223372036854775808e18, f < 9.223372036854775808e18 else { return Int64.min }
        return Int64(f)
    }

    /// cast's `trimZeroDecimal`: "12.00" reads as "12", "1.5" stays as it is.
    static func trimZeroDecimal(_ s: String) -> String {
        var foundZero = false
        let u = Array(s.utf8)
        var i = u.count
        while i > 0 {
            switch u[i - 1] {
            case UInt8(ascii: "."):
                if foundZero { return String(decoding: u[..<(i - 1)], as: UTF8.self) }
            case UInt8(ascii: "0"): foundZero = true
            default: return s
            }
            i -= 1
        }
        return s
    }
}
