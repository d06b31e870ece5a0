import Values

/// Booleans, integers and floats: Go's `pp.fmtBool/fmtInteger/fmtFloat` (which verbs
/// apply) and `fmt.fmtInteger/fmtFloat/fmtUnicode/fmtC/fmtQc` (how they print).
extension FormatPrinter {
    static let lowerDigits = Array("0123456789abcdefx".utf8)
    static let upperDigits = Array("0123456789ABCDEFX".utf8)

    mutating func fmtBool(_ v: Bool, _ verb: Unicode.Scalar, _ value: Value) {
        switch verb {
        case "t", "v": padString(v ? "true" : "false")
        default: badVerb(verb, value)
        }
    }

    /// Which integer verbs exist: `%v` of an unsigned integer in Go syntax is hex
    /// (`0x68`), `%c %q %U` read the integer as a rune.
    mutating func fmtInteger(_ v: UInt64, signed: Bool, _ verb: Unicode.Scalar, _ value: Value) {
        switch verb {
        case "v":
            if f.sharpV && !signed {
                fmt0x64(v, leading0x: true)
            } else {
                formatInteger(v, base: 10, signed: signed, verb, Self.lowerDigits)
            }
        case "d": formatInteger(v, base: 10, signed: signed, verb, Self.lowerDigits)
        case "b": formatInteger(v, base: 2, signed: signed, verb, Self.lowerDigits)
        case "o", "O": formatInteger(v, base: 8, signed: signed, verb, Self.lowerDigits)
        case "x": formatInteger(v, base: 16, signed: signed, verb, Self.lowerDigits)
        case "X": formatInteger(v, base: 16, signed: signed, verb, Self.upperDigits)
        case "c": fmtC(v)
        case "q": fmtQc(v)
        case "U": fmtUnicode(v)
        default: badVerb(verb, value)
        }
    }

    /// Hex with (or without) `0x`, whatever the `#` flag says: Go's `fmt0x64`.
    mutating func fmt0x64(_ v: UInt64, leading0x: Bool) {
        let sharp = f.sharp
        f.sharp = leading0x
        formatInteger(v, base: 16, signed: false, "v", Self.lowerDigits)
        f.sharp = sharp
    }

    /// Go's `fmt.fmtInteger`. Precision and the `0` flag both ask for leading zeros;
    /// with a precision the `0` flag is ignored, and `%.0d` of 0 prints nothing.
    mutating func formatInteger(_ u: UInt64, base: UInt64, signed: Bool, _ verb: Unicode.Scalar, _ digits: [UInt8]) {
        let negative = signed && Int64(bitPattern: u) < 0
        var u = negative ? 0 &- u : u

        var prec = 0
        if f.precPresent {
            prec = f.prec
            if prec == 0 && u == 0 {
                let oldZero = f.zero
                f.zero = false
                writePadding(f.wid)
                f.zero = oldZero
                return
            }
        } else if f.zero && !f.minus && f.widPresent {
            prec = f.wid
            if negative || f.plus || f.space { prec -= 1 }  // leave room for the sign
        }

        // Built right to left, as Go does.
        var out: [UInt8] = []
        out.reserveCapacity(24 + max(prec, 0))
        while u >= base {
            out.append(digits[Int(u % base)])
            u /= base
        }
        out.append(digits[Int(u)])
        while out.count < prec { out.append(UInt8(ascii: "0")) }

        if f.sharp {
            switch base {
            case 2:
                out.append(UInt8(ascii: "b"))
                out.append(UInt8(ascii: "0"))
            case 8:
                if out.last != UInt8(ascii: "0") { out.append(UInt8(ascii: "0")) }
            case 16:
                out.append(digits[16])
                out.append(UInt8(ascii: "0"))
            default:
                break
            }
        }
        if verb == "O" {
            out.append(UInt8(ascii: "o"))
            out.append(UInt8(ascii: "0"))
        }
        if negative {
            out.append(UInt8(ascii: "-"))
        } else if f.plus {
            out.append(UInt8(ascii: "+"))
        } else if f.space {
            out.append(UInt8(ascii: " "))
        }
        out.reverse()

        // Zero padding was done above as precision, or is overruled by a precision.
        let oldZero = f.zero
        f.zero = false
        pad(out)
        f.zero = oldZero
    }

    /// `%c`: the integer as a character; beyond Unicode it is U+FFFD.
    mutating func fmtC(_ c: UInt64) {
        var out: [UInt8] = []
        appendRune(&out, c > 0x10FFFF ? 0xFFFD : UInt32(c))
        pad(out)
    }

    /// `%q` of an integer: a single-quoted Go rune literal (`%+q` ASCII-only).
    mutating func fmtQc(_ c: UInt64) {
        var r = c > 0x10FFFF ? 0xFFFD : UInt32(c)
        if (0xD800...0xDFFF).contains(r) { r = 0xFFFD }
        var out: [UInt8] = [UInt8(ascii: "'")]
        appendEscapedRune(&out, r, quote: UInt8(ascii: "'"), asciiOnly: f.plus)
        out.append(UInt8(ascii: "'"))
        pad(out)
    }

    /// `%U`: `U+0041`, at least four hex digits (more with a precision), and with `#`
    /// the printable character too (`U+0041 'A'`). Never zero-padded.
    mutating func fmtUnicode(_ u: UInt64) {
        var prec = 4
        if f.precPresent && f.prec > 4 { prec = f.prec }
        var hex: [UInt8] = []
        var v = u
        repeat {
            hex.append(Self.upperDigits[Int(v & 0xF)])
            v >>= 4
        } while v > 0
        while hex.count < prec { hex.append(UInt8(ascii: "0")) }
        var out: [UInt8] = [UInt8(ascii: "U"), UInt8(ascii: "+")]
        out.append(contentsOf: hex.reversed())
        if f.sharp && u <= 0x10FFFF && GoUnicode.isPrint(UInt32(u)) {
            out.append(contentsOf: " '".utf8)
            appendRune(&out, UInt32(u))
            out.append(UInt8(ascii: "'"))
        }
        let oldZero = f.zero
        f.zero = false
        pad(out)
        f.zero = oldZero
    }

    /// Which float verbs exist: `%v` is `%g` shortest, `%e %f` default to precision 6.
    mutating func fmtFloat(_ v: Double, _ verb: Unicode.Scalar, _ value: Value) {
        switch verb {
        case "v": formatFloat(v, "g", prec: -1)
        case "b", "g", "G", "x", "X": formatFloat(v, verb, prec: -1)
        case "f", "e", "E": formatFloat(v, verb, prec: 6)
        case "F": formatFloat(v, "f", prec: 6)
        default: badVerb(verb, value)
        }
    }

    /// Go's `fmt.fmtFloat`: strconv's text, then the sign rules (`+`, space), `#`
    /// (keep the point and trailing zeros), and padding that puts zeros after the sign
    /// but never pads NaN or infinities with zeros.
    mutating func formatFloat(_ v: Double, _ verb: Unicode.Scalar, prec: Int) {
        var prec = prec
        if f.precPresent { prec = f.prec }
        var num: [UInt8]
        switch verb {
        case "b": num = Array(Self.binaryFloat(v).utf8)
        case "x", "X": num = Array(Self.hexFloat(v, prec: prec, upper: verb == "X").utf8)
        default: num = Array(GoFloat.format(v, Character(verb), precision: prec).utf8)
        }
        if num[0] != UInt8(ascii: "-") && num[0] != UInt8(ascii: "+") {
            num.insert(UInt8(ascii: "+"), at: 0)
        }
        if f.space && num[0] == UInt8(ascii: "+") && !f.plus { num[0] = UInt8(ascii: " ") }

        if num[1] == UInt8(ascii: "I") || num[1] == UInt8(ascii: "N") {
            let oldZero = f.zero
            f.zero = false
            if num[1] == UInt8(ascii: "N") && !f.space && !f.plus { num.removeFirst() }
            pad(num)
            f.zero = oldZero
            return
        }

        if f.sharp && verb != "b" {
            var digits = 0
            switch verb {
            case "v", "g", "G", "x":
                digits = prec == -1 ? 6 : prec
            default:
                break
            }
            var tail: [UInt8] = []
            var hasDecimalPoint = false
            var sawNonzeroDigit = false
            var i = 1
            while i < num.count {
                let c = num[i]
                if c == UInt8(ascii: ".") {
                    hasDecimalPoint = true
                } else if c == UInt8(ascii: "p") || c == UInt8(ascii: "P")
                    || ((c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && verb != "x" && verb != "X")
                {
                    tail.append(contentsOf: num[i...])
                    num.removeSubrange(i...)
                    break
                } else {
                    if c != UInt8(ascii: "0") { sawNonzeroDigit = true }
                    if sawNonzeroDigit { digits -= 1 }
                }
                i += 1
            }
            if !hasDecimalPoint {
                if num.count == 2 && num[1] == UInt8(ascii: "0") { digits -= 1 }
                num.append(UInt8(ascii: "."))
            }
            while digits > 0 {
                num.append(UInt8(ascii: "0"))
                digits -= 1
            }
            num.append(contentsOf: tail)
        }

        if f.plus || num[0] != UInt8(ascii: "+") {
            if f.zero && !f.minus && f.widPresent && f.wid > num.count {
                buf.append(num[0])
                writePadding(f.wid - num.count)
                buf.append(contentsOf: num[1...])
                return
            }
            pad(num)
            return
        }
        pad(num.dropFirst())
    }

    /// strconv's `'b'` format: `mantissa p exponent`, the float's exact binary value.
    static func binaryFloat(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        let (mant, exp) = mantissaExponent(v)
        let e = exp - 52
        return (v.sign == .minus ? "-" : "") + String(mant) + "p" + (e >= 0 ? "+" : "") + String(e)
    }

    /// strconv's `'x'` format: `-0x1.8p+01`, shortest hex digits when `prec` is -1.
    static func hexFloat(_ v: Double, prec: Int, upper: Bool) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        var (mant, exp) = mantissaExponent(v)
        if mant == 0 { exp = 0 }
        // Put the leading 1 (if any) at bit 60.
        mant <<= 60 - 52
        while mant != 0 && mant & (1 << 60) == 0 {
            mant <<= 1
            exp -= 1
        }
        if prec >= 0 && prec < 15 {
            let shift = UInt64(prec * 4)
            let extra = (mant << shift) & ((1 << 60) - 1)
            mant >>= 60 - shift
            if extra | (mant & 1) > 1 << 59 { mant += 1 }
            mant <<= 60 - shift
            if mant & (1 << 61) != 0 {
                mant >>= 1
                exp += 1
            }
        }
        let digits = upper ? upperDigits : lowerDigits
        var out: [UInt8] = []
        if v.sign == .minus { out.append(UInt8(ascii: "-")) }
        out.append(UInt8(ascii: "0"))
        out.append(upper ? UInt8(ascii: "X") : UInt8(ascii: "x"))
        out.append(UInt8(ascii: "0") + UInt8((mant >> 60) & 1))
        mant <<= 4
        if prec < 0 && mant != 0 {
            out.append(UInt8(ascii: "."))
            while mant != 0 {
                out.append(digits[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        } else if prec > 0 {
            out.append(UInt8(ascii: "."))
            for _ in 0..<prec {
                out.append(digits[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        }
        out.append(upper ? UInt8(ascii: "P") : UInt8(ascii: "p"))
        out.append(exp < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let e = abs(exp)
        if e < 10 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: String(e).utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// The float's integer mantissa (with the implicit bit) and unbiased exponent, as
    /// strconv's `FormatFloat` unpacks them.
    private static func mantissaExponent(_ v: Double) -> (UInt64, Int) {
        let bits = v.bitPattern
        var exp = Int((bits >> 52) & 0x7FF)
        var mant = bits & ((1 << 52) - 1)
        if exp == 0 {
            exp += 1  // denormal
        } else {
            mant |= 1 << 52
        }
        exp -= 1023
        return (mant, exp)
    }
}
