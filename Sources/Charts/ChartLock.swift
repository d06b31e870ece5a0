import Values

/// Chart.lock (or, for apiVersion v1, requirements.lock): Helm's `chart.Lock`, the
/// dependency versions `helm dependency update` resolved. `chartutil.Save` writes it
/// back re-marshalled, so a packaged chart carries the same lock as its folder.
public struct ChartLock: Sendable, Equatable {
    /// RFC 3339 with nanoseconds (`RepoIndex.zeroTime` when the file has none).
    public var generated: String
    /// `sha256:<hex>` over the dependency list, as Helm computes it.
    public var digest: String
    /// Nil when the file has no `dependencies:` (Go's nil slice, written as `null`).
    public var dependencies: [ChartDependency]?

    public init(generated: String = RepoIndex.zeroTime, digest: String = "", dependencies: [ChartDependency]? = []) {
        self.generated = generated
        self.digest = digest
        self.dependencies = dependencies
    }

    /// Reads the file leniently, as `yaml.Unmarshal` into `chart.Lock` fills what fits.
    public init(yaml text: String) {
        self.init(dependencies: nil)
        guard case .map(let m, _)? = try? YAML.decode(text) else { return }
        if let g = m["generated"]?.stringValue,
            let t = try? GoTime.parse(layout: GoTimeLayout.rfc3339, value: g, in: .utc)
        {
            generated = t.format(GoTimeLayout.rfc3339Nano)
        }
        if let d = m["digest"], let s = ChartYAMLReader.scalarText(d) { digest = s }
        if case .list(let items, _)? = m["dependencies"] {
            dependencies = items.map { ChartDependency($0) }
        }
    }

    /// `yaml.Marshal(lock)`: keys sorted, every field written (no `omitempty` on Lock).
    public func encodedYAML() -> String {
        (try? YAML.encode(jsonValue)) ?? ""
    }

    /// Helm's `chart.Lock` as JSON: every field written, a nil list as `null`.
    public var jsonValue: Value {
        let deps: Value = dependencies.map { .list($0.map { .map($0.jsonFields()) }) } ?? .null
        return .map(["generated": .string(generated), "digest": .string(digest), "dependencies": deps])
    }
}
