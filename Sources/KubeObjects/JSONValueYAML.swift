import Values

extension JSONValue {
    /// A YAML document (a server-side apply body, a manifest) read with Kubernetes'
    /// sigs.k8s.io/yaml rules; whole numbers come back as integers, as the API server's
    /// unstructured decoding gives them.
    public static func parseYAML(_ text: String) throws(YAMLError) -> JSONValue {
        JSONValue(try YAML.decode(text))
    }

    /// Every document of a YAML stream, skipping empty ones as kubectl does.
    public static func parseYAMLStream(_ text: String) throws(YAMLError) -> [JSONValue] {
        try YAML.decodeAll(text).filter { !$0.isNull }.map(JSONValue.init)
    }

    /// Converts a decoded Helm value; floats holding whole numbers within int64 become ints.
    public init(_ value: Values.Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i, _): self = .int(i)
        case .float(let d):
            if d.rounded() == d, abs(d) < 9.2e18 { self = .int(Int64(d)) } else { self = .double(d) }
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .string(StdBase64.encode(b))
        case .list(let items, _): self = .array(items.map(JSONValue.init))
        case .map(let m, _): self = .object(m.dictionary.mapValues(JSONValue.init))
        case .object(let o): self = JSONValue(o.jsonValue)
        case .function: self = .null
        }
    }
}
