import KubeObjects

/// Why an apply stopped. Objects before the failing one are applied; none after it.
public enum ApplyError: Error, CustomStringConvertible, Sendable {
    /// The object exists and belongs to someone else (Helm's refusal, word for word).
    case ownership(object: ObjectIdentity, source: String, problem: String)
    /// The server does not serve the kind (and no CRD of the release defines it).
    case unknownKind(object: ObjectIdentity, kind: GroupVersionKind, source: String)
    /// The server refused or failed the write.
    case server(object: ObjectIdentity, source: String, message: String)
    /// A CustomResourceDefinition did not become Established in time.
    case notEstablished(name: String, message: String)
    /// A document of the chart's `crds/` folder is not a CustomResourceDefinition.
    case invalidDefinition(source: String, message: String)

    public var description: String {
        switch self {
        case .ownership(let object, let source, let problem):
            // Helm names cluster-scoped objects `in namespace ""`; so do we, to match its text.
            let helmResource = "\(object.kind) \"\(object.name)\" in namespace \"\(object.namespace ?? "")\""
            return "rendered manifests contain a resource that already exists (\(source)): "
                + "\(helmResource) exists and cannot be imported into the current release: \(problem)"
        case .unknownKind(let object, let kind, let source):
            return "\(source): \(object): no matches for kind \"\(kind.kind)\" in version \"\(kind.apiVersion)\"; "
                + "ensure CRDs are installed first"
        case .server(let object, let source, let message):
            return "\(source): applying \(object) failed: \(message)"
        case .notEstablished(let name, let message):
            return "CustomResourceDefinition \"\(name)\" is not established: \(message)"
        case .invalidDefinition(let source, let message):
            return "\(source): \(message)"
        }
    }
}
