/// `meta.k8s.io` `PartialObjectMetadata`: an object's whole `metadata` (name, namespace,
/// labels, annotations, owners, finalizers, managedFields, resourceVersion…) and nothing
/// else. kube-apiserver answers with it when a client asks for metadata only (Tables'
/// `rows[].object`, and `Accept: application/json;as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1`,
/// which controller-runtime's metadata-only informers send), so watchers of big objects
/// (Helm's release Secrets) cache a few hundred bytes per object instead of the payload.
/// One conversion, shared by the Table convertor, the embedded API server and tests.
public enum PartialObjectMetadata {
    /// The `meta.k8s.io` versions that serve it (kube-apiserver's `asPartialObjectMetadata`).
    public enum Version: String, Sendable, CaseIterable {
        case v1
        case v1beta1

        public var apiVersion: String { "meta.k8s.io/\(rawValue)" }
    }

    public static let kind = "PartialObjectMetadata"
    public static let listKind = "PartialObjectMetadataList"

    /// `object`'s metadata as a `PartialObjectMetadata` of `version`.
    public static func of(_ object: JSONValue, version: Version = .v1) -> JSONValue {
        ["kind": .string(kind), "apiVersion": .string(version.apiVersion), "metadata": object["metadata"] ?? .emptyObject]
    }

    /// A `PartialObjectMetadataList` of `items`' metadata. `metadata` is the list's own
    /// (resourceVersion, continue, remainingItemCount), kept as the original list had it.
    public static func list(_ items: [JSONValue], metadata: JSONValue, version: Version = .v1) -> JSONValue {
        [
            "kind": .string(listKind), "apiVersion": .string(version.apiVersion), "metadata": metadata,
            "items": .array(items.map { of($0, version: version) }),
        ]
    }
}
