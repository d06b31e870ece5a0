/// Rune decoding on raw UTF-8 bytes, as Go's `utf8.DecodeRune`: an invalid or truncated
/// sequence decodes as U+FFFD of width 1, so matching never stalls.
enum UTF8Decoding {
    static let runeError: UInt32 = 0xFFFD

    /// The rune starting at `i` (which must be < bytes.count) and its width in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (rune: UInt32, width: Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        return decodeMultibyte(bytes, at: i, first: b0)
    }

    static func decodeMultibyte(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, first b0: UInt8) -> (rune: UInt32, width: Int) {
        let n = bytes.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < n, bytes[k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[k] & 0x3F)
        }
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = cont(i + 1) else { return (runeError, 1) }
            return (UInt32(b0 & 0x1F) << 6 | c1, 2)
        case 0xE0...0xEF:
            guard let c1 = cont(i + 1), let c2 = cont(i + 2) else { return (runeError, 1) }
            let r = UInt32(b0 & 0x0F) << 12 | c1 << 6 | c2
            if r < 0x800 || (0xD800...0xDFFF).contains(r) { return (runeError, 1) }
            return (r, 3)
        case 0xF0...0xF4:
            guard let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) else { return (runeError, 1) }
            let r = UInt32(b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if r < 0x10000 || r > 0x10FFFF { return (runeError, 1) }
            return (r, 4)
        default:
            return (runeError, 1)
        }
    }

    /// The rune ending just before `i` (i > 0), as Go's `utf8.DecodeLastRune`.
    static func decodeLast(_ bytes: UnsafeBufferPointer<UInt8>, before i: Int) -> UInt32 {
        let last = bytes[i - 1]
        if last < 0x80 { return UInt32(last) }
        var start = i - 1
        let limit = max(0, i - 4)
        while start > limit, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let (r, w) = decode(bytes, at: start)
        return start + w == i ? r : runeError
    }
}
