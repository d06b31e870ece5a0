import Values

/// The parts of Go's `strconv` (and `fmt`'s `%q`/`%#U`) that the template parser needs:
/// quoting for error messages and unquoting of string and character literals. Parse
/// errors quote tokens with Go's rules, so these must match byte for byte.
public enum GoStrconv {
    /// Go's `strconv.ErrSyntax` text.
    static let syntaxError = "invalid syntax"

    // MARK: - Quoting


    private static let lowerHex: [Character] = Array("0123456789abcdef")

    private static func hex(_ v: UInt32, digits: Int) -> String {
        var s = ""
        var shift = (digits - 1) * 4
        while shift >= 0 {
            s.append(lowerHex[Int((v >> UInt32(shift)) & 0xF)])
            shift -= 4
        }
        return s
    }

    /// Go's `strconv.Quote` (what `%q` prints for a string).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            let r = scalar.value
            switch r {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            default:
                if GoUnicode.isPrint(r) {
                    out.unicodeScalars.append(scalar)
                    continue
                }
                switch r {
                case 0x07: out += "\\a"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x0B: out += "\\v"
                default:
                    if r < 0x20 || r == 0x7F {
                        out += "\\x" + hex(r, digits: 2)
                    } else if r < 0x10000 {
                        out += "\\u" + hex(r, digits: 4)
                    } else {
                        out += "\\U" + hex(r, digits: 8)
                    }
                }
            }
        }
        return out + "\""
    }

    /// `fmt`'s `%.Nq`: the string cut to `n` runes, then quoted.
    static func quote(_ s: String, maxRunes n: Int) -> String {
        var cut = String.UnicodeScalarView()
        for (i, scalar) in s.unicodeScalars.enumerated() {
            if i == n { break }
            cut.append(scalar)
        }
        return quote(String(cut))
    }

    /// `fmt`'s `%#U`: `U+002D '-'` (the character only when printable).
    static func formatU(_ r: Int32) -> String {
        let v = UInt32(bitPattern: r)
        var digits = String(v, radix: 16, uppercase: true)
        while digits.count < 4 { digits = "0" + digits }
        var s = "U+" + digits
        if v <= 0x10FFFF, GoUnicode.isPrint(v), let scalar = Unicode.Scalar(v) {
            s += " '" + String(Character(scalar)) + "'"
        }
        return s
    }

    // MARK: - Unquoting

    /// One decoded character of a quoted literal (Go's `UnquoteChar` result).
    struct UnquotedChar {
        var value: UInt32
        /// A rune to encode as UTF-8, rather than a single byte (`\x`, octal, ASCII).
        var multibyte: Bool
        var rest: Int
    }

    private static func unhex(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        default: return nil
        }
    }

    /// Go's `strconv.UnquoteChar` on `s[from...]`, inside a literal quoted by `quote`.
    static func unquoteChar(_ s: ArraySlice<UInt8>, from: Int, quote: UInt8) -> UnquotedChar? {
        guard from < s.endIndex else { return nil }
        let c = s[from]
        if c == quote && (quote == 0x27 || quote == 0x22) { return nil }
        if c >= 0x80 {
            let (r, width) = decodeRune(s, at: from)
            return UnquotedChar(value: r, multibyte: true, rest: from + width)
        }
        if c != 0x5C { return UnquotedChar(value: UInt32(c), multibyte: false, rest: from + 1) }
        guard from + 1 < s.endIndex else { return nil }
        let e = s[from + 1]
        var i = from + 2
        let value: UInt32
        var multibyte = false
        switch e {
        case UInt8(ascii: "a"): value = 0x07
        case UInt8(ascii: "b"): value = 0x08
        case UInt8(ascii: "f"): value = 0x0C
        case UInt8(ascii: "n"): value = 0x0A
        case UInt8(ascii: "r"): value = 0x0D
        case UInt8(ascii: "t"): value = 0x09
        case UInt8(ascii: "v"): value = 0x0B
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
            guard s.endIndex - i >= n else { return nil }
            var v: UInt32 = 0
            for j in 0..<n {
                guard let x = unhex(s[i + j]) else { return nil }
                v = v << 4 | x
            }
            i += n
            if e != UInt8(ascii: "x") {
                // Must be a valid rune: not a surrogate, not past U+10FFFF.
                guard v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else { return nil }
                multibyte = true
            }
            value = v
        case 0x30...0x37:
            var v = UInt32(e - 0x30)
            guard s.endIndex - i >= 2 else { return nil }
            for j in 0..<2 {
                let d = s[i + j]
                guard d >= 0x30 && d <= 0x37 else { return nil }
                v = v << 3 | UInt32(d - 0x30)
            }
            i += 2
            guard v <= 255 else { return nil }
            value = v
        case 0x5C: value = 0x5C
        case 0x27, 0x22:
            guard e == quote else { return nil }
            value = UInt32(e)
        default:
            return nil
        }
        return UnquotedChar(value: value, multibyte: multibyte, rest: i)
    }

    private static func decodeRune(_ s: ArraySlice<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = s[i]
        var width = 2
        var r = UInt32(b0 & 0x1F)
        if b0 >= 0xF0 {
            width = 4
            r = UInt32(b0 & 0x07)
        } else if b0 >= 0xE0 {
            width = 3
            r = UInt32(b0 & 0x0F)
        }
        var k = 1
        while k < width, i + k < s.endIndex {
            r = r << 6 | UInt32(s[i + k] & 0x3F)
            k += 1
        }
        return (r, k)
    }

    /// Go's `strconv.Unquote` for a lexed string or raw string literal; nil is
    /// `invalid syntax`. Bytes from `\x` and octal escapes are kept as bytes, as in Go;
    /// an invalid UTF-8 result can only be shown with replacement characters.
    static func unquote(_ s: ArraySlice<UInt8>) -> String? {
        guard s.count >= 2, let q = s.first, s.last == q else { return nil }
        let body = s.index(after: s.startIndex)..<s.index(before: s.endIndex)
        if q == 0x60 {
            // Raw strings: no backquote inside; carriage returns are dropped.
            if s[body].contains(0x60) { return nil }
            if !s[body].contains(0x0D) { return String(decoding: s[body], as: UTF8.self) }
            return String(decoding: s[body].filter { $0 != 0x0D }, as: UTF8.self)
        }
        guard q == 0x22 || q == 0x27 else { return nil }
        if q == 0x22 && !s[body].contains(0x5C) && !s[body].contains(0x0A) && !s[body].contains(0x22) {
            return String(decoding: s[body], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = body.lowerBound
        let end = body.upperBound
        var count = 0
        while i < end {
            if s[i] == 0x0A { return nil }
            guard let c = unquoteChar(s[..<end], from: i, quote: q) else { return nil }
            if c.value < 0x80 || !c.multibyte {
                out.append(UInt8(truncatingIfNeeded: c.value))
            } else if let scalar = Unicode.Scalar(c.value) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            } else {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
            i = c.rest
            count += 1
            if q == 0x27 && count > 1 { return nil }
        }
        if q == 0x27 && count != 1 { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
