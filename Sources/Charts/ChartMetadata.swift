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

    /// Reads the decoded Chart.yaml. Scalars Helm would read as strings (a version
    /// written `1.0`) are taken as their YAML text is not available here, so numbers
    /// print with Go's `%v`.
    public init(_ v: Value) {
        guard case .map(let m, _) = v else { return }
        func str(_ k: String) -> String {
            switch m[k] {
            case .string(let s): return s
            case .bool(let b): return b ? "true" : "false"
            case .float(let f): return GoFloat.format(f, "g")
            case .int(let i, _): return String(i)
            default: return ""
            }
        }
        func strings(_ k: String) -> [String] {
            (m[k]?.listValue ?? []).compactMap { $0.stringValue }
        }
        apiVersion = str("apiVersion")
        name = str("name")
        version = str("version")
        kubeVersion = str("kubeVersion")
        description = str("description")
        type = str("type")
        keywords = strings("keywords")
        home = str("home")
        sources = strings("sources")
        icon = str("icon")
        appVersion = str("appVersion")
        condition = str("condition")
        tags = str("tags")
        if case .bool(let b) = m["deprecated"] { deprecated = b }
        for (k, v) in m["annotations"]?.mapValue ?? [:] {
            if case .string(let s) = v { annotations[k] = s }
        }
        maintainers = (m["maintainers"]?.listValue ?? []).map { mv in
            let mm = mv.mapValue ?? [:]
            return Maintainer(
                name: mm["name"]?.stringValue ?? "", email: mm["email"]?.stringValue ?? "",
                url: mm["url"]?.stringValue ?? "")
        }
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
            "Dependencies": .list([]),
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
