#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `strconv.FormatFloat` for float64, which every printer of Helm's world (fmt,
/// `encoding/json`, go-yaml) builds on. Shortest digits come from Swift's own shortest
/// round-trip printer (the same digits Go's Ryu picks); fixed precisions come from the C
/// library's exact conversion, both rounding half to even like Go.
public enum GoFloat {
    /// The decimal digits of a float: `0.digits × 10^decimalPoint`, no trailing zeros.
    public struct Digits: Equatable, Sendable {
        public var digits: [UInt8]  // ASCII '0'...'9'
        public var decimalPoint: Int
        public var negative: Bool
    }

    /// `strconv.FormatFloat(f, format, precision, 64)`; precision -1 means shortest.
    public static func format(_ f: Double, _ format: Character, precision: Int = -1) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Inf" : "+Inf" }
        let shortest = precision < 0
        var prec = precision
        let upper = format == "E" || format == "G"
        switch format {
        case "e", "E":
            let d = shortest ? shortestDigits(f) : exponentDigits(f, precision: prec)
            if shortest { prec = max(d.digits.count - 1, 0) }
            return formatE(d, precision: prec, upper: upper)
        case "f", "F":
            let d = shortest ? shortestDigits(f) : fixedDigits(f, precision: prec)
            if shortest { prec = max(d.digits.count - d.decimalPoint, 0) }
            return formatF(d, precision: prec)
        case "g", "G":
            if prec == 0 { prec = 1 }
            let d = shortest ? shortestDigits(f) : exponentDigits(f, precision: prec - 1)
            if shortest { prec = d.digits.count }
            var eprec = prec
            if eprec > d.digits.count && d.digits.count >= d.decimalPoint { eprec = d.digits.count }
            if shortest { eprec = 6 }
            let exp = d.decimalPoint - 1
            if exp < -4 || exp >= eprec {
                if prec > d.digits.count { prec = d.digits.count }
                return formatE(d, precision: prec - 1, upper: upper)
            }
            if prec > d.decimalPoint { prec = d.digits.count }
            return formatF(d, precision: max(prec - d.decimalPoint, 0))
        default:
            return "%" + String(format)
        }
    }

    /// The shortest digits that read back as `f`.
    public static func shortestDigits(_ f: Double) -> Digits {
        parse(f.magnitude.description, negative: f.sign == .minus)
    }

    /// The shortest digits that read back as the same float32 (Go's `%v` of a float32).
    public static func shortestDigits(_ f: Float) -> Digits {
        parse(f.magnitude.description, negative: f.sign == .minus)
    }

    /// Digits rounded to `precision` places after the first significant digit.
    public static func exponentDigits(_ f: Double, precision: Int) -> Digits {
        parse(cFormat(f.magnitude, "e", precision), negative: f.sign == .minus)
    }

    /// Digits rounded to `precision` places after the decimal point.
    public static func fixedDigits(_ f: Double, precision: Int) -> Digits {
        parse(cFormat(f.magnitude, "f", precision), negative: f.sign == .minus)
    }

    public static func formatE(_ d: Digits, precision: Int, upper: Bool = false) -> String {
        var out = d.negative ? "-" : ""
        out.append(d.digits.isEmpty ? "0" : Character(UnicodeScalar(d.digits[0])))
        if precision > 0 {
            out.append(".")
            var i = 1
            let m = min(d.digits.count, precision + 1)
            while i < m {
                out.append(Character(UnicodeScalar(d.digits[i])))
                i += 1
            }
            while i <= precision {
                out.append("0")
                i += 1
            }
        }
        out.append(upper ? "E" : "e")
        var exp = d.digits.isEmpty ? 0 : d.decimalPoint - 1
        if exp < 0 {
            out.append("-")
            exp = -exp
        } else {
            out.append("+")
        }
        if exp < 10 { out.append("0") }
        out.append(String(exp))
        return out
    }

    public static func formatF(_ d: Digits, precision: Int) -> String {
        var out = d.negative ? "-" : ""
        if d.decimalPoint > 0 {
            let m = min(d.digits.count, d.decimalPoint)
            for i in 0..<m { out.append(Character(UnicodeScalar(d.digits[i]))) }
            if m < d.decimalPoint { out.append(String(repeating: "0", count: d.decimalPoint - m)) }
        } else {
            out.append("0")
        }
        if precision > 0 {
            out.append(".")
            for i in 1...precision {
                let j = d.decimalPoint + i - 1
                out.append(j >= 0 && j < d.digits.count ? Character(UnicodeScalar(d.digits[j])) : "0")
            }
        }
        return out
    }

    private static func cFormat(_ f: Double, _ conv: String, _ precision: Int) -> String {
        let fmt = "%.\(precision)\(conv)"
        var size = 64 + max(precision, 0) + 330
        while true {
            var buf = [CChar](repeating: 0, count: size)
            let n = withVaList([f]) { vsnprintf(&buf, size, fmt, $0) }
            if n < size { return String(decoding: buf[0..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            size = Int(n) + 1
        }
    }

    /// Reads "123.45", "1.2345e+19" or "5e-324" into digits and a decimal point.
    private static func parse(_ text: String, negative: Bool) -> Digits {
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var dp = 0
        var seenPoint = false
        for b in mantissa.utf8 {
            if b == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            if digits.isEmpty && b == UInt8(ascii: "0") {
                if seenPoint { dp -= 1 }
                continue
            }
            digits.append(b)
            if !seenPoint { dp += 1 }
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { return Digits(digits: [], decimalPoint: 0, negative: negative) }
        return Digits(digits: digits, decimalPoint: dp + exp, negative: negative)
    }
}
