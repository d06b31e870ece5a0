import Sprig
import Values

/// Helm's `ProcessDependenciesWithMerge`: decides which subcharts take part in a render
/// (conditions, tags, aliases) and lets parents import values from their children.
///
/// Declared dependencies whose chart is present (same name, version within the
/// declared range) are renamed to their alias, so one chart may appear several times;
/// charts dropped into `charts/` without a declaration always take part. A condition is
/// the first of its comma-separated paths that holds a boolean in the coalesced values;
/// tags switch a dependency off only when every tag it names is false.
enum DependencyProcessing {
    static func process(_ chart: Chart, values: [String: Value]) throws -> Chart {
        var chart = try enabled(chart, values: values, path: "")
        try importValues(&chart)
        return chart
    }

    /// Helm's `processDependencyEnabled`.
    static func enabled(_ chart: Chart, values: [String: Value], path: String) throws -> Chart {
        var chart = chart
        let declared = chart.metadata.dependencies
        guard !declared.isEmpty else { return chart }

        var members: [Chart] = chart.dependencies.filter { existing in
            !declared.contains { $0.name == existing.name && isCompatible($0.version, existing.metadata.version) }
        }
        var requirements = declared
        for i in requirements.indices {
            let req = requirements[i]
            if var copy = chart.dependencies.first(where: {
                $0.name == req.name && isCompatible(req.version, $0.metadata.version)
            }) {
                if !req.alias.isEmpty { copy.metadata.name = req.alias }
                members.append(copy)
            }
            if !req.alias.isEmpty { requirements[i].name = req.alias }
            requirements[i].enabled = true
        }
        chart.dependencies = members
        chart.metadata.dependencies = requirements

        var warnings: [CoalesceWarning] = []
        let coalesced = try Coalesce.coalesce(coalesceTree(chart), values: values, warnings: &warnings)
        applyTags(&chart.metadata.dependencies, coalesced)
        applyConditions(&chart.metadata.dependencies, coalesced, path: path)

        let disabled = Set(chart.metadata.dependencies.filter { !$0.enabled }.map(\.name))
        chart.dependencies = try chart.dependencies.filter { !disabled.contains($0.name) }.map { sub in
            try enabled(sub, values: coalesced, path: path + sub.name + ".")
        }
        chart.metadata.dependencies.removeAll { disabled.contains($0.name) }
        return chart
    }

    /// Helm's `IsCompatibleRange`: a version inside a constraint (false when either is
    /// malformed).
    static func isCompatible(_ constraint: String, _ version: String) -> Bool {
        guard let c = try? SemverConstraints(constraint), let v = try? SemverVersion(version) else { return false }
        return c.check(v)
    }

    static func applyTags(_ deps: inout [ChartDependency], _ values: [String: Value]) {
        guard let tags = try? ValuesPath.table(values, "tags") else { return }
        for i in deps.indices {
            var hasTrue = false
            var hasFalse = false
            for tag in deps[i].tags {
                if case .bool(let b)? = tags[tag] {
                    if b { hasTrue = true } else { hasFalse = true }
                }
            }
            if !hasTrue && hasFalse {
                deps[i].enabled = false
            } else if hasTrue || (!hasTrue && !hasFalse) {
                deps[i].enabled = true
            }
        }
    }

    static func applyConditions(_ deps: inout [ChartDependency], _ values: [String: Value], path: String) {
        for i in deps.indices {
            for condition in deps[i].condition.trimmingWhitespace().split(separator: ",", omittingEmptySubsequences: false)
            where !condition.isEmpty {
                if case .bool(let b)? = try? ValuesPath.pathValue(values, path + condition) {
                    deps[i].enabled = b
                    break
                }
            }
        }
    }

    /// Helm's `processDependencyImportValues` with merging: children first, then each
    /// parent pulls the tables its dependencies export; the parent's own values win.
    static func importValues(_ chart: inout Chart) throws {
        for i in chart.dependencies.indices { try importValues(&chart.dependencies[i]) }
        guard !chart.metadata.dependencies.isEmpty else { return }
        var warnings: [CoalesceWarning] = []
        let values = try Coalesce.coalesce(coalesceTree(chart), values: [:], merge: true, warnings: &warnings)
        var imported: [String: Value] = [:]
        for dep in chart.metadata.dependencies {
            for spec in dep.importValues {
                switch spec {
                case .map(let m, _):
                    guard case .string(let child)? = m["child"], case .string(let parent)? = m["parent"] else { continue }
                    guard let table = try? ValuesPath.table(values, dep.name + "." + child) else { continue }
                    imported = Coalesce.coalesceTables(imported, pathToMap(parent, table), merge: true)
                case .string(let name):
                    guard let table = try? ValuesPath.table(values, dep.name + ".exports." + name) else { continue }
                    imported = Coalesce.coalesceTables(imported, table, merge: true)
                default:
                    continue
                }
            }
        }
        // MergeTables: the parent's own values win over what it imports.
        chart.values = Coalesce.coalesceTables(values.mapValues { $0.deepCopy() }, imported, merge: true)
    }

    /// Helm's `pathToMap`: `a.b` and a table become `{a: {b: table}}`; `.` is the root.
    static func pathToMap(_ path: String, _ table: [String: Value]) -> [String: Value] {
        if path == "." { return table }
        var result: [String: Value] = table
        for part in path.split(separator: ".").reversed() {
            result = [String(part): .map(result)]
        }
        return result
    }

    /// The values side of the chart tree for coalescing.
    static func coalesceTree(_ chart: Chart) -> CoalesceNode {
        CoalesceNode(name: chart.name, defaults: chart.values, dependencies: chart.dependencies.map(coalesceTree))
    }
}
