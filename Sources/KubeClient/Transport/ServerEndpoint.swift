/// The configured server URL taken apart once: the base every request path is appended
/// to, the host and port libcurl connects to, and the form that may be shown in errors.
struct ServerEndpoint: Sendable, Equatable {
    var scheme: String
    /// Without brackets for IPv6 (`::1`).
    var host: String
    var port: Int
    /// `""` or `/prefix` without a trailing slash.
    var pathPrefix: String

    var isTLS: Bool { scheme == "https" }

    /// Accepts `http(s)://[user@]host[:port][/prefix]`; user info is dropped (Kubernetes
    /// authenticates with certificates and tokens, never URL credentials).
    init?(_ server: String) {
        guard let separator = server.range(of: "://") else { return nil }
        scheme = server[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = server[separator.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var prefix = String(rest[authorityEnd...])
        while prefix.hasSuffix("/") { prefix.removeLast() }
        pathPrefix = prefix
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            host = String(authority)
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0.isNewline }) else { return nil }
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else { return nil }
            self.port = port
        } else {
            port = scheme == "https" ? 443 : 80
        }
    }

    /// `host:port` with IPv6 bracketed, for URLs and CURLOPT_CONNECT_TO.
    static func authority(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The URL libcurl fetches. With `hostOverride` (the TLS server name) the URL names that
    /// host, so SNI and certificate verification use it, while CURLOPT_CONNECT_TO still
    /// sends the connection to the configured address.
    func url(path: String, query: [(name: String, value: String)], hostOverride: String? = nil) -> String {
        var url = "\(scheme)://\(Self.authority(hostOverride ?? host, port))\(pathPrefix)\(Self.normalized(path))"
        if !query.isEmpty {
            url += "?" + query.map { Self.percentEncoded($0.name) + "=" + Self.percentEncoded($0.value) }.joined(separator: "&")
        }
        return url
    }

    /// What errors show: no user info, no query.
    func shownURL(path: String) -> String {
        var shown = Self.normalized(path)
        if let query = shown.firstIndex(where: { $0 == "?" || $0 == "#" }) { shown = String(shown[..<query]) }
        return "\(scheme)://\(Self.authority(host, port))\(pathPrefix)\(shown)"
    }

    private static func normalized(_ path: String) -> String { path.hasPrefix("/") ? path : "/" + path }

    /// RFC 3986 unreserved characters stay, every other byte becomes %XX.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
