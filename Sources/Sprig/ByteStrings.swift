/// Masterminds/goutils helpers that Sprig exposes, which walk strings byte by byte
/// (`rune(str[i])`): a multi-byte character is seen as its bytes read as Latin-1, so
/// `nospace " é "` gives `Ã©` and `initials "Élan"` gives `Ã` — Helm's exact output.
enum ByteStrings {
    /// goutils `DeleteWhiteSpace`: unchanged when nothing is removed, else every kept
    /// byte re-encoded as the rune of its value.
    static func deleteWhiteSpace(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var removed = false
        for b in s.utf8 {
            let r = Unicode.Scalar(b)
            if GoUnicode.isSpace(r) { removed = true } else { out.append(r) }
        }
        return removed ? String(out) : s
    }

    /// goutils `Initials`: the first byte after each run of white space.
    static func initials(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasGap = true
        for b in s.utf8 {
            let r = Unicode.Scalar(b)
            if GoUnicode.isSpace(r) {
                lastWasGap = true
            } else if lastWasGap {
                out.append(r)
                lastWasGap = false
            }
        }
        return String(out)
    }

    /// goutils `AbbreviateFull`, byte-indexed; its error cases give "" (Sprig drops the error).
    static func abbreviate(_ s: String, offset offsetIn: Int, maxWidth: Int) -> String {
        let b = Array(s.utf8)
        if b.isEmpty || maxWidth < 4 { return "" }
        if b.count <= maxWidth { return s }
        var offset = min(offsetIn, b.count)
        if b.count - offset < maxWidth - 3 { offset = b.count - (maxWidth - 3) }
        if offset <= 4 { return GoValue.string(b[0..<(maxWidth - 3)]) + "..." }
        if maxWidth < 7 { return "" }
        if offset + maxWidth - 3 < b.count {
            return "..." + abbreviate(GoValue.string(b[offset...]), offset: 0, maxWidth: maxWidth - 3)
        }
        return "..." + GoValue.string(b[(b.count - (maxWidth - 3))...])
    }

    /// goutils `WrapCustom`: breaks at the last space within `width` bytes; long words
    /// are cut (`wrapWith`) or left whole (`wrap`).
    static func wrap(_ s: String, width widthIn: Int, newline newlineIn: String, wrapLongWords: Bool) -> String {
        let b = Array(s.utf8)
        if b.isEmpty { return "" }
        let newline = Array((newlineIn.isEmpty ? "\n" : newlineIn).utf8)
        let width = max(widthIn, 1)
        let space = UInt8(ascii: " ")
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / width * newline.count)
        var offset = 0
        while b.count - offset > width {
            if b[offset] == space {
                offset += 1
                continue
            }
            let end = min(width + offset + 1, b.count)
            if let at = b[offset..<end].lastIndex(of: space), at >= offset {
                out.append(contentsOf: b[offset..<at])
                out.append(contentsOf: newline)
                offset = at + 1
            } else if wrapLongWords {
                out.append(contentsOf: b[offset..<(offset + width)])
                out.append(contentsOf: newline)
                offset += width
            } else if let at = b[(offset + width)...].firstIndex(of: space) {
                out.append(contentsOf: b[offset..<at])
                out.append(contentsOf: newline)
                offset = at + 1
            } else {
                out.append(contentsOf: b[offset...])
                offset = b.count
            }
        }
        out.append(contentsOf: b[offset...])
        return GoValue.string(out)
    }
}
