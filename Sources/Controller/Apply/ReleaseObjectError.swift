import KubeObjects

/// A manifest document that cannot become an object to apply. Each case names the template
/// it came from, and the object as far as it could be read.
public enum ReleaseObjectError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The document is not YAML, or not a mapping.
    case unreadable(source: String, message: String)
    /// `apiVersion`, `kind` or `metadata.name` is missing (or not a string).
    case missingField(source: String, field: String, object: String)
    /// No served resource and no CustomResourceDefinition of this release has the kind.
    case unknownKind(source: String, kind: GroupVersionKind, name: String, namespace: String?)

    public var description: String {
        switch self {
        case .unreadable(let source, let message):
            return "\(source): the document is not a Kubernetes object: \(message)"
        case .missingField(let source, let field, let object):
            return "\(source): \(object) has no \(field); every object needs apiVersion, kind and metadata.name"
        case .unknownKind(let source, let kind, let name, let namespace):
            // Helm's words (`resource mapping not found … ensure CRDs are installed first`).
            return "\(source): resource mapping not found for name: \"\(name)\" namespace: \"\(namespace ?? "")\": "
                + "no matches for kind \"\(kind.kind)\" in version \"\(kind.apiVersion)\"; ensure CRDs are installed first"
        }
    }
}
