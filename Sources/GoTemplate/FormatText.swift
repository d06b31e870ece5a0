import Values

/// Strings and byte slices: Go's `pp.fmtString/fmtBytes` and `fmt.fmtS/fmtSbx/fmtQ`,
/// with strconv's quoting (`Quote`, `QuoteToASCII`, `CanBackquote`, `IsPrint`).
extension FormatPrinter {
    mutating func fmtString(_ s: String, _ verb: Unicode.Scalar, _ value: Value) {
        switch verb {
        case "v":
            if f.sharpV { fmtQ(Array(s.utf8)) } else { fmtS(s) }
        case "s": fmtS(s)
        case "x": fmtSbx(Array(s.utf8), Self.lowerDigits)
        case "X": fmtSbx(Array(s.utf8), Self.upperDigits)
        case "q": fmtQ(Array(s.utf8))
        default: badVerb(verb, value)
        }
    }

    /// `%s`: the precision truncates by runes, then the width pads.
    mutating func fmtS(_ s: String) {
        guard f.precPresent else {
            padString(s)
            return
        }
        pad(truncated(s.utf8))
    }

    /// A `[]uint8`: `%s %q %x %X` treat it as text, `%v %d` as numbers (`[104 105]`,
    /// `[]byte{0x68, 0x69}` in Go syntax), other verbs apply to each byte.
    mutating func fmtBytes(_ b: [UInt8], _ verb: Unicode.Scalar, typeString: String) {
        switch verb {
        case "v", "d":
            if f.sharpV {
                write(typeString)
                write(UInt8(ascii: "{"))
                for (i, c) in b.enumerated() {
                    if i > 0 { write(", ") }
                    fmt0x64(UInt64(c), leading0x: true)
                }
                write(UInt8(ascii: "}"))
            } else {
                write(UInt8(ascii: "["))
                for (i, c) in b.enumerated() {
                    if i > 0 { write(UInt8(ascii: " ")) }
                    formatInteger(UInt64(c), base: 10, signed: false, verb, Self.lowerDigits)
                }
                write(UInt8(ascii: "]"))
            }
        case "s": pad(truncated(b))
        case "x": fmtSbx(b, Self.lowerDigits)
        case "X": fmtSbx(b, Self.upperDigits)
        case "q": fmtQ(b)
        default:
            printList(b.map { .int(Int64($0), type: .uint8) }, type: .byteSlice, verb, depth: 0)
        }
    }

    /// The first `prec` runes, when a precision is present.
    private func truncated<C: Collection>(_ s: C) -> C.SubSequence where C.Element == UInt8 {
        guard f.precPresent else { return s[...] }
        var n = f.prec
        var i = s.startIndex
        while i != s.endIndex {
            n -= 1
            if n < 0 { return s[..<i] }
            let w = s[i] < 0x80 ? 1 : decodeRune(s, at: i).width
            i = s.index(i, offsetBy: w)
        }
        return s[...]
    }

    /// Go's `fmtSbx`: hex of the bytes (`%x`), `% x` spaces them, `%#x` adds `0x` once
    /// (or to each byte with a space); the precision counts bytes. Padding counts the
    /// encoded width, and an empty input prints only the padding.
    mutating func fmtSbx(_ b: [UInt8], _ digits: [UInt8]) {
        var length = b.count
        if f.precPresent && f.prec < length { length = f.prec }
        var width = 2 * length
        if width > 0 {
            if f.space {
                if f.sharp { width *= 2 }
                width += length - 1
            } else if f.sharp {
                width += 2
            }
        } else {
            if f.widPresent { writePadding(f.wid) }
            return
        }
        if f.widPresent && f.wid > width && !f.minus { writePadding(f.wid - width) }
        if f.sharp {
            buf.append(UInt8(ascii: "0"))
            buf.append(digits[16])
        }
        for i in 0..<length {
            if f.space && i > 0 {
                buf.append(UInt8(ascii: " "))
                if f.sharp {
                    buf.append(UInt8(ascii: "0"))
                    buf.append(digits[16])
                }
            }
            let c = b[i]
            buf.append(digits[Int(c >> 4)])
            buf.append(digits[Int(c & 0xF)])
        }
        if f.widPresent && f.wid > width && f.minus { writePadding(f.wid - width) }
    }

    /// `%q`: a double-quoted Go string (`%+q` ASCII-only), or with `#` a backquoted
    /// raw string when strconv.CanBackquote allows it.
    mutating func fmtQ(_ s: [UInt8]) {
        let s = truncated(s)
        if f.sharp && canBackquote(s) {
            var out: [UInt8] = [UInt8(ascii: "`")]
            out.append(contentsOf: s)
            out.append(UInt8(ascii: "`"))
            pad(out)
            return
        }
        pad(quote(s, asciiOnly: f.plus))
    }
}

/// strconv.Quote / QuoteToASCII over UTF-8 bytes; invalid bytes become `\xNN`.
func quote<C: Collection>(_ s: C, asciiOnly: Bool) -> [UInt8] where C.Element == UInt8 {
    var out: [UInt8] = [UInt8(ascii: "\"")]
    out.reserveCapacity(s.count + 2)
    var i = s.startIndex
    while i != s.endIndex {
        let c = s[i]
        if c < 0x80 {
            appendEscapedRune(&out, UInt32(c), quote: UInt8(ascii: "\""), asciiOnly: asciiOnly)
            s.formIndex(after: &i)
            continue
        }
        let (r, w) = decodeRune(s, at: i)
        if w == 1 && r == 0xFFFD {
            out.append(contentsOf: "\\x".utf8)
            out.append(FormatPrinter.lowerDigits[Int(c >> 4)])
            out.append(FormatPrinter.lowerDigits[Int(c & 0xF)])
        } else {
            appendEscapedRune(&out, r, quote: UInt8(ascii: "\""), asciiOnly: asciiOnly)
        }
        i = s.index(i, offsetBy: w)
    }
    out.append(UInt8(ascii: "\""))
    return out
}

/// strconv's `appendEscapedRune`: the rune as it appears inside Go quotes.
func appendEscapedRune(_ out: inout [UInt8], _ r: UInt32, quote: UInt8, asciiOnly: Bool) {
    let hex = FormatPrinter.lowerDigits
    if r == UInt32(quote) || r == UInt32(UInt8(ascii: "\\")) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(r))
        return
    }
    if asciiOnly {
        if r < 0x80 && GoUnicode.isPrint(r) {
            out.append(UInt8(r))
            return
        }
    } else if GoUnicode.isPrint(r) {
        appendRune(&out, r)
        return
    }
    switch r {
    case 0x07: out.append(contentsOf: "\\a".utf8)
    case 0x08: out.append(contentsOf: "\\b".utf8)
    case 0x0C: out.append(contentsOf: "\\f".utf8)
    case 0x0A: out.append(contentsOf: "\\n".utf8)
    case 0x0D: out.append(contentsOf: "\\r".utf8)
    case 0x09: out.append(contentsOf: "\\t".utf8)
    case 0x0B: out.append(contentsOf: "\\v".utf8)
    default:
        if r < 0x20 || r == 0x7F {
            out.append(contentsOf: "\\x".utf8)
            out.append(hex[Int(r >> 4)])
            out.append(hex[Int(r & 0xF)])
        } else {
            var r = r
            if r > 0x10FFFF || (0xD800...0xDFFF).contains(r) { r = 0xFFFD }
            let long = r >= 0x10000
            out.append(contentsOf: (long ? "\\U" : "\\u").utf8)
            var shift = long ? 28 : 12
            while shift >= 0 {
                out.append(hex[Int((r >> UInt32(shift)) & 0xF)])
                shift -= 4
            }
        }
    }
}

/// strconv.CanBackquote: no control characters but tab, no backquote, no DEL, valid
/// UTF-8, no byte order mark.
func canBackquote<C: Collection>(_ s: C) -> Bool where C.Element == UInt8 {
    var i = s.startIndex
    while i != s.endIndex {
        let (r, w) = decodeRune(s, at: i)
        i = s.index(i, offsetBy: w)
        if w > 1 {
            if r == 0xFEFF { return false }
            continue
        }
        if r == 0xFFFD { return false }
        if (r < 0x20 && r != 0x09) || r == 0x60 || r == 0x7F { return false }
    }
    return true
}

