import KubeObjects

extension Cluster {
    /// What a delete did: removed the object, or marked it for deletion because
    /// finalizers (its own, `foregroundDeletion`, `orphan`, or a namespace's contents) must
    /// run first.
    public enum DeleteResult: Sendable {
        case deleted(JSONValue)
        case pending(JSONValue)
    }

    /// `DELETE` of one object.
    public func delete(
        _ rules: ResourceRules, namespace: String?, name: String, options: DeleteOptions
    ) async throws(APIError) -> DeleteResult {
        let gvr = rules.groupVersionResource
        let now = clock.timestamp
        let isNamespace = rules.groupResource == Self.namespaces
        let result = try await commit(rules, rules.key(namespace: namespace, name: name), dryRun: options.dryRun) {
            current throws(APIError) in
            guard var object = current else { throw APIError.notFound(gvr, name: name) }
            if let uid = options.preconditionUID, uid != object[path: ["metadata", "uid"]]?.stringValue ?? "" {
                throw APIError.conflict(
                    gvr, name: name,
                    "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object[path: ["metadata", "uid"]]?.stringValue ?? "")")
            }
            if let rv = options.preconditionResourceVersion,
                rv != object[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
            {
                throw APIError.conflict(
                    gvr, name: name,
                    "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")")
            }
            // A second delete of a terminating object changes nothing.
            if object[path: ["metadata", "deletionTimestamp"]] != nil { return object }
            var finalizers = (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
            switch options.propagation {
            case .orphan?: if !finalizers.contains("orphan") { finalizers.append("orphan") }
            case .foreground?: if !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
            default: break
            }
            let namespaceContentsPending = isNamespace && !(object[path: ["spec", "finalizers"]]?.arrayValue ?? []).isEmpty
            if finalizers.isEmpty && !namespaceContentsPending { return nil }
            object[path: ["metadata", "deletionTimestamp"]] = .string(now)
            object[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(0)
            if !finalizers.isEmpty { object[path: ["metadata", "finalizers"]] = .array(finalizers.map(JSONValue.string)) }
            if isNamespace { object[path: ["status", "phase"]] = "Terminating" }
            return object
        }
        guard let object = result.object else { throw APIError.notFound(gvr, name: name) }
        return result.event == .deleted ? .deleted(rules.served(object)) : .pending(rules.served(object))
    }

    /// `DELETE` on a collection: every object the selectors match, each as a single delete.
    public func deleteCollection(
        _ rules: ResourceRules, namespace: String?, list: ListOptions, options: DeleteOptions
    ) async throws(APIError) -> [JSONValue] {
        var removed: [JSONValue] = []
        for item in try await self.list(rules, namespace: namespace, options: list).items {
            do {
                switch try await delete(rules, namespace: item.metadataNamespace, name: item.metadataName ?? "", options: options) {
                case .deleted(let o), .pending(let o): removed.append(o)
                }
            } catch where error.code == 404 {
                continue  // gone meanwhile
            }
        }
        return removed
    }
}
