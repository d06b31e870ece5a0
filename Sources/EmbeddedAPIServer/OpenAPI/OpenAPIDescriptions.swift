import KubeObjects

/// Descriptions for kinds and their top-level fields, in the real server's words where
/// `kubectl explain` users will look first; everything else gets a plain generated sentence.
enum OpenAPIDescriptions {
    static let conventions = "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"
    static let apiVersion = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: \(conventions)#resources"
    static let kind = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: \(conventions)#types-kinds"
    static let metadata = "Standard object's metadata. More info: \(conventions)#metadata"

    static func kind(_ r: APIResource) -> String {
        kinds[r.kind] ?? "\(r.kind) is a \(r.namespaced ? "namespaced" : "cluster-scoped") kind of \(r.groupVersion.apiVersion)."
    }

    static func field(_ name: String, of r: APIResource) -> String? {
        if let d = fields["\(r.kind).\(name)"] { return d }
        switch name {
        case "apiVersion": return apiVersion
        case "kind": return kind
        case "metadata": return metadata
        case "spec": return "Specification of the desired behavior of the \(r.kind). More info: \(conventions)#spec-and-status"
        case "status": return "Most recently observed status of the \(r.kind). Populated by the system. Read-only. More info: \(conventions)#spec-and-status"
        default: return nil
        }
    }

    /// Top-level scalar fields `ObjectSchema` leaves out (it only lists what merging needs).
    static func extraFields(_ r: APIResource) -> [String: JSONValue] {
        let f = OpenAPIMetaSchemas.field
        switch (r.group, r.kind) {
        case ("", "ConfigMap"), ("", "Secret"):
            var extra = ["immutable": f("boolean", "Immutable, if set to true, ensures that data stored in the \(r.kind) cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.", nil)]
            if r.kind == "Secret" {
                extra["type"] = f("string", "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types", nil)
            }
            return extra
        case ("", "ServiceAccount"):
            return ["automountServiceAccountToken": f("boolean", "AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted. Can be overridden at the pod level.", nil)]
        case ("scheduling.k8s.io", "PriorityClass"):
            return [
                "value": f("integer", "value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.", "int32"),
                "globalDefault": f("boolean", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.", nil),
                "description": f("string", "description is an arbitrary string that usually provides guidelines on when this priority class should be used.", nil),
                "preemptionPolicy": f("string", "preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.", nil),
            ]
        case ("storage.k8s.io", "StorageClass"):
            return [
                "provisioner": f("string", "provisioner indicates the type of the provisioner.", nil),
                "parameters": OpenAPIMetaSchemas.stringMap("parameters holds the parameters for the provisioner that should create volumes of this storage class."),
                "reclaimPolicy": f("string", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.", nil),
                "volumeBindingMode": f("string", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound. When unset, VolumeBindingImmediate is used.", nil),
                "allowVolumeExpansion": f("boolean", "allowVolumeExpansion shows whether the storage class allow volume expand.", nil),
            ]
        default:
            return [:]
        }
    }

    static let fields: [String: String] = [
        "ConfigMap.data": "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
        "ConfigMap.binaryData": "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. BinaryData can contain byte sequences that are not in the UTF-8 range. The keys stored in BinaryData must not overlap with the ones in the Data field, this is enforced during validation process.",
        "Secret.data": "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
        "Secret.stringData": "stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values. The stringData field is never output when reading from the API.",
        "ServiceAccount.secrets": "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.",
        "ServiceAccount.imagePullSecrets": "ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount.",
        "Endpoints.subsets": "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share.",
        "Role.rules": "Rules holds all the PolicyRules for this Role",
        "ClusterRole.rules": "Rules holds all the PolicyRules for this ClusterRole",
        "ClusterRole.aggregationRule": "AggregationRule is an optional field that describes how to build the Rules for this ClusterRole. If AggregationRule is set, then the Rules are controller managed and direct changes to Rules will be stomped by the controller.",
        "RoleBinding.subjects": "Subjects holds references to the objects the role applies to.",
        "RoleBinding.roleRef": "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. This field is immutable.",
        "ClusterRoleBinding.subjects": "Subjects holds references to the objects the role applies to.",
        "ClusterRoleBinding.roleRef": "RoleRef can only reference a ClusterRole in the global namespace. This field is immutable.",
        "PodTemplate.template": "Template defines the pods that will be created from this pod template.",
    ]

    static let kinds: [String: String] = [
        "ConfigMap": "ConfigMap holds configuration data for pods to consume.",
        "Secret": "Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.",
        "Namespace": "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
        "Pod": "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
        "Service": "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
        "ServiceAccount": "ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets",
        "PersistentVolumeClaim": "PersistentVolumeClaim is a user's request for and claim to a persistent volume",
        "Endpoints": "Endpoints is a collection of endpoints that implement the actual service.",
        "Event": "Event is a report of an event somewhere in the cluster.",
        "Deployment": "Deployment enables declarative updates for Pods and ReplicaSets.",
        "StatefulSet": "StatefulSet represents a set of pods with consistent identities.",
        "DaemonSet": "DaemonSet represents the configuration of a daemon set.",
        "ReplicaSet": "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
        "Job": "Job represents the configuration of a single job.",
        "CronJob": "CronJob represents the configuration of a single cron job.",
        "Role": "Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.",
        "ClusterRole": "ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.",
        "RoleBinding": "RoleBinding references a role, but does not contain it. It can reference a Role in the same namespace or a ClusterRole in the global namespace.",
        "ClusterRoleBinding": "ClusterRoleBinding references a ClusterRole, but not contain it. It can reference a ClusterRole in the global namespace, and adds who information via Subject.",
        "Ingress": "Ingress is a collection of rules that allow inbound connections to reach the endpoints defined by a backend.",
        "NetworkPolicy": "NetworkPolicy describes what network traffic is allowed for a set of Pods",
        "PodDisruptionBudget": "PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods",
        "HorizontalPodAutoscaler": "HorizontalPodAutoscaler is the configuration for a horizontal pod autoscaler, which automatically manages the replica count of any resource implementing the scale subresource based on the metrics specified.",
        "Lease": "Lease defines a lease concept.",
        "CustomResourceDefinition": "CustomResourceDefinition represents a resource that should be exposed on the API server. Its name MUST be in the format <.spec.name>.<.spec.group>.",
        "PriorityClass": "PriorityClass defines mapping from a priority class name to the priority integer value.",
        "StorageClass": "StorageClass describes the parameters for a class of storage for which PersistentVolumes can be dynamically provisioned.",
    ]
}
