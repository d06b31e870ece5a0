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

    public init(openAPIV3Schema: JSONValue) {
        schema = StructuralSchema(openAPIV3Schema)
    }

    /// The object as it will be stored, with the texts for `Warning` headers (one per
    /// unknown field under `Warn`: `unknown field "spec.foo"`), or why it cannot be.
    /// Server-set metadata (uid, timestamps, generation) is the caller's business.
    public func process(_ object: JSONValue, fieldValidation: FieldValidation)
        -> Result<(object: JSONValue, warnings: [String]), CustomResourceSchemaError>
    {
        let (pruned, unknown) = schema.prune(object)
        if fieldValidation == .strict, !unknown.isEmpty { return .failure(.unknownFields(unknown)) }
        let defaulted = schema.applyDefaults(pruned)
        let causes = schema.validate(defaulted)
        if !causes.isEmpty { return .failure(.invalid(causes)) }
        let warnings = fieldValidation == .warn ? unknown.map { "unknown field \"\($0)\"" } : []
        return .success((defaulted, warnings))
    }
}
