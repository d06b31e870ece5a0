/// The checks of github.com/asaskevich/govalidator that Helm's Chart.yaml rules call,
/// reduced to the rules that decide real charts: `IsRequestURL` (Go's
/// `url.ParseRequestURI` succeeds and the URL has a scheme), `IsEmail` (an RFC 5322
/// dot-atom local part and a dotted domain) and `IsURL` (a host, optional scheme, port
/// and path).
enum LintURLs {
    /// `url.ParseRequestURI` plus a non-empty scheme: `scheme:/…` with a valid scheme,
    /// no control characters or spaces, and a sane host when there is an authority.
    static func isRequestURL(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return false }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        let scheme = bytes[..<colon]
        guard isLetter(scheme.first!),
            scheme.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        else { return false }
        let rest = bytes[(colon + 1)...]
        guard rest.first == UInt8(ascii: "/") else { return false }
        if rest.starts(with: [0x2F, 0x2F]) {
            let authority = rest.dropFirst(2).prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") }
            let host = authority.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false).last ?? []
            if host.contains(where: { $0 == 0x20 || $0 == UInt8(ascii: "%") && !host.starts(with: [0x5B]) }) {
                return false
            }
        }
        return true
    }

    static func isEmail(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        let local = bytes[..<at]
        var domain = bytes[(at + 1)...]
        let atomExtra = Array("!#$%&'*+-/=?^_`{|}~".utf8)
        for atom in local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !atom.isEmpty, atom.allSatisfy({ isLetter($0) || isDigit($0) || atomExtra.contains($0) || $0 >= 0x80 })
            else { return false }
        }
        if domain.last == UInt8(ascii: ".") { domain = domain.dropLast() }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard let first = label.first, let last = label.last,
                isLetter(first) || isDigit(first) || first >= 0x80, isLetter(last) || isDigit(last) || last >= 0x80,
                label.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x7E || $0 >= 0x80 })
            else { return false }
        }
        return true
    }

    /// `IsURL`: at most 2082 bytes, more than 3, a host of dotted labels (or an IP or
    /// `localhost`), then anything without spaces.
    static func isURL(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count > 3, bytes.count < 2083, bytes.first != UInt8(ascii: ".") else { return false }
        if bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return false }
        var rest = bytes[...]
        if let sep = s.range(of: "://") {
            let scheme = s[..<sep.lowerBound].lowercased()
            guard ["http", "https", "ftp", "irc", "ws", "wss"].contains(scheme) || scheme.isEmpty == false else {
                return false
            }
            rest = bytes[(s.utf8.distance(from: s.startIndex, to: sep.upperBound))...]
        }
        let authority = rest.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        var host = authority.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false).last ?? []
        if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            let port = host[(colon + 1)...]
            guard !port.isEmpty, port.allSatisfy(isDigit) else { return false }
            host = host[..<colon]
        }
        guard !host.isEmpty, host.first != UInt8(ascii: "."), host.last != UInt8(ascii: "-") else { return false }
        return host.allSatisfy { isLetter($0) || isDigit($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F || $0 >= 0x80 }
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
