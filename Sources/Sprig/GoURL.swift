/// The parts of Go's `net/url` that Sprig's URL functions reach: `url.Parse` (scheme,
/// opaque, authority, percent-decoding and its error texts) and `URL.String`.
struct GoURL {
    struct User: CustomStringConvertible {
        var username: String
        var password: String?
        var description: String {
            var s = GoURL.escape(username, .userPassword)
            if let password { s += ":" + GoURL.escape(password, .userPassword) }
            return s
        }
    }

    struct ParseError: Error {
        let message: String
    }

    enum Mode { case path, host, zone, userPassword, queryComponent, fragment }

    var scheme = "", opaque = "", host = "", path = "", rawQuery = "", fragment = ""
    var user: User?
    var omitHost = false
    var forceQuery = false

    var hostname: String {
        var h = host
        if let colon = h.utf8.lastIndex(of: UInt8(ascii: ":")), Self.validOptionalPort(String(h[colon...])) {
            h = String(h[..<colon])
        }
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        return h
    }

    static func parse(_ raw: String) throws -> GoURL {
        let (u, frag) = cut(raw, "#")
        var url: GoURL
        do { url = try parseWithoutFragment(u) } catch let e as ParseError {
            throw ParseError(message: "parse \(quote(u)): \(e.message)")
        }
        if let frag {
            do { url.fragment = try unescape(frag, .fragment) } catch let e as ParseError {
                throw ParseError(message: "parse \(quote(raw)): \(e.message)")
            }
        }
        return url
    }

    private static func parseWithoutFragment(_ raw: String) throws -> GoURL {
        if raw.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw ParseError(message: "net/url: invalid control character in URL")
        }
        var url = GoURL()
        if raw == "*" {
            url.path = "*"
            return url
        }
        var (scheme, rest) = try getScheme(raw)
        url.scheme = scheme.lowercased()
        scheme = url.scheme
        if rest.hasSuffix("?") && rest.utf8.filter({ $0 == UInt8(ascii: "?") }).count == 1 {
            url.forceQuery = true
            rest = String(rest.dropLast())
        } else {
            let (r, q) = cut(rest, "?")
            rest = r
            url.rawQuery = q ?? ""
        }
        if !rest.hasPrefix("/") {
            if !scheme.isEmpty {
                url.opaque = rest
                return url
            }
            if cut(rest, "/").0.contains(":") {
                throw ParseError(message: "first path segment in URL cannot contain colon")
            }
        }
        if (!scheme.isEmpty || !rest.hasPrefix("///")) && rest.hasPrefix("//") {
            var authority = String(rest.dropFirst(2))
            rest = ""
            if let i = authority.firstIndex(of: "/") {
                rest = String(authority[i...])
                authority = String(authority[..<i])
            }
            (url.user, url.host) = try parseAuthority(authority)
        } else if !scheme.isEmpty && rest.hasPrefix("/") {
            url.omitHost = true
        }
        url.path = try unescape(rest, .path)
        return url
    }

    private static func getScheme(_ raw: String) throws -> (String, String) {
        for (i, c) in raw.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if i == 0 { return ("", raw) }
            case UInt8(ascii: ":"):
                if i == 0 { throw ParseError(message: "missing protocol scheme") }
                let b = Array(raw.utf8)
                return (String(decoding: b[..<i], as: UTF8.self), String(decoding: b[(i + 1)...], as: UTF8.self))
            default:
                return ("", raw)
            }
        }
        return ("", raw)
    }

    private static func parseAuthority(_ authority: String) throws -> (User?, String) {
        guard let at = authority.lastIndex(of: "@") else { return (nil, try parseHost(authority)) }
        let host = try parseHost(String(authority[authority.index(after: at)...]))
        let userinfo = String(authority[..<at])
        guard validUserinfo(userinfo) else { throw ParseError(message: "net/url: invalid userinfo") }
        let (name, password) = cut(userinfo, ":")
        return (User(username: try unescape(name, .userPassword), password: try password.map { try unescape($0, .userPassword) }), host)
    }

    private static func parseHost(_ host: String) throws -> String {
        if host.hasPrefix("[") {
            guard let close = host.lastIndex(of: "]") else { throw ParseError(message: "missing ']' in host") }
            let colonPort = String(host[host.index(after: close)...])
            if !validOptionalPort(colonPort) { throw ParseError(message: "invalid port \(quote(colonPort)) after host") }
        } else if let colon = host.lastIndex(of: ":") {
            let colonPort = String(host[colon...])
            if !validOptionalPort(colonPort) { throw ParseError(message: "invalid port \(quote(colonPort)) after host") }
        }
        return try unescape(host, .host)
    }

    private static func validOptionalPort(_ port: String) -> Bool {
        if port.isEmpty { return true }
        guard port.hasPrefix(":") else { return false }
        return port.utf8.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func validUserinfo(_ s: String) -> Bool {
        for c in s.unicodeScalars {
            if c.value < 0x80 && !(c.properties.isAlphabetic || ("0"..."9").contains(c)) {
                if !"-._:~!$&'()*+,;=%@".unicodeScalars.contains(c) { return false }
            }
        }
        return true
    }

    static func cut(_ s: String, _ sep: Character) -> (String, String?) {
        guard let i = s.firstIndex(of: sep) else { return (s, nil) }
        return (String(s[..<i]), String(s[s.index(after: i)...]))
    }

    /// `strconv.Quote` for the ASCII text these messages hold.
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    private static func unhex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - 0x30
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - 0x61 + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - 0x41 + 10
        default: return nil
        }
    }

    static func unescape(_ s: String, _ mode: Mode) throws -> String {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < b.count, let h = unhex(b[i + 1]), let l = unhex(b[i + 2]) else {
                    let end = min(i + 3, b.count)
                    throw ParseError(message: "invalid URL escape \(quote(String(decoding: b[i..<end], as: UTF8.self)))")
                }
                if mode == .host && h < 8 && !(b[i + 1] == UInt8(ascii: "2") && b[i + 2] == UInt8(ascii: "5")) {
                    throw ParseError(message: "invalid URL escape \(quote(String(decoding: b[i..<(i + 3)], as: UTF8.self)))")
                }
                out.append(h << 4 | l)
                i += 3
                continue
            }
            if c == UInt8(ascii: "+") && mode == .queryComponent {
                out.append(UInt8(ascii: " "))
            } else {
                if (mode == .host || mode == .zone) && c < 0x80 && shouldEscape(c, mode) {
                    throw ParseError(message: "invalid character \(quote(String(UnicodeScalar(c)))) in host name")
                }
                out.append(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func shouldEscape(_ c: UInt8, _ mode: Mode) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return false
        default: break
        }
        let ch = Character(Unicode.Scalar(c))
        if mode == .host || mode == .zone, "!$&'()*+,;=:[]<>\"".contains(ch) { return false }
        if "-_.~".contains(ch) { return false }
        if "$&+,/:;=?@".contains(ch) {
            switch mode {
            case .path: return ch == "?"
            case .userPassword: return ch == "@" || ch == "/" || ch == "?" || ch == ":"
            case .queryComponent: return true
            case .fragment: return false
            case .host, .zone: return true
            }
        }
        if mode == .fragment, "!()*".contains(ch) { return false }
        return true
    }

    static func escape(_ s: String, _ mode: Mode) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in s.utf8 {
            if shouldEscape(c, mode) {
                if c == UInt8(ascii: " ") && mode == .queryComponent {
                    out.append(UInt8(ascii: "+"))
                } else {
                    out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 15)]]
                }
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `URL.String()`.
    var description: String {
        var buf = ""
        if !scheme.isEmpty { buf += scheme + ":" }
        if !opaque.isEmpty {
            buf += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !(omitHost && host.isEmpty && user == nil) {
                    if !host.isEmpty || !path.isEmpty || user != nil { buf += "//" }
                    if let user { buf += user.description + "@" }
                    if !host.isEmpty { buf += Self.escape(host, .host) }
                }
            }
            let p = Self.escape(path, .path)
            if !p.isEmpty && !p.hasPrefix("/") && !host.isEmpty { buf += "/" }
            if buf.isEmpty, Self.cut(p, "/").0.contains(":") { buf += "./" }
            buf += p
        }
        if forceQuery || !rawQuery.isEmpty { buf += "?" + rawQuery }
        if !fragment.isEmpty { buf += "#" + Self.escape(fragment, .fragment) }
        return buf
    }
}
