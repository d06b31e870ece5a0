/// The built-in kinds charts create, with the discovery data a real API server (v1.37)
/// publishes for them: short names and categories are what `kubectl get deploy` and
/// `kubectl get all` resolve through.
enum BuiltinResources {
    static let all: [APIResource] = core + apps + batch + rbac + networking + policy + autoscaling + coordination
        + apiextensions + admissionregistration + scheduling + storage + events + discovery

    private static func r(
        _ group: String, _ version: String, _ kind: String, _ plural: String, namespaced: Bool = true,
        short: [String] = [], all: Bool = false, status: Bool = false, scale: Bool = false,
        verbs: [String] = APIResource.allVerbs
    ) -> APIResource {
        var sub: [String] = []
        if status { sub.append("status") }
        if scale { sub.append("scale") }
        return APIResource(
            group: group, version: version, kind: kind, plural: plural, namespaced: namespaced, shortNames: short,
            categories: all ? ["all"] : [], subresources: sub, verbs: verbs)
    }

    static let core: [APIResource] = [
        r("", "v1", "Binding", "bindings", verbs: ["create"]),
        r("", "v1", "ComponentStatus", "componentstatuses", namespaced: false, short: ["cs"], verbs: ["get", "list"]),
        r("", "v1", "ConfigMap", "configmaps", short: ["cm"]),
        r("", "v1", "Endpoints", "endpoints", short: ["ep"]),
        r("", "v1", "Event", "events", short: ["ev"]),
        r("", "v1", "LimitRange", "limitranges", short: ["limits"]),
        r("", "v1", "Namespace", "namespaces", namespaced: false, short: ["ns"], status: true,
          verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]),
        r("", "v1", "Node", "nodes", namespaced: false, short: ["no"], status: true),
        r("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", short: ["pvc"], status: true),
        r("", "v1", "PersistentVolume", "persistentvolumes", namespaced: false, short: ["pv"], status: true),
        r("", "v1", "Pod", "pods", short: ["po"], all: true, status: true),
        r("", "v1", "PodTemplate", "podtemplates"),
        r("", "v1", "ReplicationController", "replicationcontrollers", short: ["rc"], all: true, status: true, scale: true),
        r("", "v1", "ResourceQuota", "resourcequotas", short: ["quota"], status: true),
        r("", "v1", "Secret", "secrets"),
        r("", "v1", "ServiceAccount", "serviceaccounts", short: ["sa"]),
        r("", "v1", "Service", "services", short: ["svc"], all: true, status: true),
    ]

    static let apps: [APIResource] = [
        r("apps", "v1", "ControllerRevision", "controllerrevisions"),
        r("apps", "v1", "DaemonSet", "daemonsets", short: ["ds"], all: true, status: true),
        r("apps", "v1", "Deployment", "deployments", short: ["deploy"], all: true, status: true, scale: true),
        r("apps", "v1", "ReplicaSet", "replicasets", short: ["rs"], all: true, status: true, scale: true),
        r("apps", "v1", "StatefulSet", "statefulsets", short: ["sts"], all: true, status: true, scale: true),
    ]

    static let batch: [APIResource] = [
        r("batch", "v1", "CronJob", "cronjobs", short: ["cj"], all: true, status: true),
        r("batch", "v1", "Job", "jobs", all: true, status: true),
    ]

    static let rbac: [APIResource] = [
        r("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        r("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false),
        r("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
        r("rbac.authorization.k8s.io", "v1", "Role", "roles"),
    ]

    static let networking: [APIResource] = [
        r("networking.k8s.io", "v1", "IngressClass", "ingressclasses", namespaced: false),
        r("networking.k8s.io", "v1", "Ingress", "ingresses", short: ["ing"], status: true),
        r("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", short: ["netpol"]),
    ]

    static let policy: [APIResource] = [
        r("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", short: ["pdb"], status: true),
    ]

    static let autoscaling: [APIResource] = [
        r("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", short: ["hpa"], all: true,
          status: true),
        r("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", short: ["hpa"], all: true,
          status: true),
    ]

    static let coordination: [APIResource] = [
        r("coordination.k8s.io", "v1", "Lease", "leases"),
    ]

    static let apiextensions: [APIResource] = [
        r("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", namespaced: false,
          short: ["crd", "crds"], status: true),
    ]

    static let admissionregistration: [APIResource] = [
        r("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations",
          namespaced: false),
        r("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies",
          namespaced: false, status: true),
        r("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding",
          "validatingadmissionpolicybindings", namespaced: false),
        r("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations",
          namespaced: false),
    ]

    static let scheduling: [APIResource] = [
        r("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", namespaced: false, short: ["pc"]),
    ]

    static let storage: [APIResource] = [
        r("storage.k8s.io", "v1", "CSIDriver", "csidrivers", namespaced: false),
        r("storage.k8s.io", "v1", "CSINode", "csinodes", namespaced: false),
        r("storage.k8s.io", "v1", "StorageClass", "storageclasses", namespaced: false, short: ["sc"]),
        r("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", namespaced: false, status: true),
    ]

    static let events: [APIResource] = [
        r("events.k8s.io", "v1", "Event", "events", short: ["ev"]),
    ]

    static let discovery: [APIResource] = [
        r("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices"),
    ]
}
