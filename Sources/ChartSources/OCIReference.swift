/// A chart in an OCI registry: `oci://host[:port]/path/name[:tag][@sha256:…]`, as Helm's
/// registry client reads it.
///
/// `repository` is the distribution-spec name (`path/name`, lowercase, the chart's name
/// last); the tag, when given, is a chart version in Helm's tag spelling (`+` written as
/// `_`, because `+` is not allowed in OCI tags).
public struct OCIReference: Sendable, Hashable, CustomStringConvertible {
    /// `host` or `host:port`.
    public var registry: String
    public var repository: String
    public var tag: String?
    /// A manifest digest (`sha256:…`).
    public var digest: String?

    public init(registry: String, repository: String, tag: String? = nil, digest: String? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses `oci://…`; `reason` in the error says what is wrong.
    public init(parsing text: String) throws(ChartSourceError) {
        func fail(_ reason: String) -> ChartSourceError { .invalidReference(reference: text, reason: reason) }
        guard text.hasPrefix("oci://") else { throw fail("must start with oci://") }
        var rest = Substring(text.dropFirst(6))
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        if let at = rest.firstIndex(of: "@") {
            let d = String(rest[rest.index(after: at)...])
            guard OCIReference.isDigest(d) else { throw fail("digest must be sha256:<64 hex digits>") }
            digest = d
            rest = rest[..<at]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw fail("no repository path after the registry host") }
        registry = String(rest[..<slash])
        var path = rest[rest.index(after: slash)...]
        guard !registry.isEmpty, !registry.contains("@") else { throw fail("missing or invalid registry host") }
        // A colon after the last slash starts the tag (one before it is the host's port).
        let lastSlash = path.lastIndex(of: "/") ?? path.startIndex
        if let colon = path[lastSlash...].firstIndex(of: ":") {
            let t = String(path[path.index(after: colon)...])
            guard OCIReference.isTag(t) else { throw fail("invalid tag \"\(t)\"") }
            tag = t
            path = path[..<colon]
        }
        repository = String(path)
        guard OCIReference.isRepositoryName(repository) else {
            throw fail("repository \"\(repository)\" must be lowercase path components of [a-z0-9._-]")
        }
    }

    /// The chart's name: the repository's last path component.
    public var chartName: String { String(repository.split(separator: "/").last ?? "") }

    /// `oci://registry/repository` with the tag and digest when set.
    public var description: String {
        var s = "oci://\(registry)/\(repository)"
        if let tag { s += ":\(tag)" }
        if let digest { s += "@\(digest)" }
        return s
    }

    /// This reference without tag and digest: the chart, not one version of it.
    public var chart: OCIReference { OCIReference(registry: registry, repository: repository) }

    /// Helm's tag for a chart version: `+` is not allowed in OCI tags, so Helm pushes
    /// `1.0.0+build` as `1.0.0_build` and reads it back the other way.
    public static func tag(forVersion version: String) -> String { version.replacingAll("+", with: "_") }
    public static func version(forTag tag: String) -> String { tag.replacingAll("_", with: "+") }

    static func isDigest(_ s: String) -> Bool {
        guard s.hasPrefix("sha256:") else { return false }
        let hex = s.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// The distribution spec's tag grammar: `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`.
    static func isTag(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard !u.isEmpty, u.count <= 128 else { return false }
        func word(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F }
        return word(u[0]) && u.dropFirst().allSatisfy { word($0) || $0 == 0x2E || $0 == 0x2D }
    }

    /// Path components of lowercase letters, digits and separators (`.`, `_`, `-`), none empty.
    static func isRepositoryName(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        return s.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.utf8.first, let last = part.utf8.last else { return false }
            func alnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) }
            return alnum(first) && alnum(last) && part.utf8.allSatisfy { alnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
        }
    }
}
