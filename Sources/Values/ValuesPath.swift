/// Helm's dotted-path lookups on a values map (`common.Values.Table` and
/// `.PathValue`), used for `--reuse-values`, chart conditions and import-values.
///
/// A path splits on every `.` (no escaping; `a..b` has an empty middle key).
/// `table` walks maps only; `pathValue` returns the leaf, which must exist and must
/// not itself be a map (a null leaf is a value).
public enum ValuesPath {
    /// `Values.Table("a.b")`: the map at the path.
    public static func table(_ values: [String: Value], _ path: String) throws(ValuesPathError) -> [String: Value] {
        var table = values
        for name in path.split(separator: ".", omittingEmptySubsequences: false) {
            let key = String(name)
            guard let next = table[key], let map = tableMap(next) else { throw .notATable(key) }
            table = map
        }
        return table
    }

    /// `Values.PathValue("a.b.c")`: the non-map value at the path.
    public static func pathValue(_ values: [String: Value], _ path: String) throws(ValuesPathError) -> Value {
        if path.isEmpty { throw .emptyPath }
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let key = parts.removeLast()
        let container: [String: Value]
        if parts.isEmpty {
            container = values
        } else {
            do {
                container = try table(values, parts.joined(separator: "."))
            } catch {
                throw .notAValue(key)
            }
        }
        // Helm's `istable` here is the strict `map[string]interface{}` check.
        guard let value = container[key] else { throw .notAValue(key) }
        if case .map(_, .interfaceMap) = value { throw .notAValue(key) }
        return value
    }

    /// Helm's `tableLookup` accepts `map[string]interface{}` and its named twin
    /// `common.Values`.
    private static func tableMap(_ v: Value) -> [String: Value]? {
        guard case .map(let m, let type) = v else { return nil }
        switch type {
        case .interfaceMap: return m.dictionary
        case .named(_, .map(.string, .interface)): return m.dictionary
        default: return nil
        }
    }
}

/// Why a path lookup failed, worded as Helm's `NoTableError`/`NoValueError`.
public enum ValuesPathError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `"b" is not a table`: the named step is missing or not a map.
    case notATable(String)
    /// `"c" is not a value`: the leaf is missing, a map, or under a missing table.
    case notAValue(String)
    /// `YAML path cannot be empty`.
    case emptyPath

    public var description: String {
        switch self {
        case .notATable(let key): return "\(StrValsGoText.quote(key)) is not a table"
        case .notAValue(let key): return "\(StrValsGoText.quote(key)) is not a value"
        case .emptyPath: return "YAML path cannot be empty"
        }
    }
}
