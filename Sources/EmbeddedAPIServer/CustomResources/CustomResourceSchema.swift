import Values
import KubeObjects

/// How a write asks the server to treat fields the schema does not know
/// (`?fieldValidation=`). kubectl and Helm send `Strict` on every write; without the
/// parameter the server warns.
public enum FieldValidation: String, Sendable {
    case strict = "Strict"
    case warn = "Warn"
    case ignore = "Ignore"

    /// The query parameter's value; `nil` for one the server does not accept (answer 400).
    /// An absent or empty parameter means `Warn`.
    public init?(queryValue: String?) {
        guard let queryValue, !queryValue.isEmpty else {
            self = .warn
            return
        }
        self.init(rawValue: queryValue)
    }
}

/// Why a custom object cannot be written.
public enum CustomResourceSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `fieldValidation=Strict` and the body had fields the schema does not know (400).
    case unknownFields([String])
    /// The object does not satisfy its schema (422).
    case invalid([ValidationCause])

    /// `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`, or the
    /// causes joined as the Invalid status joins them.
    public var description: String {
        switch self {
        case .unknownFields(let paths):
            return "strict decoding error: " + paths.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
        case .invalid(let causes):
            return causes.map(\.description).joined(separator: ", ")
        }
    }

    /// The Status the server answers with: 400 BadRequest
    /// `HelmRelease in version "v1" cannot be handled as a HelmRelease: strict decoding error: …`,
    /// or 422 Invalid `HelmRelease.helm.example.dev "x" is invalid: spec.replicas: …`.
    public func apiError(kind: String, group: String, version: String, name: String) -> APIError {
        switch self {
        case .unknownFields:
            return .badRequest("\(kind) in version \(GoQuote.quote(version)) cannot be handled as a \(kind): \(description)")
        case .invalid(let causes):
            return .invalid(kind: kind, group: group, name: name, causes: causes.map(\.apiCause))
        }
    }
}

/// What the server does with a custom object on every write, for one CRD version:
/// prune unknown fields (and refuse them under Strict, warn of them under Warn), apply
/// defaults, validate. Built once per CRD version and reused for each request.
public struct CustomResourceSchema: Sendable {
    public let schema: StructuralSchema
    /// The schema's `x-kubernetes-validations`, compiled once (nil when it has none).
    public let rules: CELValidator?

    public init(openAPIV3Schema: JSONValue) {
        schema = StructuralSchema(openAPIV3Schema)
        rules = CELValidator.build(schema)
    }

    /// The object as it will be stored, with the texts for `Warning` headers (one per
    /// unknown field under `Warn`: `unknown field "spec.foo"`), or why it cannot be.
    /// Server-set metadata (uid, timestamps, generation) is the caller's business. `old`
    /// is the stored object on an update (transition rules compare against it).
    public func process(_ object: JSONValue, old: JSONValue? = nil, fieldValidation: FieldValidation)
        -> Result<(object: JSONValue, warnings: [String]), CustomResourceSchemaError>
    {
        let (pruned, unknown) = schema.prune(object)
        if fieldValidation == .strict, !unknown.isEmpty { return .failure(.unknownFields(unknown)) }
        let defaulted = schema.applyDefaults(pruned)
        var causes = schema.validate(defaulted)
        if let rules {
            // As kube-apiserver: rules are not run on an object whose shape is already wrong.
            if causes.contains(where: { Self.blocksRules.contains($0.type) }) {
                causes.append(ValidationCause(
                    field: "<nil>", type: .invalid,
                    message: "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"))
            } else {
                causes += rules.validate(defaulted, old: old)
            }
        }
        if !causes.isEmpty { return .failure(.invalid(causes)) }
        let warnings = fieldValidation == .warn ? unknown.map { "unknown field \"\($0)\"" } : []
        return .success((defaulted, warnings))
    }

    /// Schema errors after which the rules would only add noise (or fail on a missing field).
    private static let blocksRules: Set<ValidationCause.CauseType> = [.notSupported, .required, .tooLong, .tooMany, .typeInvalid]
}
