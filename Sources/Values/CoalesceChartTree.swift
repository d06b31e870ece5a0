/// The values side of a chart tree: what Helm's `CoalesceValues(chart, vals)` needs
/// from each chart (its name after aliasing, its values.yaml, its enabled
/// dependencies in order).
public struct CoalesceNode: Sendable, Equatable {
    public var name: String
    public var defaults: [String: Value]
    public var dependencies: [CoalesceNode]

    public init(name: String, defaults: [String: Value], dependencies: [CoalesceNode] = []) {
        self.name = name
        self.defaults = defaults
        self.dependencies = dependencies
    }
}

extension Coalesce {
    /// Helm's `coalesce`/`coalesceDeps` over a whole tree: this chart's defaults under
    /// `values`, then each dependency's section (with the parent's globals copied in)
    /// coalesced with that dependency's defaults, recursively. `CoalesceValues` is
    /// `merge: false`, `MergeValues` is `merge: true`.
    ///
    /// See `CoalesceGlobals.swift` for the one Helm quirk not reproduced (nested global
    /// maps shared between parent and subchart).
    public static func coalesce(
        _ chart: CoalesceNode, values: [String: Value], merge: Bool = false, prefix: String = "",
        warnings: inout [CoalesceWarning]
    ) throws(CoalesceError) -> [String: Value] {
        var dest = coalesceValues(
            chartDefaults: chart.defaults, user: values, chartName: chart.name, prefix: prefix, merge: merge,
            subchartNames: Set(chart.dependencies.map(\.name)), warnings: &warnings)
        let subPrefix = concatPrefix(prefix, chart.name)
        for sub in chart.dependencies {
            var section = try subchartSection(sub.name, of: dest)
            coalesceGlobals(into: &section, from: dest, prefix: subPrefix, warnings: &warnings)
            dest[sub.name] = .map(try coalesce(sub, values: section, merge: merge, prefix: subPrefix, warnings: &warnings))
        }
        return dest
    }
}
