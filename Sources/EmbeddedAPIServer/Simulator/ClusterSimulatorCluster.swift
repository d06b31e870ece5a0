import KubeObjects

/// `SimulatorCluster` over the request layer: the simulator's writes get the same
/// metadata, managedFields (manager `kube-controller-manager`), status-subresource rules,
/// garbage collection and watch events as any client's.
public struct ClusterSimulatorCluster: SimulatorCluster {
    public let cluster: Cluster

    public init(cluster: Cluster) {
        self.cluster = cluster
    }

    private func rules(_ resource: SimulatedResource) async throws(APIError) -> ResourceRules {
        let gvr = resource.groupVersionResource
        guard let rules = await cluster.rules(group: gvr.group, version: gvr.version, plural: gvr.resource) else {
            throw APIError.pathNotFound
        }
        return rules
    }

    private var options: WriteOptions {
        var o = WriteOptions()
        o.fieldManager = "kube-controller-manager"
        return o
    }

    public func get(_ resource: SimulatedResource, _ key: ObjectKey) async throws(APIError) -> JSONValue? {
        await cluster.store.get(resource.groupResource, key)
    }

    public func list(_ resource: SimulatedResource, namespace: String) async throws(APIError) -> [JSONValue] {
        await cluster.store.list(resource.groupResource, namespace: namespace).items.map(\.1)
    }

    public func watch(_ resource: SimulatedResource) async throws(APIError) -> WatchSubscription {
        do {
            return try await cluster.store.watch(resource.groupResource, namespace: nil, from: nil)
        } catch {
            throw APIError(code: 500, reason: "InternalError", message: "watch \(resource): \(error)")
        }
    }

    @discardableResult
    public func create(_ resource: SimulatedResource, _ object: JSONValue) async throws(APIError) -> JSONValue {
        try await cluster.create(rules(resource), namespace: object.metadataNamespace, object: object, options: options).object
    }

    @discardableResult
    public func update(
        _ resource: SimulatedResource, _ key: ObjectKey, uid: String, _ change: @escaping @Sendable (inout JSONValue) -> Void
    ) async throws(APIError) -> JSONValue? {
        try await write(resource, key, uid: uid, subresource: nil) { object in change(&object) }
    }

    @discardableResult
    public func updateStatus(_ resource: SimulatedResource, _ key: ObjectKey, uid: String, status: JSONValue)
        async throws(APIError) -> JSONValue?
    {
        try await write(resource, key, uid: uid, subresource: "status") { object in object["status"] = status }
    }

    public func delete(_ resource: SimulatedResource, _ key: ObjectKey, uid: String) async throws(APIError) {
        var options = DeleteOptions()
        options.preconditionUID = uid
        do {
            _ = try await cluster.delete(rules(resource), namespace: key.namespace, name: key.name, options: options)
        } catch where error.code == 404 || error.code == 409 {
            // Gone already, or replaced by a newer object of the same name.
        }
    }

    /// A write to the object with `uid`; nil when it is gone or was replaced.
    private func write(
        _ resource: SimulatedResource, _ key: ObjectKey, uid: String, subresource: String?,
        _ change: @escaping @Sendable (inout JSONValue) -> Void
    ) async throws(APIError) -> JSONValue? {
        do {
            let result = try await cluster.write(
                rules(resource), namespace: key.namespace, name: key.name, subresource: subresource, options: options
            ) { current throws(APIError) in
                guard current.metadataUID == uid else { throw APIError.conflict(resource.groupVersionResource, name: key.name, "uid changed") }
                var next = current
                change(&next)
                return next
            }
            return result.object.metadataUID == uid ? result.object : JSONValue?.none
        } catch where error.code == 404 || error.code == 409 {
            return nil
        }
    }
}
