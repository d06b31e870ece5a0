import Values

/// A whole chart rendered as `helm template`/`helm install` render it: dependencies
/// decided (conditions, tags, aliases) and imported, user values coalesced over the
/// chart tree, then every template of every enabled chart rendered.
public struct ChartRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions) {
        self.options = options
    }

    /// The rendered templates keyed `<chart>/templates/<path>` (subcharts under
    /// `<chart>/charts/<name>/templates/…`), including NOTES.txt, as Helm's engine
    /// returns them.
    public func render(_ chart: Chart, values: [String: Value]) throws -> [String: String] {
        let processed = try DependencyProcessing.process(chart, values: values)
        var warnings: [CoalesceWarning] = []
        let coalesced = try Coalesce.coalesce(
            DependencyProcessing.coalesceTree(processed), values: values, warnings: &warnings)
        if let report = options.onWarning {
            for w in warnings { report(w.message) }
        }
        if let problems = ValuesSchema.chartTreeError(Self.schemaTree(processed), values: coalesced) {
            throw RenderError.values(message: problems)
        }
        let engine = RenderEngine(options: options)
        return try LargeStack.run { try engine.render(processed, values: coalesced) }
    }

    /// Each enabled chart's values.schema.json, under the name its values live under.
    static func schemaTree(_ chart: Chart) -> ValuesSchema.ChartNode {
        ValuesSchema.ChartNode(name: chart.name, schema: chart.schema, dependencies: chart.dependencies.map(schemaTree))
    }
}
