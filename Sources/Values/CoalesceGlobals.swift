/// The parent/subchart steps of Helm's `coalesceDeps`, for the Charts layer to drive.
///
/// Helm coalesces a chart tree top-down. For each chart: `Coalesce.coalesceValues`
/// with that chart's defaults (its dependencies' names in `subchartNames`); then for
/// each dependency, in `Chart.Dependencies()` order:
/// 1. `section = try Coalesce.subchartSection(dep.name, of: values)`,
/// 2. `Coalesce.coalesceGlobals(into: &section, from: values, prefix: parentPrefix)`,
///    where `parentPrefix` is the parent's dotted path (`concat(prefix, parent.name)`),
/// 3. recurse on the dependency with `section` as its user values and that prefix,
/// 4. `values[dep.name] = .map(result)`.
///
/// Known difference: Helm shares nested global maps between parent and subchart (its
/// copy of each global table is shallow), so a subchart's default globals nested three
/// levels deep (`global.a.b.c`) can also appear in the parent's values. Value semantics
/// here do not reproduce that leak.
public enum CoalesceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The parent's values hold something other than a map under a subchart's name.
    case typeMismatch(subchart: String, value: Value)

    public var description: String {
        switch self {
        case .typeMismatch(let name, let value):
            return "type mismatch on \(name): \(CoalesceWarning.goT(value))"
        }
    }
}

extension Coalesce {
    /// Helm's `GlobalKey`.
    public static let globalKey = "global"

    /// The values a subchart receives from its parent's (already coalesced) values:
    /// the map under its name (its alias, when it has one), or an empty map when
    /// absent. Anything else there is Helm's `type mismatch on NAME: %t` error.
    public static func subchartSection(_ name: String, of parentValues: [String: Value])
        throws(CoalesceError) -> [String: Value]
    {
        guard let section = parentValues[name] else { return [:] }
        guard case .map(let m, .interfaceMap) = section else {
            throw .typeMismatch(subchart: name, value: section)
        }
        return m.dictionary
    }

    /// Helm's `coalesceGlobals`: copies the parent's `global` map into the subchart's
    /// values. The parent's globals win over globals set in the subchart's section;
    /// where both hold a map they merge (in merge mode, so nulls survive until the
    /// subchart is coalesced). A scalar in the subchart's globals is kept when the
    /// parent has a map there (Helm logs a conflict). When either `global` is not a
    /// map, Helm logs a warning and leaves the subchart's values alone.
    public static func coalesceGlobals(
        into subchartValues: inout [String: Value], from parentValues: [String: Value], prefix: String = "",
        warnings: inout [CoalesceWarning]
    ) {
        var dg: [String: Value] = [:]
        if let destGlobal = subchartValues[globalKey] {
            guard case .map(let m, .interfaceMap) = destGlobal else {
                warnings.append(.init("warning: skipping globals because destination \(globalKey) is not a table."))
                return
            }
            dg = m.dictionary
        }
        var sg: [String: Value] = [:]
        if let srcGlobal = parentValues[globalKey] {
            guard case .map(let m, .interfaceMap) = srcGlobal else {
                warnings.append(.init("warning: skipping globals because source \(globalKey) is not a table."))
                return
            }
            sg = m.dictionary
        }
        for key in sg.keys.sorted() {
            guard let val = sg[key] else { continue }
            if case .map(let vv, .interfaceMap) = val {
                guard let destv = dg[key] else {
                    dg[key] = val
                    continue
                }
                if case .map(let destMap, .interfaceMap) = destv {
                    dg[key] = .map(coalesceTables(vv.dictionary, destMap.dictionary, prefix: concatPrefix(prefix, key), merge: true,
                                                  warnings: &warnings))
                } else {
                    warnings.append(.init(
                        "Conflict: cannot merge map onto non-map for \(StrValsGoText.quote(key)). Skipping."))
                }
            } else if case .map(_, .interfaceMap)? = dg[key] {
                warnings.append(.init("key \(key) is table. Skipping"))
            } else {
                dg[key] = val
            }
        }
        subchartValues[globalKey] = .map(dg)
    }

    /// `coalesceGlobals` without collecting warnings.
    public static func coalesceGlobals(
        into subchartValues: inout [String: Value], from parentValues: [String: Value], prefix: String = ""
    ) {
        var warnings: [CoalesceWarning] = []
        coalesceGlobals(into: &subchartValues, from: parentValues, prefix: prefix, warnings: &warnings)
    }
}
