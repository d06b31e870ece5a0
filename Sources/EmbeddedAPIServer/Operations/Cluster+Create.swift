import KubeObjects

extension Cluster {
    /// `POST` to a collection: 201 with the stored object, 409 AlreadyExists for a taken name.
    public func create(
        _ rules: ResourceRules, namespace: String?, object body: JSONValue, options: WriteOptions
    ) async throws(APIError) -> WriteResult {
        var object = body
        let now = clock.timestamp
        try rules.prepareForCreate(&object, urlNamespace: namespace, now: now)
        try rules.mergeStringData(&object)
        try await checkNamespaceAccepts(rules, namespace)
        let warnings = try rules.admit(&object, fieldValidation: options.fieldValidation)
        object = try recordUpdate(rules, old: nil, new: object, manager: options.manager, subresource: nil, now: now)
        let name = object.metadataName ?? ""
        let prepared = object
        let gvr = rules.groupVersionResource
        let result = try await commit(rules, rules.key(namespace: namespace, name: name), dryRun: options.dryRun) {
            current throws(APIError) in
            if current != nil { throw APIError.alreadyExists(gvr, name: name) }
            return prepared
        }
        return WriteResult(object: rules.served(result.object ?? prepared), status: 201, warnings: warnings)
    }
}

/// What a write answers: the object, the HTTP status (201 created, 200 otherwise) and
/// any warnings.
public struct WriteResult: Sendable {
    public var object: JSONValue
    public var status: Int
    public var warnings: [String]
}
