import Values

/// Sprig's string-slice functions: `splitList` returns Go's `[]string`, `split`/`splitn`
/// a `map[string]string` keyed `_0`, `_1`…, and `join`/`sortAlpha`/`toStrings` read any
/// slice through `strslice` (nils dropped, other values as `strval`).
enum StringListFunctions {
    static let all: [GoFunction] = [
        GoFunction("splitList", [.string, .string]) { .strings(GoStrings.split($0.string(1), $0.string(0))) },
        GoFunction("split", [.string, .string]) { indexed(GoStrings.split($0.string(1), $0.string(0))) },
        GoFunction("splitn", [.string, .int, .string]) { indexed(GoStrings.split($0.string(2), $0.string(0), n: $0.int(1))) },
        .string("join", [.string, .interface]) { strslice($0[1]).joined(separator: $0.string(0)) },
        GoFunction("sortAlpha", [.interface]) { args in
            guard GoValue.elements(args[0]) != nil else { return .strings([GoValue.strval(args[0])]) }
            return .strings(strslice(args[0]).sorted(by: String.goLess))
        },
    ]

    static func indexed(_ parts: [String]) -> Value {
        var m: [String: Value] = [:]
        m.reserveCapacity(parts.count)
        for (i, p) in parts.enumerated() { m["_\(i)"] = .string(p) }
        return .map(m, type: .stringMap)
    }

    /// Sprig's `strslice`.
    static func strslice(_ v: Value) -> [String] {
        if case .list(let l, let t) = v, t == .stringSlice { return l.map { $0.stringValue ?? "" } }
        if let items = GoValue.elements(v) { return items.filter { !$0.isNull }.map(GoValue.strval) }
        if v.isNull { return [] }
        return [GoValue.strval(v)]
    }
}
