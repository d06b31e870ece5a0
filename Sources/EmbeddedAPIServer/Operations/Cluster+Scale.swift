import KubeObjects

/// The `/scale` subresource of Deployments, ReplicaSets, StatefulSets and
/// ReplicationControllers: an `autoscaling/v1 Scale` view of `spec.replicas` that
/// `kubectl scale` and autoscalers read and write.
extension Cluster {
    public func scale(_ rules: ResourceRules, namespace: String?, name: String) async throws(APIError) -> JSONValue {
        Self.scaleView(of: try await get(rules, namespace: namespace, name: name))
    }

    /// Applies `change` to the Scale and writes its `spec.replicas` into the object; a
    /// `resourceVersion` in the changed Scale is a precondition on the object.
    public func updateScale(
        _ rules: ResourceRules, namespace: String?, name: String, options: WriteOptions,
        change: @escaping @Sendable (JSONValue) throws(APIError) -> JSONValue
    ) async throws(APIError) -> WriteResult {
        let gvr = rules.groupVersionResource
        var result = try await write(rules, namespace: namespace, name: name, subresource: nil, options: options) {
            current throws(APIError) in
            let scale = try change(Self.scaleView(of: current))
            if let rv = scale[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty,
                rv != current[path: ["metadata", "resourceVersion"]]?.stringValue
            {
                throw APIError.conflict(gvr, name: name, APIError.modifiedSinceRead)
            }
            guard let replicas = scale[path: ["spec", "replicas"]]?.intValue, replicas >= 0 else {
                throw APIError.invalid(
                    kind: "Scale", group: "autoscaling", name: name,
                    causes: [("spec.replicas", "FieldValueInvalid", "Invalid value: \(scale[path: ["spec", "replicas"]]?.serialized() ?? "null"): must be greater than or equal to 0")])
            }
            var next = current
            next[path: ["spec", "replicas"]] = .int(replicas)
            return next
        }
        result.object = Self.scaleView(of: result.object)
        return result
    }

    static func scaleView(of object: JSONValue) -> JSONValue {
        var metadata: JSONValue = .emptyObject
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let v = object[path: ["metadata", key]] { metadata[key] = v }
        }
        let selector = (try? LabelSelector(structured: object[path: ["spec", "selector"]]))?.description ?? ""
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": metadata,
            "spec": ["replicas": object[path: ["spec", "replicas"]] ?? .int(1)],
            "status": ["replicas": object[path: ["status", "replicas"]] ?? .int(0), "selector": .string(selector)],
        ]
    }
}
