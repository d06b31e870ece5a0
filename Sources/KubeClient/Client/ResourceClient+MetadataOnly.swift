import KubeObjects

/// Metadata-only requests: controller-runtime's metadata-only informers, client-go's
/// metadata client. A controller that only needs to notice that objects change (Helm's
/// release Secrets, whose `data` is a gzipped release) asks kube-apiserver for
/// `meta.k8s.io/v1 PartialObjectMetadata` and caches a few hundred bytes per object.
extension ResourceClient {
    /// This resource, answered as `meta.k8s.io/v1 PartialObjectMetadata`: `get`, every
    /// watch event (bookmarks included) and each write's answer are
    /// `{"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": …}`
    /// with the object's whole `metadata`; `list`, `listAll` and `deleteCollection` answer
    /// `PartialObjectMetadataList`s of them. `watcher` and `reflector` built from it cache
    /// those, so `ObjectRef(object)` and label/owner lookups work and `data`, `spec` and
    /// `status` are never held. Writes still send whole objects. Requests offer no fallback
    /// to whole objects: a server that cannot answer metadata says 406 rather than
    /// filling a cache with payloads.
    public func metadataOnly() -> ResourceClient {
        var other = self
        other.isMetadataOnly = true
        return other
    }

    /// What a request answers with: a list (list, deletecollection) or one object (every
    /// other verb, and each watch event).
    enum Answer: Sendable {
        case object
        case list
    }

    /// kube-apiserver's content negotiation: `as`/`g`/`v` ask it to transform the answer.
    func accept(for answer: Answer) -> String {
        guard isMetadataOnly else { return "application/json" }
        let kind = answer == .list ? PartialObjectMetadata.listKind : PartialObjectMetadata.kind
        return "application/json;as=\(kind);g=meta.k8s.io;v=\(PartialObjectMetadata.Version.v1.rawValue)"
    }
}
