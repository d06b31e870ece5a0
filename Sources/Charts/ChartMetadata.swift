import Values

/// Chart.yaml: the fields Helm reads, under their Go names.
public struct ChartMetadata: Sendable, Equatable {
    public var apiVersion = "v2"
    public var name = ""
    public var version = ""
    public var kubeVersion = ""
    public var description = ""
    public var type = ""
    public var keywords: [String] = []
    public var home = ""
    public var sources: [String] = []
    public var maintainers: [Maintainer] = []
    public var icon = ""
    public var appVersion = ""
    public var deprecated = false
    public var annotations: [String: String] = [:]
    public var condition = ""
    public var tags = ""
    /// `dependencies:` (apiVersion v2) or, for v1 charts, `requirements.yaml`.
    public var dependencies: [ChartDependency] = []
    /// Helm v2's `engine:` field of v1 charts. Helm v3+ no longer reads it (its
    /// `Metadata` has no such field); kept so a v1 chart's metadata is complete.
    public var engine = ""

    public struct Maintainer: Sendable, Equatable {
        public var name = ""
        public var email = ""
        public var url = ""
        public init(name: String = "", email: String = "", url: String = "") {
            self.name = name
            self.email = email
            self.url = url
        }
    }

    public init() {}

    /// Reads the decoded Chart.yaml leniently: scalars go to string fields as
    /// sigs.k8s.io/yaml stringifies them (`1.10` reads `1.1`), mismatched types read as
    /// empty. `ChartLoader` reads the same way but refuses mismatches as Helm does.
    public init(_ v: Value) {
        var reader = ChartYAMLReader(strict: false)
        reader.metadata(v, into: &self)
    }

    /// `.Chart` as templates see it: Helm v4 hands templates the metadata as a
    /// `map[string]interface {}` keyed by Go field names, plus `IsRoot`.
    func templateValue(isRoot: Bool) -> Value {
        let maintainerValues: [Value] = maintainers.map { m in
            .map(["Name": .string(m.name), "Email": .string(m.email), "URL": .string(m.url)])
        }
        return .map([
            "APIVersion": .string(apiVersion),
            "Annotations": .map(annotations.mapValues { .string($0) }, type: .stringMap),
            "AppVersion": .string(appVersion),
            "Condition": .string(condition),
            "Dependencies": .list(dependencies.map { $0.templateValue() }),
            "Deprecated": .bool(deprecated),
            "Description": .string(description),
            "Home": .string(home),
            "Icon": .string(icon),
            "IsRoot": .bool(isRoot),
            "Keywords": .list(keywords.map { .string($0) }),
            "KubeVersion": .string(kubeVersion),
            "Maintainers": .list(maintainerValues),
            "Name": .string(name),
            "Sources": .list(sources.map { .string($0) }),
            "Tags": .string(tags),
            "Type": .string(type),
            "Version": .string(version),
        ])
    }
}
