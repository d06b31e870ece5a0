/// Helm's values merging and coalescing (Helm v4.2.3, `pkg/chart/common/util/coalesce.go`
/// and `loader.MergeMaps`), on plain value maps.
///
/// Two different operations:
/// * `mergeMaps` combines user inputs (several `-f` files, a `--set-json` object):
///   maps merge recursively, the later input wins, lists and scalars are replaced,
///   and a `null` is kept as a value.
/// * `coalesceValues` lays user values over a chart's `values.yaml`: maps merge, the
///   user wins, lists are replaced, and a user `null` removes the chart's key
///   (`--set a=null` unsets a default). In coalescing mode (`merge == false`, what
///   rendering uses) nulls in the chart's own defaults are dropped as well, at every
///   depth. When the kinds clash, the user's value is kept and Helm only logs a
///   warning; these are returned as `CoalesceWarning`s.
///
/// Values are Swift values, so unlike Helm nothing here mutates its inputs.
public enum Coalesce {
    /// `loader.MergeMaps(a, b)`: b wins; where both hold a map the maps merge.
    public static func mergeMaps(_ a: [String: Value], _ b: [String: Value]) -> [String: Value] {
        var out = a
        for (key, value) in b {
            if case .map(let bm, .interfaceMap) = value, case .map(let am, .interfaceMap)? = out[key] {
                out[key] = .map(mergeMaps(am.dictionary, bm.dictionary))
            } else {
                out[key] = value
            }
        }
        return out
    }

    /// User values coalesced over one chart's defaults, as Helm does for a chart with
    /// no subcharts: `CoalesceValues` on the top-level chart.
    public static func coalesceValues(chartDefaults: [String: Value], user: [String: Value]) -> [String: Value] {
        var warnings: [CoalesceWarning] = []
        return coalesceValues(chartDefaults: chartDefaults, user: user, warnings: &warnings)
    }

    /// Helm's `coalesceValues` for one chart: `user` (the values destined for this
    /// chart) over `chartDefaults` (its `values.yaml`).
    ///
    /// - Parameters:
    ///   - chartName: the chart's name, which prefixes the keys named in warnings.
    ///   - prefix: the dotted names of the charts above this one (`""` at the top).
    ///   - merge: Helm's `MergeValues` mode (nulls are kept, never used to delete);
    ///     rendering uses coalescing (`false`).
    ///   - subchartNames: the names of this chart's dependencies; their sections are
    ///     merged in merge mode here, because they are coalesced again with the
    ///     subchart's own defaults later (see `subchartSection` and `coalesceGlobals`).
    public static func coalesceValues(
        chartDefaults: [String: Value], user: [String: Value], chartName: String = "",
        prefix: String = "", merge: Bool = false, subchartNames: Set<String> = [],
        warnings: inout [CoalesceWarning]
    ) -> [String: Value] {
        var v = user
        let subPrefix = concatPrefix(prefix, chartName)
        for key in chartDefaults.keys.sorted() {
            guard let val = chartDefaults[key] else { continue }
            if let value = v[key] {
                if value.isNull && !merge {
                    // A user null removes the chart's key (and leaves no null behind).
                    v.removeValue(forKey: key)
                } else if case .map(let dest, .interfaceMap) = value {
                    guard case .map(let srcMap, .interfaceMap) = val else {
                        if !val.isNull {
                            warnings.append(.init("warning: skipped value for \(subPrefix).\(key): Not a table."))
                        }
                        continue
                    }
                    var src = srcMap.dictionary
                    let mergeHere = merge || subchartNames.contains(key)
                    if !mergeHere { cleanNilValues(&src) }
                    v[key] = .map(coalesceTables(dest.dictionary, src, prefix: concatPrefix(subPrefix, key),
                                                 merge: mergeHere, warnings: &warnings))
                }
            } else {
                var val = val
                if !merge {
                    if val.isNull { continue }
                    if case .map(let map, .interfaceMap) = val {
                        var m = map.dictionary
                        cleanNilValues(&m)
                        val = .map(m)
                    }
                }
                v[key] = val
            }
        }
        return v
    }

    /// Helm's `CoalesceTables` (`merge: false`) and `MergeTables` (`merge: true`):
    /// `src` merged under the authoritative `dst`.
    ///
    /// In coalescing mode a null in `dst` deletes the key when `src` held a real value
    /// there, and stays a null when `src` had none (or a null) to override.
    public static func coalesceTables(
        _ dst: [String: Value], _ src: [String: Value], prefix: String = "", merge: Bool = false,
        warnings: inout [CoalesceWarning]
    ) -> [String: Value] {
        var dst = dst
        var src = src
        let srcNonNil = Set(src.filter { !$0.value.isNull }.keys)
        for (key, value) in dst where value.isNull { src[key] = .null }
        for key in src.keys.sorted() {
            guard let val = src[key] else { continue }
            let fullKey = concatPrefix(prefix, key)
            guard let dv = dst[key] else {
                dst[key] = val
                continue
            }
            if !merge && dv.isNull && srcNonNil.contains(key) {
                dst.removeValue(forKey: key)
            } else if case .map(let srcTable, .interfaceMap) = val {
                if case .map(let dstTable, .interfaceMap) = dv {
                    dst[key] = .map(coalesceTables(dstTable.dictionary, srcTable.dictionary, prefix: fullKey, merge: merge,
                                                   warnings: &warnings))
                } else {
                    warnings.append(.init(
                        "warning: cannot overwrite table with non table for \(fullKey) (\(CoalesceWarning.goV(val)))"))
                }
            } else if case .map(_, .interfaceMap) = dv, !val.isNull {
                warnings.append(.init(
                    "warning: destination for \(fullKey) is a table. Ignoring non-table value (\(CoalesceWarning.goV(val)))"))
            }
        }
        return dst
    }

    /// `coalesceTables` without collecting warnings.
    public static func coalesceTables(
        _ dst: [String: Value], _ src: [String: Value], merge: Bool = false
    ) -> [String: Value] {
        var warnings: [CoalesceWarning] = []
        return coalesceTables(dst, src, merge: merge, warnings: &warnings)
    }

    /// Helm's `cleanNilValues`: removes null entries from a map and from the maps
    /// nested in it (not from lists).
    public static func cleanNilValues(_ m: inout [String: Value]) {
        for (key, value) in m {
            switch value {
            case .null:
                m.removeValue(forKey: key)
            case .map(let map, .interfaceMap):
                var inner = map.dictionary
                cleanNilValues(&inner)
                m[key] = .map(inner)
            default:
                break
            }
        }
    }

    /// Helm's `concatPrefix`: `a.b`, or just `b` when `a` is empty.
    static func concatPrefix(_ a: String, _ b: String) -> String {
        a.isEmpty ? b : a + "." + b
    }
}
