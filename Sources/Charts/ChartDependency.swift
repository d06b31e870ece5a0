import Values

/// One entry of Chart.yaml's `dependencies:` (or, for apiVersion v1, `requirements.yaml`):
/// Helm's `chart.Dependency`. The loader keeps it as written; the dependency pass
/// (conditions, tags, import-values) reads and updates it.
public struct ChartDependency: Sendable, Equatable {
    public var name = ""
    public var version = ""
    public var repository = ""
    /// A comma-separated list of values paths (`sub.enabled,global.sub.enabled`).
    public var condition = ""
    public var tags: [String] = []
    /// Helm's `Enabled`: set by the dependency pass; false as loaded.
    public var enabled = false
    /// `import-values`, each a string (`"data"`, read as `exports.data`) or a
    /// `{child, parent}` map, kept as written because Helm keeps `[]interface{}`.
    public var importValues: [Value] = []
    public var alias = ""

    public init(
        name: String = "", version: String = "", repository: String = "", condition: String = "",
        tags: [String] = [], enabled: Bool = false, importValues: [Value] = [], alias: String = ""
    ) {
        self.name = name
        self.version = version
        self.repository = repository
        self.condition = condition
        self.tags = tags
        self.enabled = enabled
        self.importValues = importValues
        self.alias = alias
    }

    /// Reads one decoded dependency map leniently (mismatched types read as empty).
    public init(_ v: Value) {
        var reader = ChartYAMLReader(strict: false)
        self = reader.dependency(v, at: "dependencies") ?? ChartDependency()
    }

    /// The name the subchart goes by in values and output paths: the alias when set.
    public var effectiveName: String { alias.isEmpty ? name : alias }

    /// `.Chart.Dependencies` element as templates see it: Helm hands the struct, which
    /// `toJson` prints with its Go field names.
    func templateValue() -> Value {
        .map([
            "Alias": .string(alias),
            "Condition": .string(condition),
            "Enabled": .bool(enabled),
            "ImportValues": .list(importValues),
            "Name": .string(name),
            "Repository": .string(repository),
            "Tags": .strings(tags),
            "Version": .string(version),
        ])
    }
}
