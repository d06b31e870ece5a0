import KubeObjects

/// What the server needs to know about one served kind to carry out a request on it:
/// where it is stored, which schema merges and field ownership follow, whether it keeps a
/// `generation`, which field selectors it supports and how it prints as a Table. Built
/// from the catalog per request, so a CRD change applies to the next request.
public struct ResourceRules: Sendable {
    public let resource: APIResource
    /// Present for a custom resource version.
    public let custom: CustomResourceVersion?

    public init(resource: APIResource, custom: CustomResourceVersion?) {
        self.resource = resource
        self.custom = custom
    }

    public var groupResource: GroupResource { GroupResource(group: resource.group, resource: resource.plural) }
    public var groupVersionResource: GroupVersionResource { resource.groupVersionResource }
    public var apiVersion: String { resource.groupVersion.apiVersion }
    public var isCustom: Bool { custom != nil }
    public var listKind: String { custom?.listKind ?? resource.kind + "List" }

    /// The schema merges and field ownership follow: the built-in kind's, or the CRD
    /// version's structural schema; an untyped object for a CRD without one.
    public var schema: ObjectSchema {
        if let custom { return custom.objectSchema }
        return ObjectSchema.builtin(resource.groupVersionKind) ?? ObjectSchema(crdOpenAPIV3Schema: CustomResourceVersion.untypedSchema)
    }

    /// Strategic merge patch exists for compiled-in types only; CRs answer 415.
    public var acceptsStrategicMerge: Bool { !isCustom && ObjectSchema.builtinGroups.contains(resource.group) }

    /// Kinds whose registry strategy keeps `metadata.generation`: custom resources and
    /// the workload, networking and policy kinds; core v1 only for Pods and
    /// ReplicationControllers (ConfigMaps, Secrets, Services, Namespaces never get one).
    public var keepsGeneration: Bool {
        if isCustom { return true }
        switch resource.group {
        case "":
            return resource.kind == "Pod" || resource.kind == "ReplicationController"
        case "apps", "batch", "networking.k8s.io", "policy", "autoscaling", "apiextensions.k8s.io",
            "admissionregistration.k8s.io", "storage.k8s.io":
            return true
        default:
            return false
        }
    }

    /// Field selectors the kind's registry supports beyond `metadata.name` and
    /// `metadata.namespace` (kubectl describe filters Events by `involvedObject.*`).
    public var selectableFields: Set<String> {
        var fields: Set<String> = ["metadata.name", "metadata.namespace"]
        switch (resource.group, resource.kind) {
        case ("", "Event"):
            fields.formUnion([
                "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                "reportingComponent", "source", "type",
            ])
        case ("events.k8s.io", "Event"):
            fields.formUnion(["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "type"])
        case ("", "Pod"):
            fields.formUnion([
                "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName",
            ])
        case ("", "Secret"): fields.insert("type")
        case ("", "Namespace"): fields.insert("status.phase")
        case ("", "Node"): fields.insert("spec.unschedulable")
        case ("", "ReplicationController"), ("apps", "ReplicaSet"): fields.insert("status.replicas")
        case ("batch", "Job"): fields.insert("status.successful")
        default: break
        }
        return fields
    }

    /// How `kubectl get` prints the kind.
    public func tableConvertor() -> TableConvertor {
        guard let custom else { return .builtin(group: resource.group, kind: resource.kind) }
        let columns = custom.printerColumns.compactMap(PrinterColumn.init(json:))
        return (try? TableConvertor.customResource(printerColumns: columns)) ?? .nameAndAge
    }

    /// The object as this version serves it: all versions of a kind share one storage,
    /// so reads through another version only change `apiVersion` (conversion strategy None).
    public func served(_ object: JSONValue) -> JSONValue {
        var o = object
        if o["apiVersion"]?.stringValue != apiVersion { o["apiVersion"] = .string(apiVersion) }
        if o["kind"]?.stringValue != resource.kind { o["kind"] = .string(resource.kind) }
        return o
    }

    /// Storage key of an object of this kind.
    public func key(namespace: String?, name: String) -> ObjectKey {
        ObjectKey(namespace: resource.namespaced ? (namespace ?? "") : "", name: name)
    }
}
