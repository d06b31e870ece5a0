import KubeObjects
import Values

/// Go's printing of the values that appear in API server validation messages: `%q` for
/// strings, `%v` for numbers and booleans, `%#v` for maps and slices (Go falls back to it
/// for compound bad values), so clients that match on the text see what a real server
/// writes.
enum GoValueText {
    /// `field.Error.ErrorBody()`'s rendering of a bad value; a JSON null prints as the
    /// quoted word, as Go substitutes the string "null" for a nil value.
    static func errorValue(_ v: JSONValue) -> String {
        switch v {
        case .null: return GoQuote.quote("null")
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return float(d)
        case .string(let s): return GoQuote.quote(s)
        case .array, .object: return sharpV(v)
        }
    }

    /// `%v` of a float64: shortest digits, exponent form from 1e21 down to 1e-4 (`1e+06`).
    static func float(_ d: Double) -> String { GoFloat.format(d, "g", precision: -1) }

    /// A schema bound (`maximum: 10`) as Go prints the float64 it is held in.
    static func bound(_ d: Double) -> String { float(d) }

    /// `%#v` of an `interface{}` holding decoded JSON.
    static func sharpV(_ v: JSONValue) -> String {
        switch v {
        case .null: return "interface {}(nil)"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return float(d)
        case .string(let s): return GoQuote.quote(s)
        case .array(let a): return "[]interface {}{" + a.map(sharpV).joined(separator: ", ") + "}"
        case .object(let o):
            let members = o.keys.sorted(by: String.goLess).map { GoQuote.quote($0) + ":" + sharpV(o[$0]!) }
            return "map[string]interface {}{" + members.joined(separator: ", ") + "}"
        }
    }
}
