import Values

/// The flags of one `%` directive, as Go's `fmt.fmtFlags` holds them.
///
/// `plusV`/`sharpV` are `%+v`/`%#v`: Go moves `+` and `#` into them when the verb is
/// `v`, so that nested values print struct field names / Go syntax while the plain
/// `plus`/`sharp` flags stay off for the numbers inside.
struct FormatFlags: Sendable {
    var widPresent = false
    var precPresent = false
    var minus = false
    var plus = false
    var sharp = false
    var space = false
    var zero = false
    var plusV = false
    var sharpV = false
    var wid = 0
    var prec = 0
}

/// The state of one `Sprintf`/`Sprint` call: the output bytes and the current
/// directive's flags. A mirror of Go's `fmt.pp` + `fmt.fmt`, split over the
/// `Format*.swift` files by concern (driver, values, numbers, text).
///
/// Output is built as UTF-8 bytes, because Go's fmt works on bytes: `%x` of a string
/// encodes its bytes, and `[]uint8` may hold text that is not valid UTF-8.
struct FormatPrinter {
    var buf: [UInt8] = []
    var f = FormatFlags()
    /// Set while printing a `%!verb(type=value)` complaint; Go then calls no
    /// `String()` methods, so a bad verb on a Stringer shows the underlying value.
    var erroring = false

    init() { buf.reserveCapacity(32) }

    var output: String { String(decoding: buf, as: UTF8.self) }

    mutating func write(_ s: String) { buf.append(contentsOf: s.utf8) }
    mutating func write(_ b: UInt8) { buf.append(b) }

    mutating func writeScalar(_ r: Unicode.Scalar) { appendRune(&buf, r.value) }

    // MARK: Padding (Go's fmt.writePadding / pad / padString)

    /// Writes `n` padding bytes: zeros when the `0` flag holds (Go only keeps that flag
    /// when `-` is absent, so zero padding never lands on the right), else spaces.
    mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        let byte: UInt8 = f.zero && !f.minus ? UInt8(ascii: "0") : UInt8(ascii: " ")
        buf.append(contentsOf: repeatElement(byte, count: n))
    }

    /// Appends `b` padded to the width, counting runes as Go does (`%5s` of "é" pads 4).
    mutating func pad<C: Collection>(_ b: C) where C.Element == UInt8 {
        guard f.widPresent, f.wid != 0 else {
            buf.append(contentsOf: b)
            return
        }
        let width = f.wid - runeCount(b)
        if !f.minus {
            writePadding(width)
            buf.append(contentsOf: b)
        } else {
            buf.append(contentsOf: b)
            writePadding(width)
        }
    }

    mutating func padString(_ s: String) { pad(s.utf8) }

    /// Go's `fmt.clearflags`: every directive starts from no flags.
    mutating func clearFlags() { f = FormatFlags() }
}

/// Go's `utf8.RuneCount`: each invalid byte counts as one rune.
func runeCount<C: Collection>(_ b: C) -> Int where C.Element == UInt8 {
    var n = 0
    var i = b.startIndex
    while i != b.endIndex {
        let lead = b[i]
        if lead < 0x80 {
            b.formIndex(after: &i)
        } else {
            let (_, width) = decodeRune(b, at: i)
            i = b.index(i, offsetBy: width)
        }
        n += 1
    }
    return n
}

/// Go's `utf8.DecodeRune`: the rune at `i` and its width; `(0xFFFD, 1)` for a byte
/// that does not start a valid, shortest-form encoding of a scalar.
func decodeRune<C: Collection>(_ b: C, at i: C.Index) -> (rune: UInt32, width: Int) where C.Element == UInt8 {
    let c0 = UInt32(b[i])
    if c0 < 0x80 { return (c0, 1) }
    let invalid: (UInt32, Int) = (0xFFFD, 1)
    func cont(_ k: Int) -> UInt32? {
        let j = b.index(i, offsetBy: k, limitedBy: b.endIndex) ?? b.endIndex
        guard j != b.endIndex else { return nil }
        let c = UInt32(b[j])
        return c & 0xC0 == 0x80 ? c & 0x3F : nil
    }
    switch c0 {
    case 0xC2...0xDF:
        guard let c1 = cont(1) else { return invalid }
        return ((c0 & 0x1F) << 6 | c1, 2)
    case 0xE0...0xEF:
        guard let c1 = cont(1), let c2 = cont(2) else { return invalid }
        let r = (c0 & 0x0F) << 12 | c1 << 6 | c2
        if r < 0x800 || (0xD800...0xDFFF).contains(r) { return invalid }
        return (r, 3)
    case 0xF0...0xF4:
        guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return invalid }
        let r = (c0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
        if r < 0x10000 || r > 0x10FFFF { return invalid }
        return (r, 4)
    default:
        return invalid
    }
}

/// Go's `utf8.AppendRune`: invalid runes (surrogates, beyond U+10FFFF) become U+FFFD.
func appendRune(_ buf: inout [UInt8], _ r: UInt32) {
    var r = r
    if (0xD800...0xDFFF).contains(r) || r > 0x10FFFF { r = 0xFFFD }
    switch r {
    case 0..<0x80:
        buf.append(UInt8(r))
    case 0x80..<0x800:
        buf.append(UInt8(0xC0 | r >> 6))
        buf.append(UInt8(0x80 | r & 0x3F))
    case 0x800..<0x10000:
        buf.append(UInt8(0xE0 | r >> 12))
        buf.append(UInt8(0x80 | (r >> 6) & 0x3F))
        buf.append(UInt8(0x80 | r & 0x3F))
    default:
        buf.append(UInt8(0xF0 | r >> 18))
        buf.append(UInt8(0x80 | (r >> 12) & 0x3F))
        buf.append(UInt8(0x80 | (r >> 6) & 0x3F))
        buf.append(UInt8(0x80 | r & 0x3F))
    }
}
