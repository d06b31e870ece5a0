import KubeObjects

/// The URL path and query of a request on a resource, as client-go's REST client builds
/// them: `/api/v1/namespaces/ns/configmaps/name/status?fieldManager=…`.
public struct ResourcePath: Sendable, Equatable {
    public var resource: GroupVersionResource
    public var namespace: String?
    public var name: String?
    public var subresource: String?
    public var query: [(name: String, value: String)] = []

    public init(_ resource: GroupVersionResource, namespace: String? = nil, name: String? = nil, subresource: String? = nil) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.subresource = subresource
    }

    public static func == (a: ResourcePath, b: ResourcePath) -> Bool {
        a.resource == b.resource && a.namespace == b.namespace && a.name == b.name && a.subresource == b.subresource
            && a.query.elementsEqual(b.query) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Adds a query parameter (skipped when `value` is nil).
    public func adding(_ name: String, _ value: String?) -> ResourcePath {
        guard let value else { return self }
        var p = self
        p.query.append((name, value))
        return p
    }

    /// The path and query, percent-encoded.
    public var string: String {
        var parts: [String] = resource.group.isEmpty ? ["api", resource.version] : ["apis", resource.group, resource.version]
        if let namespace, !namespace.isEmpty { parts += ["namespaces", namespace] }
        parts.append(resource.resource)
        if let name { parts.append(name) }
        if let subresource { parts.append(subresource) }
        var out = "/" + parts.map { Self.escape($0, query: false) }.joined(separator: "/")
        if !query.isEmpty {
            out += "?" + query.map { Self.escape($0.name, query: true) + "=" + Self.escape($0.value, query: true) }.joined(separator: "&")
        }
        return out
    }

    /// RFC 3986 unreserved characters stay and everything else becomes %XX, as Go's
    /// `url.PathEscape`/`QueryEscape` do (a space is %20 in both: the server decodes either).
    /// `:` stays in paths, where it is legal (CRD names like `system:foo` roles).
    static func escape(_ s: String, query: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            let c = Character(UnicodeScalar(b))
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(c)
            case UInt8(ascii: ":") where !query:
                out.append(c)
            default:
                let hex = Array("0123456789ABCDEF")
                out.append("%")
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return out
    }
}
