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
        .map(md.jsonFields())
    }
}
