import KubeObjects

/// Where one stored object is, for the in-server controllers' indexes.
struct StoredObjectRef: Hashable, Sendable {
    var resource: GroupResource
    var key: ObjectKey
}

extension JSONValue {
    var finalizers: [String] { (self[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue) }
    /// The uids of `metadata.ownerReferences`.
    var ownerUIDs: [String] {
        (self[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
    }
}

extension Cluster {
    /// A write by one of the server's own controllers (field manager
    /// `kube-controller-manager`, as real clusters record them); a vanished object is fine.
    func controllerWrite(
        _ ref: StoredObjectRef, subresource: String? = nil, change: @escaping @Sendable (JSONValue) throws(APIError) -> JSONValue
    ) async {
        guard let rules = await rules(for: ref.resource) else { return }
        var options = WriteOptions()
        options.fieldManager = "kube-controller-manager"
        _ = try? await write(rules, namespace: ref.key.namespace, name: ref.key.name, subresource: subresource, options: options, change: change)
    }

    /// A delete by one of the server's own controllers.
    func controllerDelete(_ ref: StoredObjectRef, propagation: DeleteOptions.Propagation = .background) async {
        guard let rules = await rules(for: ref.resource) else { return }
        var options = DeleteOptions()
        options.propagation = propagation
        _ = try? await delete(rules, namespace: ref.key.namespace, name: ref.key.name, options: options)
    }
}
