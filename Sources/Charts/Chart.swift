import Values

/// A loaded chart: what Helm's `chart.Chart` holds once a folder or archive is read.
public struct Chart: Sendable {
    public var metadata: ChartMetadata
    /// Files under `templates/`, named relative to the chart root (`templates/x.yaml`).
    public var templates: [ChartFile]
    /// Every other file the chart carries (what `.Files` sees): not Chart.yaml,
    /// values.yaml, templates/ or charts/.
    public var files: [ChartFile]
    /// The chart's own values.yaml.
    public var values: [String: Value]
    /// Enabled subcharts, each under its name (or alias).
    public var dependencies: [Chart]
    /// Whether this is the chart being installed (not a subchart).
    public var isRoot: Bool
    /// The raw `values.schema.json`, when the chart ships one (Helm keeps its bytes).
    public var schema: String? = nil
    /// The chart's CRDs: its files under `crds/` with a manifest extension (`.yaml`,
    /// `.yml`, `.json`), as Helm's `CRDObjects` picks them. They stay in `files` too.
    public var crds: [ChartFile] = []
    /// The raw values.yaml text (nil when the chart has none).
    public var rawValues: String? = nil
    /// Where the chart was loaded from (a directory, an archive, or `charts/<x>` of its
    /// parent), for messages.
    public var source: String = ""

    public init(
        metadata: ChartMetadata, templates: [ChartFile] = [], files: [ChartFile] = [], values: [String: Value] = [:],
        dependencies: [Chart] = [], isRoot: Bool = true
    ) {
        self.metadata = metadata
        self.templates = templates
        self.files = files
        self.values = values
        self.dependencies = dependencies
        self.isRoot = isRoot
    }

    public var name: String { metadata.name }
}

/// One file of a chart.
public struct ChartFile: Sendable, Equatable {
    public var name: String
    public var data: [UInt8]
    public init(name: String, data: [UInt8]) {
        self.name = name
        self.data = data
    }
    public init(name: String, text: String) {
        self.init(name: name, data: Array(text.utf8))
    }
}
