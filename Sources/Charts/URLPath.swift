/// Helm's `urlutil.URLJoin(base, elem)`: parse the base URL, `path.Join` its path with
/// the element, print the URL again (Go's `url.URL.String`, which escapes the new path).
/// Used for the `urls:` of index entries (`--url https://host/charts` + `x-1.0.0.tgz`).
enum URLPath {
    static func join(_ base: String, _ elements: String...) -> String {
        var rest = Substring(base)
        var prefix = ""
        // scheme ":" — letters first, then letters, digits, + - .
        if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
            rest[rest.startIndex..<colon].utf8.enumerated().allSatisfy({ i, c in
                isLetter(c) || (i > 0 && (isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")))
            })
        {
            prefix = String(rest[...colon])
            rest = rest[rest.index(after: colon)...]
        }
        var hasAuthority = false
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterSlashes.endIndex
            prefix += "//" + afterSlashes[afterSlashes.startIndex..<end]
            hasAuthority = !afterSlashes[afterSlashes.startIndex..<end].isEmpty
            rest = afterSlashes[end...]
        }
        var suffix = ""
        if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            suffix = String(rest[q...])
            rest = rest[rest.startIndex..<q]
        }
        let path = cleanJoin([unescape(String(rest))] + elements)
        var escaped = escape(path)
        if !escaped.isEmpty && !escaped.hasPrefix("/") && hasAuthority { escaped = "/" + escaped }
        return prefix + escaped + suffix
    }

    /// Go's `path.Join`: empty elements are skipped, the result is cleaned, all empty is "".
    static func cleanJoin(_ parts: [String]) -> String {
        let nonEmpty = parts.filter { !$0.isEmpty }
        if nonEmpty.isEmpty { return "" }
        return ArchiveChartFiles.cleanPath(nonEmpty.joined(separator: "/"))
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `%XX` decoding; a malformed escape is left as written.
    private static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
        let b = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let h = hexValue(b[i + 1]), let l = hexValue(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// Go's `escape(s, encodePath)`: unreserved bytes and `$&+,/:;=@` stay.
    private static func escape(_ s: String) -> String {
        let keep = Set("-_.~$&+,/:;=@".utf8)
        guard !s.utf8.allSatisfy({ isLetter($0) || isDigit($0) || keep.contains($0) }) else { return s }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in s.utf8 {
            if isLetter(c) || isDigit(c) || keep.contains(c) {
                out.append(c)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
