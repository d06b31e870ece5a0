/// Acting as another user (client-go's `ImpersonationConfig`): every request carries
/// `Impersonate-User`, `Impersonate-Uid`, `Impersonate-Group` and `Impersonate-Extra-<key>`
/// headers, and the server, once it has checked the caller may `impersonate` them, treats the
/// request as that user's. The controller uses it to act as a release's service account.
public struct Impersonation: Sendable, Hashable {
    public var user: String
    public var uid: String?
    public var groups: [String]
    public var extra: [String: [String]]

    public init(user: String, uid: String? = nil, groups: [String] = [], extra: [String: [String]] = [:]) {
        self.user = user
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// A service account (`system:serviceaccount:NS:NAME`). No groups are sent: the server
    /// knows a service account's groups (`system:serviceaccounts`,
    /// `system:serviceaccounts:NS`) and adds them itself.
    public static func serviceAccount(namespace: String, name: String) -> Impersonation {
        Impersonation(user: "system:serviceaccount:\(namespace):\(name)")
    }

    static let headerNames = ["Impersonate-User", "Impersonate-Uid", "Impersonate-Group"]
    static let extraPrefix = "Impersonate-Extra-"

    /// The header fields, in client-go's order (user, uid, groups, extras by key).
    public var headers: TransportHeaders {
        var headers = TransportHeaders()
        headers.add("Impersonate-User", user)
        if let uid, !uid.isEmpty { headers.add("Impersonate-Uid", uid) }
        for group in groups { headers.add("Impersonate-Group", group) }
        for key in extra.keys.sorted() {
            for value in extra[key] ?? [] { headers.add(Self.extraPrefix + Self.escapeHeaderKey(key), value) }
        }
        return headers
    }

    /// `headers` with any impersonation fields replaced by this one's.
    func applied(to headers: TransportHeaders) -> TransportHeaders {
        var result = TransportHeaders()
        for field in headers where !Self.isImpersonationHeader(field.name) { result.add(field.name, field.value) }
        for field in self.headers { result.add(field.name, field.value) }
        return result
    }

    static func isImpersonationHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        return headerNames.contains { $0.lowercased() == lower } || lower.hasPrefix(extraPrefix.lowercased())
    }

    /// client-go's `headerKeyEscape`: bytes that cannot appear in a header name, and `%`
    /// itself, are percent-encoded; the server unescapes the key (`url.PathUnescape`).
    static func escapeHeaderKey(_ key: String) -> String {
        var out = ""
        for byte in key.utf8 {
            if isTokenByte(byte) && byte != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// RFC 7230 `tchar`.
    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(b)
        }
    }
}
