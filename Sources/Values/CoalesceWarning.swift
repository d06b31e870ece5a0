/// A message Helm logs (with `log.Printf`) while coalescing and then carries on,
/// e.g. `warning: skipped value for testchart.a: Not a table.`
public struct CoalesceWarning: Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// Go's `%v` for the plain values Helm's warnings print (`map[c:1]`, `[1 2]`).
    static func goV(_ v: Value) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i, let t): return t.isUnsignedInteger ? String(UInt64(bitPattern: i)) : String(i)
        case .float(let d): return GoFloat.format(d, "g")
        case .string(let s): return s
        case .bytes(let b): return "[" + b.map { String($0) }.joined(separator: " ") + "]"
        case .list(let items, _): return "[" + items.map(goV).joined(separator: " ") + "]"
        case .map(let m, _):
            return "map[" + m.keys.sorted().map { "\($0):\(goV(m[$0] ?? .null))" }.joined(separator: " ") + "]"
        case .object(let o): return o.stringer ?? "{" + o.structFields.map { goV($0.value) }.joined(separator: " ") + "}"
        case .function(let f): return f.name
        }
    }

    /// Go's `%t`, which Helm uses for a subchart section that is not a map
    /// (`%!t(string=foo)`; only bools print plainly).
    static func goT(_ v: Value, top: Bool = true) -> String {
        switch v {
        case .bool(let b): return b ? "true" : "false"
        case .null: return top ? "%!t(<nil>)" : "<nil>"
        case .list(let items, _): return "[" + items.map { goT($0, top: false) }.joined(separator: " ") + "]"
        case .map(let m, _):
            return "map[" + m.keys.sorted().map { "%!t(string=\($0)):\(goT(m[$0] ?? .null, top: false))" }
                .joined(separator: " ") + "]"
        default: return "%!t(\(v.typeName)=\(goV(v)))"
        }
    }
}
