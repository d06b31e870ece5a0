import KubeObjects

/// The `scale` subresource of the built-in workloads (Deployments, ReplicaSets,
/// StatefulSets, ReplicationControllers): an `autoscaling/v1` Scale view of the object's
/// `spec.replicas`, which `kubectl scale` and autoscalers read and write. Discovery
/// advertises it for these kinds, so it must answer rather than 404.
extension Cluster {
    /// Built-in kinds whose discovery lists `scale` (custom resources' scale paths are not
    /// kept by the catalog yet).
    static func servesScale(_ rules: ResourceRules) -> Bool {
        !rules.isCustom && rules.resource.subresources.contains("scale")
    }

    public func getScale(_ rules: ResourceRules, namespace: String?, name: String) async throws(APIError) -> JSONValue {
        Self.scale(of: try await get(rules, namespace: namespace, name: name))
    }

    /// `PUT` or `PATCH` of the Scale: `change` turns the current Scale into the requested
    /// one, whose `spec.replicas` becomes the object's (a `resourceVersion` in it is a
    /// precondition, as for any write). The change is recorded in managedFields under the
    /// `scale` subresource, as kube-apiserver does.
    public func writeScale(
        _ rules: ResourceRules, namespace: String?, name: String, options: WriteOptions,
        change: @escaping @Sendable (JSONValue) throws(APIError) -> JSONValue
    ) async throws(APIError) -> WriteResult {
        var result = try await write(rules, namespace: namespace, name: name, subresource: "scale", options: options) {
            current throws(APIError) in
            let requested = try change(Self.scale(of: current))
            guard let replicas = requested[path: ["spec", "replicas"]]?.intValue, replicas >= 0 else {
                let shown = requested[path: ["spec", "replicas"]]?.serialized() ?? "null"
                throw APIError.invalid(
                    kind: "Scale", group: "autoscaling", name: name,
                    causes: [("spec.replicas", "FieldValueInvalid", "Invalid value: \(shown): must be greater than or equal to 0")])
            }
            var next = current
            next[path: ["spec", "replicas"]] = .int(replicas)
            if let rv = requested[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty {
                next[path: ["metadata", "resourceVersion"]] = .string(rv)
            }
            return next
        }
        result.object = Self.scale(of: result.object)
        return result
    }

    /// The Scale of a workload: its identity, desired replicas (1 when unset, the API
    /// default), observed replicas and its selector in string form.
    static func scale(of object: JSONValue) -> JSONValue {
        var metadata: [String: JSONValue] = [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let v = object[path: ["metadata", key]] { metadata[key] = v }
        }
        var status: JSONValue = ["replicas": .int(object[path: ["status", "replicas"]]?.intValue ?? 0)]
        if let selector = try? LabelSelector(structured: object[path: ["spec", "selector"]]), !selector.description.isEmpty {
            status["selector"] = .string(selector.description)
        }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": .object(metadata),
            "spec": ["replicas": .int(object[path: ["spec", "replicas"]]?.intValue ?? 1)], "status": status,
        ]
    }

    /// Scales have no compiled-in strategic merge keys: patches merge as plain objects.
    static let scaleSchema = ObjectSchema(crdOpenAPIV3Schema: CustomResourceVersion.untypedSchema)
}
