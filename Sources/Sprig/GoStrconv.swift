/// Go's `strconv.ParseInt`, `ParseFloat` and `Atoi`, which Sprig's conversions
/// (through spf13/cast) use: base prefixes (`0x1A`, `0o17`, `010`), `_` digit
/// separators, and out-of-range input as an error rather than a clamp.
enum GoStrconv {
    /// `strconv.ParseInt(s, base, 64)`; nil on any error. `base` 0 reads Go's prefixes.
    static func parseInt(_ s: String, base: Int) -> Int64? {
        var bytes = Array(s.utf8)
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard let magnitude = parseUint(bytes, base: base, original: Array(s.utf8)) else { return nil }
        let cutoff: UInt64 = 1 << 63
        if !negative && magnitude >= cutoff { return nil }
        if negative && magnitude > cutoff { return nil }
        return negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
    }

    /// `strconv.Atoi`: base 10, no prefixes or separators; out of range saturates (the
    /// value Go returns alongside its range error, which Sprig's `atoi` keeps).
    static func atoi(_ s: String) -> Int {
        var bytes = Array(s.utf8)
        guard !bytes.isEmpty else { return 0 }
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { return 0 }
        var n: UInt64 = 0
        var overflow = false
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return 0 }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
            if o1 || o2 { overflow = true }
            n = a
        }
        if negative {
            if overflow || n > 1 << 63 { return Int.min }
            return Int(truncatingIfNeeded: 0 &- n)
        }
        if overflow || n >= 1 << 63 { return Int.max }
        return Int(n)
    }

    private static func lower(_ b: UInt8) -> UInt8 { b | 0x20 }

    private static func parseUint(_ s: [UInt8], base baseIn: Int, original: [UInt8]) -> UInt64? {
        guard !s.isEmpty else { return nil }
        var base = baseIn
        var digits = s[...]
        let base0 = base == 0
        if base == 0 {
            base = 10
            if s[0] == UInt8(ascii: "0") {
                if s.count >= 3 && lower(s[1]) == UInt8(ascii: "b") {
                    base = 2; digits = s[2...]
                } else if s.count >= 3 && lower(s[1]) == UInt8(ascii: "o") {
                    base = 8; digits = s[2...]
                } else if s.count >= 3 && lower(s[1]) == UInt8(ascii: "x") {
                    base = 16; digits = s[2...]
                } else {
                    base = 8; digits = s[1...]
                }
            }
        }
        var n: UInt64 = 0
        var underscores = false
        for c in digits {
            let d: Int
            switch c {
            case UInt8(ascii: "_") where base0:
                underscores = true
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                d = Int(lower(c) - UInt8(ascii: "a")) + 10
            default: return nil
            }
            if d >= base { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: UInt64(base))
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            n = a
        }
        if underscores && !underscoreOK(original) { return nil }
        return n
    }

    /// Go's rule for `_` in number literals: only between digits (or after a base prefix).
    static func underscoreOK(_ full: [UInt8]) -> Bool {
        var s = full[...]
        var saw: UInt8 = UInt8(ascii: "^")
        if let f = s.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { s = s.dropFirst() }
        var hex = false
        var i = s.startIndex
        if s.count >= 2, s[i] == UInt8(ascii: "0") {
            let p = lower(s[i + 1])
            if p == UInt8(ascii: "b") || p == UInt8(ascii: "o") || p == UInt8(ascii: "x") {
                i += 2
                saw = UInt8(ascii: "0")
                hex = p == UInt8(ascii: "x")
            }
        }
        while i < s.endIndex {
            let c = s[i]
            i += 1
            if (c >= 0x30 && c <= 0x39) || (hex && lower(c) >= UInt8(ascii: "a") && lower(c) <= UInt8(ascii: "f")) {
                saw = UInt8(ascii: "0")
                continue
            }
            if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
                continue
            }
            if saw == UInt8(ascii: "_") { return false }
            saw = UInt8(ascii: "!")
        }
        return saw != UInt8(ascii: "_")
    }

    /// `strconv.ParseFloat(s, 64)`; nil on a syntax or range error. Accepts Go's forms:
    /// decimal with exponent, hex with a mandatory `p` exponent, `Inf`/`Infinity`/`NaN`.
    static func parseFloat(_ s: String) -> Double? {
        let bytes = Array(s.utf8)
        guard !bytes.isEmpty else { return nil }
        if let special = special(bytes) { return special }
        var i = 0
        var sign = ""
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            if bytes[0] == UInt8(ascii: "-") { sign = "-" }
            i = 1
        }
        var hex = false
        if bytes.count >= i + 2, bytes[i] == UInt8(ascii: "0"), lower(bytes[i + 1]) == UInt8(ascii: "x") {
            hex = true
            i += 2
        }
        var text = sign + (hex ? "0x" : "")
        var sawDigits = false, sawDot = false, underscores = false
        loop: while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "_"): underscores = true
            case UInt8(ascii: "."):
                if sawDot { return nil }
                sawDot = true
                text.append(".")
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigits = true
                text.append(Character(Unicode.Scalar(c)))
            case _ where hex && lower(c) >= UInt8(ascii: "a") && lower(c) <= UInt8(ascii: "f"):
                sawDigits = true
                text.append(Character(Unicode.Scalar(c)))
            default: break loop
            }
            i += 1
        }
        guard sawDigits else { return nil }
        if i < bytes.count {
            let e = lower(bytes[i])
            guard (hex && e == UInt8(ascii: "p")) || (!hex && e == UInt8(ascii: "e")) else { return nil }
            text.append(Character(Unicode.Scalar(e)))
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                text.append(Character(Unicode.Scalar(bytes[i])))
                i += 1
            }
            var expDigits = false
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "_") { underscores = true } else if c >= 0x30 && c <= 0x39 {
                    expDigits = true
                    text.append(Character(Unicode.Scalar(c)))
                } else { return nil }
                i += 1
            }
            guard expDigits else { return nil }
        } else if hex {
            return nil
        }
        if underscores && !underscoreOK(bytes) { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private static func special(_ s: [UInt8]) -> Double? {
        var rest = s[...]
        var negative = false
        var signed = false
        if let f = rest.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            negative = f == UInt8(ascii: "-")
            signed = true
            rest = rest.dropFirst()
        }
        let word = String(decoding: rest.map { lower($0) }, as: UTF8.self)
        if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }
        if word == "nan" && !signed { return .nan }
        return nil
    }
}
