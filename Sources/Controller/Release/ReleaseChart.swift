import Charts
import Values

/// The chart of a release as Helm's `chart.Chart` (pkg/chart/v2) marshals it: `metadata`,
/// `lock`, `templates` and `files` as `{name, data}` with base64 data, `values`, `schema`
/// (base64). Helm keeps no subcharts in this JSON (`dependencies` is an unexported field),
/// so a Helm-written record cannot be re-rendered when its chart has any; Helm itself
/// never re-renders a stored chart (its rollback reuses the stored manifest). Rudder's
/// rollback does re-render, so Rudder writes the subcharts too, under `rudder_subcharts`,
/// which Helm's decoder ignores.
public struct ReleaseChart: Sendable, Equatable {
    public var metadata: ChartMetadata
    /// Chart.lock (requirements.lock for apiVersion v1), when the chart had one.
    public var lock: ChartLock?
    public var templates: [ChartFile]
    /// The chart's default values.
    public var values: [String: Value]
    /// values.schema.json's bytes.
    public var schema: [UInt8]?
    /// Every other file (README, crds/, …), as `.Files` sees them.
    public var files: [ChartFile]
    /// The subcharts, each a chart of its own (Rudder's extension; empty in Helm's records).
    public var subcharts: [ReleaseChart]
    /// Fields this model does not know (Helm v4's `modtime`, `schemamodtime`), kept so a
    /// rewritten record keeps them.
    public var unknownFields: [String: Value]

    public init(
        metadata: ChartMetadata, lock: ChartLock? = nil, templates: [ChartFile] = [], values: [String: Value] = [:],
        schema: [UInt8]? = nil, files: [ChartFile] = [], subcharts: [ReleaseChart] = [], unknownFields: [String: Value] = [:]
    ) {
        self.metadata = metadata
        self.lock = lock
        self.templates = templates
        self.values = values
        self.schema = schema
        self.files = files
        self.subcharts = subcharts
        self.unknownFields = unknownFields
    }

    /// The chart as it is released: every file Helm stores, and its subcharts.
    /// `lock` is the parsed Chart.lock, which `Chart` does not keep (`ChartPackager.load`
    /// returns it); `locks` of subcharts are keyed as `ChartSaver.locks` (`charts/<name>`).
    public init(_ chart: Chart, locks: [String: ChartLock] = [:]) {
        self.init(chart, locks: locks, key: "")
    }

    private init(_ chart: Chart, locks: [String: ChartLock], key: String) {
        self.init(
            metadata: chart.metadata, lock: locks[key], templates: chart.templates, values: chart.values,
            schema: chart.schema.map { Array($0.utf8) }, files: chart.files)
        subcharts = chart.dependencies.map { sub in
            ReleaseChart(sub, locks: locks, key: key.isEmpty ? "charts/\(sub.name)" : "\(key)/charts/\(sub.name)")
        }
    }

    /// Dependencies named in the metadata with no stored subchart: what a chart recorded
    /// by Helm lacks to be rendered again. Empty for charts Rudder recorded.
    public var missingSubcharts: [String] {
        let stored = Set(subcharts.map(\.metadata.name))
        return metadata.dependencies.map(\.name).filter { !stored.contains($0) }
    }
}

extension Chart {
    /// A renderable chart from a stored one: what a rollback renders again.
    public init(_ stored: ReleaseChart, isRoot: Bool = true) {
        self.init(
            metadata: stored.metadata, templates: stored.templates, files: stored.files, values: stored.values,
            dependencies: stored.subcharts.map { Chart($0, isRoot: false) }, isRoot: isRoot)
        schema = stored.schema.map { String(decoding: $0, as: UTF8.self) }
        // As the loader picks them (Helm's CRDObjects): files under crds/ with a manifest extension.
        crds = stored.files.filter { f in
            f.name.hasPrefix("crds/") && (f.name.hasSuffix(".yaml") || f.name.hasSuffix(".yml") || f.name.hasSuffix(".json"))
        }
        source = "release record"
    }
}
