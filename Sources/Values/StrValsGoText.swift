/// The few pieces of Go's text formatting that strvals error messages carry.
///
/// Helm builds its `--set` errors with `fmt.Errorf("key %q has no value", …)` and
/// friends, so users see Go's quoting (`strconv.Quote`), `%q` of a `[]rune`
/// (`['x' 'y']`), `strconv.Atoi`'s messages and the runtime's type-assertion panic
/// text. These helpers reproduce exactly those, and nothing more.
enum StrValsGoText {
    /// `strconv.Quote(s)`: double-quoted, with Go's escapes for non-printable runes.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars { appendEscaped(scalar, quote: "\"", to: &out) }
        out.append("\"")
        return out
    }

    /// `strconv.QuoteRune(r)`: single-quoted.
    static func quoteRune(_ r: Unicode.Scalar) -> String {
        var out = "'"
        appendEscaped(r, quote: "'", to: &out)
        out.append("'")
        return out
    }

    /// `fmt.Sprintf("%q", []rune)`: each rune quoted, space-separated, in brackets.
    static func quoteRunes(_ runes: [Unicode.Scalar]) -> String {
        "[" + runes.map(quoteRune).joined(separator: " ") + "]"
    }

    private static func appendEscaped(_ r: Unicode.Scalar, quote: Unicode.Scalar, to out: inout String) {
        if r == quote || r == "\\" {
            out.append("\\")
            out.unicodeScalars.append(r)
            return
        }
        if GoUnicode.isPrint(r) {
            out.unicodeScalars.append(r)
            return
        }
        switch r {
        case "\u{07}": out.append("\\a")
        case "\u{08}": out.append("\\b")
        case "\u{0C}": out.append("\\f")
        case "\n": out.append("\\n")
        case "\r": out.append("\\r")
        case "\t": out.append("\\t")
        case "\u{0B}": out.append("\\v")
        default:
            if r.value < 0x20 || r.value == 0x7F {
                out.append("\\x" + hex(r.value, width: 2))
            } else if r.value < 0x10000 {
                out.append("\\u" + hex(r.value, width: 4))
            } else {
                out.append("\\U" + hex(r.value, width: 8))
            }
        }
    }


    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Go's `unicode.IsSpace` (the White_Space property, as Go's table holds it).
    static func isSpace(_ r: Unicode.Scalar) -> Bool {
        switch r.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        default: return r.value > 0xFF && r.properties.isWhitespace
        }
    }

    /// `strconv.Atoi(s)` on a 64-bit platform: optional sign, decimal digits only.
    enum Atoi: Equatable {
        case value(Int)
        case invalidSyntax
        case outOfRange
    }

    static func atoi(_ s: String) -> Atoi {
        var scalars = Substring(s).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "+" || first == "-" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        if scalars.isEmpty { return .invalidSyntax }
        var value: UInt64 = 0
        var overflow = false
        for c in scalars {
            guard c.value >= 0x30 && c.value <= 0x39 else { return .invalidSyntax }
            if overflow { continue }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(c.value - 0x30))
            if o1 || o2 { overflow = true } else { value = a }
        }
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        if overflow || value > limit { return .outOfRange }
        return .value(negative ? Int(truncatingIfNeeded: 0 &- value) : Int(value))
    }

    /// The dynamic type a failed Go type assertion names (`nil` for a nil interface).
    static func dynamicTypeName(_ v: Value) -> String { v.goType?.name ?? "nil" }
}
