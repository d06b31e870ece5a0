/// Go's `encoding/json` (Go 1.26) on the shared `Value` model.
///
/// Helm's `toJson`/`mustToJson` are `json.Marshal`, `toRawJson` is an encoder with
/// `SetEscapeHTML(false)`, `toPrettyJson` is `json.MarshalIndent(v, "", "  ")`;
/// `fromJson`/`fromJsonArray`/`mustFromJson` are `json.Unmarshal` into a
/// `map[string]interface {}`, a `[]interface {}` or an `interface {}`. Users see the
/// exact bytes and the exact error texts (`fromJson` puts the error text under an
/// `Error` key), so both follow Go to the letter.
public enum JSON {
    /// `json.Marshal(v)`; with `escapeHTML` false, what an encoder with
    /// `SetEscapeHTML(false)` writes (without its trailing newline).
    public static func encode(_ v: Value, escapeHTML: Bool = true) throws -> String {
        var writer = JSONWriter(escapeHTML: escapeHTML, indent: nil)
        try writer.write(v, depth: 0)
        return writer.finish()
    }

    /// `json.MarshalIndent(v, prefix, indent)`: every element on its own line starting
    /// with `prefix` and one `indent` per level; empty `{}` and `[]` stay compact, and
    /// the first line carries no prefix (as Go's `Indent` does).
    public static func encodeIndented(
        _ v: Value, prefix: String = "", indent: String = "  ", escapeHTML: Bool = true
    ) throws -> String {
        var writer = JSONWriter(escapeHTML: escapeHTML, indent: (Array(prefix.utf8), Array(indent.utf8)))
        try writer.write(v, depth: 0)
        return writer.finish()
    }

    /// `json.Unmarshal` into an `interface {}`: numbers become float64, arrays
    /// `[]interface {}`, objects `map[string]interface {}` (last duplicate key wins).
    public static func decode(_ text: String) throws -> Value {
        let result = try JSONReader.parse(text)
        if let error = result.error { throw error }
        return result.value
    }

    /// `json.Unmarshal` into a `map[string]interface {}`; JSON `null` gives an empty map
    /// (Go leaves a nil map, which prints as `map[]`).
    public static func decodeObject(_ text: String) throws -> [String: Value] {
        let result = unmarshalObject(text)
        if let error = result.error { throw error }
        return result.entries ?? [:]
    }

    /// `json.Unmarshal` into a `[]interface {}`; JSON `null` gives an empty list.
    public static func decodeArray(_ text: String) throws -> [Value] {
        let result = unmarshalArray(text)
        if let error = result.error { throw error }
        return result.items ?? []
    }

    /// What `json.Unmarshal(text, &m)` leaves in a `map[string]interface {}` together with
    /// its error, because Helm's `fromJson` keeps both: an out-of-range number inside an
    /// object is stored as nil and reported after the rest decoded
    /// (`map[Error:json: cannot unmarshal number 1e999 into Go value of type float64 a:1 b:<nil>]`).
    /// `entries` is nil when Go leaves a nil map (input `null`, or any error before
    /// decoding started).
    public static func unmarshalObject(_ text: String) -> (entries: [String: Value]?, error: JSONError?) {
        let result: (value: Value, error: JSONError?)
        do { result = try JSONReader.parse(text) } catch { return ([:], error) }
        switch result.value {
        case .map(let m, _): return (m.dictionary, result.error)
        case .null where result.error == nil: return (nil, nil)
        default:
            return ([:], JSONError.unmarshalType(topLevelKind(text), into: "map[string]interface {}"))
        }
    }

    /// What `json.Unmarshal(text, &a)` leaves in a `[]interface {}` with its error
    /// (Helm's `fromJsonArray` replaces the list by `[error text]` on any error).
    /// `items` is nil for input `null`.
    public static func unmarshalArray(_ text: String) -> (items: [Value]?, error: JSONError?) {
        let result: (value: Value, error: JSONError?)
        do { result = try JSONReader.parse(text) } catch { return ([], error) }
        switch result.value {
        case .list(let l, _): return (l, result.error)
        case .null where result.error == nil: return (nil, nil)
        default:
            return ([], JSONError.unmarshalType(topLevelKind(text), into: "[]interface {}"))
        }
    }
}

extension JSON {
    /// The JSON kind name Go's `UnmarshalTypeError` gives a top-level value of the wrong
    /// kind; Go names it from the first byte without converting it (so `1e999` into a map
    /// reports `number`, not the range error).
    fileprivate static func topLevelKind(_ text: String) -> String {
        for c in text.utf8 {
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"): return "object"
            case UInt8(ascii: "["): return "array"
            case UInt8(ascii: "\""): return "string"
            case UInt8(ascii: "t"), UInt8(ascii: "f"): return "bool"
            case UInt8(ascii: "n"): return "null"
            default: return "number"
            }
        }
        return "null"
    }
}
