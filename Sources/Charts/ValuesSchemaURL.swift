/// The little of RFC 3986 that `$id` and `$ref` need: resolving a reference against a
/// base URL and splitting off the fragment.
enum ValuesSchemaURL {
    /// `(url without fragment, fragment)`.
    static func split(_ url: String) -> (String, String) {
        guard let hash = url.firstIndex(of: "#") else { return (url, "") }
        return (String(url[..<hash]), String(url[url.index(after: hash)...]))
    }

    static func resolve(_ ref: String, against base: String) -> String {
        if hasScheme(ref) { return ref }
        let (baseDoc, _) = split(base)
        if ref.isEmpty { return baseDoc }
        if ref.hasPrefix("#") { return baseDoc + ref }
        guard let schemeEnd = baseDoc.range(of: ":") else { return ref }
        let scheme = String(baseDoc[..<schemeEnd.upperBound])
        var rest = String(baseDoc[schemeEnd.upperBound...])
        var authority = ""
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            authority = "//" + afterSlashes[..<end]
            rest = String(afterSlashes[end...])
        }
        if ref.hasPrefix("//") { return scheme + ref }
        var path: String
        if ref.hasPrefix("/") {
            path = ref
        } else {
            let dir = rest.lastIndex(of: "/").map { String(rest[...$0]) } ?? "/"
            path = dir + ref
        }
        // Keep the fragment and query apart while removing dot segments.
        var suffix = ""
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[cut...])
            path = String(path[..<cut])
        }
        var out: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (i, seg) in segments.enumerated() {
            if seg == "." { if i == segments.count - 1 { out.append("") }; continue }
            if seg == ".." {
                if out.count > 1 { out.removeLast() }
                if i == segments.count - 1 { out.append("") }
                continue
            }
            out.append(seg)
        }
        return scheme + authority + out.joined(separator: "/") + suffix
    }

    private static func hasScheme(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":") else { return false }
        let scheme = s[..<colon]
        guard let first = scheme.first, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    static func percentDecode(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
                let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
