/// A URL split the way Go's `net/url` splits one, as much as chart repositories need:
/// `scheme://userinfo@host/path?query#fragment`. Components stay in their escaped
/// form, so a URL read from an index prints back unchanged.
///
/// Helm turns a chart's `urls[0]` into a download address in two ways, and both are
/// mirrored: `resolvingReference(_:)` is `repo.ResolveReferenceURL` (used by
/// `helm pull --repo` and for dependencies whose repository is not configured), and
/// `joiningPath(_:)` is the downloader's `normalizeURL` (used for repositories listed
/// in repositories.yaml), which `path.Join`s the reference onto the repository path.
public struct ChartURL: Sendable, Equatable, CustomStringConvertible {
    public var scheme = ""
    /// `user` or `user:password`, escaped as written.
    public var userinfo: String?
    /// `host` or `host:port`.
    public var host = ""
    public var path = ""
    public var rawQuery: String?
    public var fragment: String?

    public init(scheme: String = "", userinfo: String? = nil, host: String = "", path: String = "",
                rawQuery: String? = nil, fragment: String? = nil) {
        self.scheme = scheme
        self.userinfo = userinfo
        self.host = host
        self.path = path
        self.rawQuery = rawQuery
        self.fragment = fragment
    }

    /// Parses leniently (Go's `url.Parse` accepts nearly anything); `nil` only for text
    /// with a scheme that is not a scheme (`1http://`) or a space in the host.
    public init?(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") {
            rawQuery = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isLetter,
           rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
           !rest[..<colon].contains("/")
        {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<end]
            rest = rest[end...]
            if let at = authority.lastIndex(of: "@") {
                userinfo = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            if authority.contains(" ") { return nil }
            host = String(authority)
        }
        path = String(rest)
    }

    /// Go's `URL.IsAbs`: has a scheme.
    public var isAbsolute: Bool { !scheme.isEmpty }

    public var description: String { render(password: true) }

    /// The URL with any password replaced by `xxxxx`, as Go's `URL.Redacted` prints it:
    /// what errors and logs show.
    public var redacted: String { render(password: false) }

    private func render(password: Bool) -> String {
        var s = ""
        if !scheme.isEmpty { s += scheme + ":" }
        if !scheme.isEmpty || !host.isEmpty || userinfo != nil {
            s += "//"
            if var u = userinfo {
                if !password, let colon = u.firstIndex(of: ":") { u = u[..<colon] + ":xxxxx" }
                s += u + "@"
            }
            s += host
        }
        if !path.isEmpty, !host.isEmpty, !path.hasPrefix("/") { s += "/" }
        s += path
        if let rawQuery { s += "?" + rawQuery }
        if let fragment { s += "#" + fragment }
        return s
    }

    /// Host without the port, lowercased (for comparing origins).
    var hostname: String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return host[...close].lowercased() }
        if let colon = host.lastIndex(of: ":") { return host[..<colon].lowercased() }
        return host.lowercased()
    }

    /// The port, or the scheme's default.
    var port: String {
        if let colon = host.lastIndex(of: ":"), !host[colon...].contains("]") {
            return String(host[host.index(after: colon)...])
        }
        return scheme == "https" ? "443" : scheme == "http" ? "80" : ""
    }

    /// Whether two URLs share scheme, host and port: the origin Helm sends a
    /// repository's credentials to unless `pass_credentials_all` is set.
    public func sameOrigin(as other: ChartURL) -> Bool {
        scheme == other.scheme && hostname == other.hostname && port == other.port
    }

    /// Helm's `repo.ResolveReferenceURL(base, ref)`: an absolute reference is returned
    /// as is; otherwise it is resolved (RFC 3986) against the base with a trailing slash
    /// added, and the base's query string is kept (signed repository URLs need it).
    public func resolvingReference(_ reference: String) -> String {
        guard let ref = ChartURL(reference) else { return reference }
        if ref.isAbsolute { return reference }
        var base = self
        if !base.path.hasSuffix("/") { base.path += "/" }
        var out = base.resolve(ref)
        out.rawQuery = base.rawQuery
        return out.description
    }

    /// Go's `URL.ResolveReference`.
    func resolve(_ ref: ChartURL) -> ChartURL {
        var url = ref
        if ref.scheme.isEmpty { url.scheme = scheme }
        if !ref.scheme.isEmpty || !ref.host.isEmpty || ref.userinfo != nil {
            url.path = Self.resolvePath(ref.path, "")
            return url
        }
        if ref.path.isEmpty && ref.rawQuery == nil {
            url.rawQuery = rawQuery
            if ref.fragment == nil { url.fragment = fragment }
        }
        url.host = host
        url.userinfo = userinfo
        url.path = Self.resolvePath(path, ref.path)
        return url
    }

    /// Go's `resolvePath`: merge, then remove dot segments, keeping a trailing slash
    /// when the last segment was `.` or `..`.
    static func resolvePath(_ base: String, _ ref: String) -> String {
        var full: Substring
        if ref.isEmpty {
            full = Substring(base)
        } else if !ref.hasPrefix("/") {
            let cut = base.lastIndex(of: "/").map { base.index(after: $0) } ?? base.startIndex
            full = Substring(base[..<cut] + ref)
        } else {
            full = Substring(ref)
        }
        if full.isEmpty { return "" }
        var out: [Substring] = []
        let parts = full.split(separator: "/", omittingEmptySubsequences: false)
        var first = true
        var elem: Substring = ""
        for p in parts {
            elem = p
            if first {
                first = false
                if p.isEmpty { continue }
            }
            switch p {
            case ".": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(p)
            }
        }
        var s = "/" + out.joined(separator: "/")
        if (elem == "." || elem == "..") && !s.hasSuffix("/") { s += "/" }
        if s.hasPrefix("//") { s = String(s.dropFirst()) }
        return s
    }

    /// The downloader's `normalizeURL(base, ref)`: an absolute reference as is;
    /// otherwise `path.Join(base.Path, ref)` replaces the base's path.
    public func joiningPath(_ reference: String) -> String {
        guard let ref = ChartURL(reference) else { return reference }
        if ref.isAbsolute { return ref.description }
        var out = self
        out.path = Self.cleanJoin(path, reference)
        return out.description
    }

    /// Go's `path.Join` (which `path.Clean`s the result).
    static func cleanJoin(_ a: String, _ b: String) -> String {
        let joined = a.isEmpty ? b : b.isEmpty ? a : a + "/" + b
        if joined.isEmpty { return "" }
        let rooted = joined.hasPrefix("/")
        var out: [Substring] = []
        for p in joined.split(separator: "/") {
            switch p {
            case ".": continue
            case "..":
                if let last = out.last, last != ".." { out.removeLast() } else if !rooted { out.append(p) }
            default: out.append(p)
            }
        }
        let s = out.joined(separator: "/")
        return rooted ? "/" + s : (s.isEmpty ? "." : s)
    }

    /// Helm's `urlutil.Equal`: equal after parsing with each path `filepath.Clean`ed
    /// (an empty path reads `/`, a trailing slash is dropped); unparsable text compares
    /// as written.
    public static func equal(_ a: String, _ b: String) -> Bool {
        guard var ua = ChartURL(a), var ub = ChartURL(b) else { return a == b }
        ua.path = cleanJoin(ua.path.isEmpty ? "/" : ua.path, "")
        ub.path = cleanJoin(ub.path.isEmpty ? "/" : ub.path, "")
        return ua.description == ub.description
    }
}
