/// YAML as Helm v4 reads and writes it.
///
/// Reading is `sigs.k8s.io/yaml.Unmarshal` (v1.6.0): go-yaml v2's YAML 1.1 resolution,
/// then a JSON round trip, so numbers are float64, map keys are strings and containers are
/// `[]interface {}` / `map[string]interface {}`. Writing is `sigs.k8s.io/yaml.Marshal`
/// (`toYaml`) or go-yaml v3 with two-space indentation (`toYamlPretty`). The low-level
/// parse is libyaml's (through Yams' `CYaml`), the C original of go-yaml's parser; the
/// resolution, conversion and emitter are go-yaml's rules reimplemented here.
public enum YAML {
    /// The first document of `text` as `yaml.Unmarshal` into `interface{}` leaves it; an
    /// empty stream is `.null`. Later documents are not read (nor checked), as in Go.
    ///
    /// Errors carry go-yaml's text in `message` (`yaml: line 2: mapping values are not
    /// allowed in this context`) and Helm's full text (with `error converting YAML to
    /// JSON: `) in `description`.
    public static func decode(_ text: String) throws(YAMLError) -> Value {
        guard let doc = try YAMLParser.parse(text, firstOnly: true).first else { return .null }
        return try YAMLDecoder.decode(doc)
    }

    /// Every document of a stream (`---`-separated), each decoded like `decode`.
    public static func decodeAll(_ text: String) throws(YAMLError) -> [Value] {
        var out: [Value] = []
        for doc in try YAMLParser.parse(text, firstOnly: false) {
            out.append(try YAMLDecoder.decode(doc))
        }
        return out
    }

    /// `yaml.Unmarshal` into a `map[string]interface {}` (values files, `fromYaml`): a
    /// null document is an empty map; any other non-map fails the way `encoding/json`
    /// does (`json: cannot unmarshal array into Go value of type map[string]interface {}`).
    public static func decodeMap(_ text: String) throws(YAMLError) -> [String: Value] {
        switch try decode(text) {
        case .null: return [:]
        case .map(let m, _): return m.dictionary
        case let other: throw jsonTypeError(other, into: "map[string]interface {}")
        }
    }

    /// `yaml.Unmarshal` into a `[]interface {}` (`fromYamlArray`): null is an empty list.
    public static func decodeList(_ text: String) throws(YAMLError) -> [Value] {
        switch try decode(text) {
        case .null: return []
        case .list(let l, _): return l
        case let other: throw jsonTypeError(other, into: "[]interface {}")
        }
    }

    /// `sigs.k8s.io/yaml.Marshal(v)`, which `toYaml` prints (after trimming the final
    /// newline, which is the caller's job). Fails like Helm: `NaN`/`±Inf` and functions
    /// cannot be marshalled to JSON, and DEL or C1 control characters in a string make
    /// go-yaml refuse the JSON it reads back.
    public static func encode(_ v: Value) throws(YAMLError) -> String {
        try YAMLEncoder.encode(v, dialect: .v2)
    }

    /// What Helm's `toYamlPretty` builds: go-yaml v3's encoder with `SetIndent(2)` on the
    /// value itself (no JSON step), ending in a newline (the caller trims it).
    public static func encodePretty(_ v: Value) throws(YAMLError) -> String {
        try YAMLEncoder.encode(v, dialect: .v3)
    }

    private static func jsonTypeError(_ v: Value, into type: String) -> YAMLError {
        let kind: String
        switch v {
        case .bool: kind = "bool"
        case .float, .int: kind = "number"
        case .string: kind = "string"
        case .list: kind = "array"
        default: kind = "object"
        }
        return YAMLError(stage: .jsonDecode, message: "json: cannot unmarshal \(kind) into Go value of type \(type)")
    }
}
