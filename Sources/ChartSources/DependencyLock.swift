import Charts
import Values

/// `Chart.lock` (or, for apiVersion v1 charts, `requirements.lock`): Helm's
/// `chart.Lock`, the exact versions `dependency update` chose and a digest of the
/// dependency list they were chosen for.
public struct DependencyLock: Sendable, Equatable {
    /// RFC 3339 with nanoseconds, as Go's `time.Time` marshals (`generated:`).
    public var generated: String
    /// `sha256:<hex>` of the dependencies and the lock (`DependencyLock.digest`).
    public var digest: String
    public var dependencies: [ChartDependency]

    public init(generated: String, digest: String, dependencies: [ChartDependency]) {
        self.generated = generated
        self.digest = digest
        self.dependencies = dependencies
    }

    /// Reads a lock file's YAML leniently, as Helm's loader fills `chart.Lock`.
    public static func decode(_ bytes: [UInt8]) -> DependencyLock? {
        guard let root = try? YAML.decode(String(decoding: bytes, as: UTF8.self)), let m = root.mapValue else { return nil }
        var deps: [ChartDependency] = []
        if case .list(let items, _)? = m["dependencies"] {
            deps = items.map { ChartDependency($0) }
        }
        let generated: String
        if case .object(let t)? = m["generated"], let time = t as? GoTime {
            generated = time.format(GoTimeLayout.rfc3339Nano)
        } else {
            generated = m["generated"]?.stringValue ?? ""
        }
        return DependencyLock(generated: generated, digest: m["digest"]?.stringValue ?? "", dependencies: deps)
    }

    /// The file's bytes as Helm writes them: `sigs.k8s.io/yaml.Marshal(lock)`, keys in
    /// sorted order, each locked dependency with `name`, `repository` and (when set)
    /// `version`.
    public func encoded() -> [UInt8] {
        let deps: [Value] = dependencies.map { d in
            var m: [String: Value] = ["name": .string(d.name), "repository": .string(d.repository)]
            if !d.version.isEmpty { m["version"] = .string(d.version) }
            if !d.condition.isEmpty { m["condition"] = .string(d.condition) }
            if !d.tags.isEmpty { m["tags"] = .strings(d.tags) }
            if !d.importValues.isEmpty { m["import-values"] = .list(d.importValues) }
            if !d.alias.isEmpty { m["alias"] = .string(d.alias) }
            return .map(m)
        }
        let doc: Value = .map([
            "dependencies": .list(deps), "digest": .string(digest), "generated": .string(generated),
        ])
        return Array(((try? YAML.encode(doc)) ?? "").utf8)
    }

    /// Helm's `resolver.HashReq(req, lock)`: `sha256:` of `json.Marshal([2][]*Dependency{req, lock})`.
    public static func digest(requested: [ChartDependency], locked: [ChartDependency]) -> String {
        var json: [UInt8] = Array("[".utf8)
        json += jsonArray(requested)
        json += Array(",".utf8)
        json += jsonArray(locked)
        json += Array("]".utf8)
        return "sha256:" + RepoIndex.digest(of: json)
    }

    /// Helm's `resolver.HashV2Req(req)`: the digest Helm 2 wrote into
    /// `requirements.lock` (`{"dependencies": req}`), still accepted for v1 charts.
    public static func helm2Digest(requested: [ChartDependency]) -> String {
        let json = Array("{\"dependencies\":".utf8) + jsonArray(requested) + Array("}".utf8)
        return "sha256:" + RepoIndex.digest(of: json)
    }

    /// `json.Marshal` of `[]*chart.Dependency`: fields in struct order with Helm's tags
    /// (`version`, `condition`, `tags`, `enabled`, `import-values`, `alias` omitted
    /// when empty), HTML-escaped strings as Go writes them.
    static func jsonArray(_ deps: [ChartDependency]) -> [UInt8] {
        var out: [UInt8] = Array("[".utf8)
        for (i, d) in deps.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            var fields: [String] = ["\"name\":" + jsonString(d.name)]
            if !d.version.isEmpty { fields.append("\"version\":" + jsonString(d.version)) }
            fields.append("\"repository\":" + jsonString(d.repository))
            if !d.condition.isEmpty { fields.append("\"condition\":" + jsonString(d.condition)) }
            if !d.tags.isEmpty { fields.append("\"tags\":" + ((try? JSON.encode(.strings(d.tags))) ?? "null")) }
            if d.enabled { fields.append("\"enabled\":true") }
            if !d.importValues.isEmpty {
                fields.append("\"import-values\":" + ((try? JSON.encode(.list(d.importValues))) ?? "null"))
            }
            if !d.alias.isEmpty { fields.append("\"alias\":" + jsonString(d.alias)) }
            out += Array(("{" + fields.joined(separator: ",") + "}").utf8)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private static func jsonString(_ s: String) -> String { (try? JSON.encode(.string(s))) ?? "\"\"" }
}
