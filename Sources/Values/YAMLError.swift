/// A failure of Helm's YAML pipeline, with the text Helm shows for it.
///
/// `message` is the bare Go error (`yaml: line 2: mapping values are not allowed in this
/// context`, `json: unsupported value: +Inf`, `unsupported map key of type: …`);
/// `description` adds the wrapper `sigs.k8s.io/yaml` puts around it, which is what
/// `fromYaml` stores under `Error` and what a values file failure shows after Helm's own
/// prefix (`cannot load values.yaml: cannot unmarshal yaml document: `).
public struct YAMLError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Stage: Sendable, Equatable {
        /// go-yaml could not parse or decode the text (`yaml: …`), or the decoded value could
        /// not be turned into JSON (unsupported map key, `NaN`/`±Inf`). Helm prefixes
        /// `error converting YAML to JSON: `.
        case yamlToJSON
        /// The JSON did not fit the requested Go type (`json: cannot unmarshal string into Go
        /// value of type map[string]interface {}`). Helm prefixes
        /// `error unmarshaling JSON: while decoding JSON: `.
        case jsonDecode
        /// `json.Marshal` refused the value while encoding (`json: unsupported value: NaN`).
        /// Helm prefixes `error marshaling into JSON: `.
        case jsonEncode
        /// go-yaml refused the JSON text while re-reading it during encoding (`yaml: control
        /// characters are not allowed`). Helm shows it bare.
        case jsonToYAML
    }

    public let stage: Stage
    /// The bare Go error text, without `sigs.k8s.io/yaml`'s prefix.
    public let message: String
    /// The line go-yaml names in `message`, when it names one.
    public let line: Int?

    public init(stage: Stage, message: String, line: Int? = nil) {
        self.stage = stage
        self.message = message
        self.line = line
    }

    /// Helm's whole message for the failure.
    public var description: String {
        switch stage {
        case .yamlToJSON: return "error converting YAML to JSON: " + message
        case .jsonDecode: return "error unmarshaling JSON: while decoding JSON: " + message
        case .jsonEncode: return "error marshaling into JSON: " + message
        case .jsonToYAML: return message
        }
    }

    static func yaml(_ text: String, line: Int? = nil) -> YAMLError {
        YAMLError(stage: .yamlToJSON, message: "yaml: " + text, line: line)
    }
}
