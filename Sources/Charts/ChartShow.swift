import Values

/// What `helm show` can print about a chart.
public enum ChartShowFormat: String, CaseIterable, Sendable {
    case all, chart, values, readme, crds
}

/// `helm show` (Helm v4's `action.Show`): a loaded chart's Chart.yaml (re-marshalled
/// from the metadata, so keys come out sorted and empty fields drop), its values.yaml
/// as written, its README, and the CRDs of the chart and its subcharts. `all` joins
/// them with `---` lines.
public enum ChartShow {
    /// Helm looks for these names, ignoring case, in the chart's own files.
    static let readmeNames = ["readme.md", "readme.txt", "readme"]

    public static func show(_ chart: Chart, format: ChartShowFormat) throws -> String {
        var out = ""
        let all = format == .all
        if format == .chart || all {
            out += try metadataYAML(chart.metadata) + "\n"
        }
        if format == .values || all, let raw = chart.rawValues {
            if all { out += "---\n" }
            out += raw + "\n"
        }
        if format == .readme || all, let readme = readme(chart) {
            if all { out += "---\n" }
            out += String(decoding: readme.data, as: UTF8.self) + "\n"
        }
        if format == .crds || all {
            for crd in LintDependencies.crdObjects(chart) {
                if !crd.data.starts(with: Array("---".utf8)) { out += "---\n" }
                out += String(decoding: crd.data, as: UTF8.self) + "\n"
            }
        }
        return out
    }

    /// The first of the chart's files named like a README (Go ranges over the files,
    /// then the names).
    static func readme(_ chart: Chart) -> ChartFile? {
        chart.files.first { f in readmeNames.contains { $0 == f.name.lowercased() } }
    }

    /// `sigs.k8s.io/yaml.Marshal(chart.Metadata)`: the JSON field names, `omitempty`
    /// everywhere except a dependency's `name` and `repository`.
    public static func metadataYAML(_ md: ChartMetadata) throws -> String {
        try YAML.encode(metadataValue(md))
    }

    static func metadataValue(_ md: ChartMetadata) -> Value {
        var m: [String: Value] = [:]
        func put(_ key: String, _ s: String) { if !s.isEmpty { m[key] = .string(s) } }
        func put(_ key: String, _ list: [String]) { if !list.isEmpty { m[key] = .list(list.map { .string($0) }) } }
        put("name", md.name)
        put("home", md.home)
        put("sources", md.sources)
        put("version", md.version)
        put("description", md.description)
        put("keywords", md.keywords)
        if !md.maintainers.isEmpty {
            m["maintainers"] = .list(
                md.maintainers.map { mt in
                    var e: [String: Value] = [:]
                    if !mt.name.isEmpty { e["name"] = .string(mt.name) }
                    if !mt.email.isEmpty { e["email"] = .string(mt.email) }
                    if !mt.url.isEmpty { e["url"] = .string(mt.url) }
                    return .map(e)
                })
        }
        put("icon", md.icon)
        put("apiVersion", md.apiVersion)
        put("condition", md.condition)
        put("tags", md.tags)
        put("appVersion", md.appVersion)
        if md.deprecated { m["deprecated"] = .bool(true) }
        if !md.annotations.isEmpty { m["annotations"] = .map(md.annotations.mapValues { .string($0) }) }
        put("kubeVersion", md.kubeVersion)
        if !md.dependencies.isEmpty {
            m["dependencies"] = .list(
                md.dependencies.map { d in
                    var e: [String: Value] = ["name": .string(d.name), "repository": .string(d.repository)]
                    if !d.version.isEmpty { e["version"] = .string(d.version) }
                    if !d.condition.isEmpty { e["condition"] = .string(d.condition) }
                    if !d.tags.isEmpty { e["tags"] = .list(d.tags.map { .string($0) }) }
                    if d.enabled { e["enabled"] = .bool(true) }
                    if !d.importValues.isEmpty { e["import-values"] = .list(d.importValues) }
                    if !d.alias.isEmpty { e["alias"] = .string(d.alias) }
                    return .map(e)
                })
        }
        put("type", md.type)
        return .map(m)
    }
}
