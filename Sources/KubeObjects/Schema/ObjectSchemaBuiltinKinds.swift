/// The top-level schemas of the built-in kinds charts create: apps/v1, core/v1, batch/v1,
/// networking/v1, rbac/v1, policy/v1, autoscaling/v2 (and any other built-in kind, read
/// as plain structs with ObjectMeta). Versions of a group share a schema here: the
/// merge-relevant markers did not change across served versions.
extension ObjectSchema {
    /// The schema of a built-in kind; `nil` for a group that is not built in (a CRD's).
    public static func builtin(_ gvk: GroupVersionKind) -> ObjectSchema? {
        guard builtinGroups.contains(gvk.group) else { return nil }
        let key = gvk.group.isEmpty ? gvk.kind : "\(gvk.kind).\(gvk.group)"
        return builtinKinds[key] ?? root([:])
    }

    /// API groups served by kube-apiserver itself (strategic merge patch works on these).
    public static let builtinGroups: Set<String> = [
        "", "apps", "batch", "networking.k8s.io", "rbac.authorization.k8s.io", "policy", "autoscaling",
        "apiextensions.k8s.io", "apiregistration.k8s.io", "admissionregistration.k8s.io", "storage.k8s.io",
        "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "node.k8s.io",
        "certificates.k8s.io", "flowcontrol.apiserver.k8s.io", "authentication.k8s.io",
        "authorization.k8s.io", "resource.k8s.io", "storagemigration.k8s.io", "internal.apiserver.k8s.io",
    ]

    /// An object with `metadata` and the given top-level fields.
    static func root(_ fields: [String: ObjectSchema]) -> ObjectSchema {
        var all = fields
        all["metadata"] = objectMeta
        all["apiVersion"] = .scalar
        all["kind"] = .scalar
        return .fields(all)
    }

    static func workload(spec: [String: ObjectSchema]) -> ObjectSchema {
        var s = spec
        s["selector"] = labelSelector
        s["template"] = podTemplateSpec
        return root(["spec": .fields(s), "status": .fields(["conditions": conditions])])
    }

    static let jobSpec: [String: ObjectSchema] = [
        "selector": labelSelector,
        "template": podTemplateSpec,
        "podFailurePolicy": .fields(["rules": .atomicList(.deduced(.structFields))]),
        "successPolicy": .fields(["rules": .atomicList(.deduced(.structFields))]),
    ]

    static let policyRules = ObjectSchema.atomicList(.fields([
        "apiGroups": .atomicList(), "resources": .atomicList(), "verbs": .atomicList(),
        "resourceNames": .atomicList(), "nonResourceURLs": .atomicList(),
    ]))

    static let builtinKinds: [String: ObjectSchema] = [
        // core/v1
        "Pod": root([
            "spec": podSpec,
            "status": .fields([
                "conditions": conditions,
                "podIPs": .mapList(["ip"], .fields([:])),
                "hostIPs": .atomicList(.fields([:])),
                "containerStatuses": .atomicList(.deduced(.structFields)),
                "initContainerStatuses": .atomicList(.deduced(.structFields)),
            ]),
        ]),
        "PodTemplate": root(["template": podTemplateSpec]),
        "ReplicationController": root([
            "spec": .fields(["selector": .map(atomic: true), "template": podTemplateSpec]),
            "status": .fields(["conditions": conditions]),
        ]),
        "Service": root(["spec": serviceSpec, "status": .fields(["loadBalancer": loadBalancerStatus, "conditions": conditions])]),
        "ConfigMap": root(["data": .map(), "binaryData": .map()]),
        "Secret": root(["data": .map(), "stringData": .map()]),
        "ServiceAccount": root([
            // +patchMergeKey=name +patchStrategy=merge +listType=map +listMapKey=name
            "secrets": .mapList(["name"], .atomicStruct),
            "imagePullSecrets": .atomicList(.atomicStruct),
        ]),
        "Namespace": root([
            "spec": .fields(["finalizers": .atomicList()]),
            "status": .fields(["conditions": conditions]),
        ]),
        "PersistentVolumeClaim": persistentVolumeClaim,
        "PersistentVolume": root([
            "spec": .fields([
                "accessModes": .atomicList(), "capacity": .map(), "claimRef": .atomicStruct,
                "mountOptions": .atomicList(), "nodeAffinity": .fields(["required": nodeSelector]),
            ])
        ]),
        "Endpoints": root(["subsets": .atomicList(.deduced(.structFields))]),
        "LimitRange": root(["spec": .fields(["limits": .atomicList(.deduced(.structFields))])]),
        "ResourceQuota": root([
            "spec": .fields(["hard": .map(), "scopes": .atomicList()]),
            "status": .fields(["hard": .map(), "used": .map()]),
        ]),
        "Node": root([
            "spec": .fields(["taints": .atomicList(.fields([:])), "podCIDRs": .setList(mergePatch: true)]),
            "status": .fields([
                "conditions": conditions, "capacity": .map(), "allocatable": .map(),
                "addresses": .mapList(["type"], .fields([:])),
            ]),
        ]),
        // apps/v1
        "Deployment.apps": workload(spec: [
            // +patchStrategy=retainKeys
            "strategy": .fields([:], retainKeys: true)
        ]),
        "StatefulSet.apps": workload(spec: [
            "volumeClaimTemplates": .atomicList(persistentVolumeClaim)
        ]),
        "DaemonSet.apps": workload(spec: [:]),
        "ReplicaSet.apps": workload(spec: [:]),
        "ControllerRevision.apps": root([:]),
        // batch/v1
        "Job.batch": root(["spec": .fields(jobSpec), "status": .fields(["conditions": .atomicList(.fields([:]))])]),
        "CronJob.batch": root([
            "spec": .fields(["jobTemplate": .fields(["metadata": objectMeta, "spec": .fields(jobSpec)])]),
            "status": .fields(["active": .atomicList(.atomicStruct)]),
        ]),
        // networking.k8s.io/v1
        "Ingress.networking.k8s.io": root([
            "spec": .fields(["rules": .atomicList(.deduced(.structFields)), "tls": .atomicList(.deduced(.structFields))]),
            "status": .fields(["loadBalancer": loadBalancerStatus]),
        ]),
        "IngressClass.networking.k8s.io": root([:]),
        "NetworkPolicy.networking.k8s.io": root([
            "spec": .fields([
                "podSelector": labelSelector,
                "ingress": .atomicList(.deduced(.structFields)),
                "egress": .atomicList(.deduced(.structFields)),
                "policyTypes": .atomicList(),
            ])
        ]),
        // rbac.authorization.k8s.io/v1
        "Role.rbac.authorization.k8s.io": root(["rules": policyRules]),
        "ClusterRole.rbac.authorization.k8s.io": root([
            "rules": policyRules,
            "aggregationRule": .fields(["clusterRoleSelectors": .atomicList(labelSelector)]),
        ]),
        "RoleBinding.rbac.authorization.k8s.io": root(["subjects": .atomicList(.fields([:])), "roleRef": .atomicStruct]),
        "ClusterRoleBinding.rbac.authorization.k8s.io": root([
            "subjects": .atomicList(.fields([:])), "roleRef": .atomicStruct,
        ]),
        // policy/v1
        "PodDisruptionBudget.policy": root([
            "spec": .fields(["selector": labelSelector]),
            "status": .fields(["conditions": conditions, "disruptedPods": .map()]),
        ]),
        // autoscaling/v2 (and v1)
        "HorizontalPodAutoscaler.autoscaling": root([
            "spec": .fields([
                "scaleTargetRef": .atomicStruct,
                "metrics": .atomicList(.deduced(.structFields)),
                "behavior": .fields([
                    "scaleUp": .fields(["policies": .atomicList(.fields([:]))]),
                    "scaleDown": .fields(["policies": .atomicList(.fields([:]))]),
                ]),
            ]),
            "status": .fields(["conditions": conditions, "currentMetrics": .atomicList(.deduced(.structFields))]),
        ]),
        // apiextensions.k8s.io/v1: the CRD's own schema is free-form JSON Schema.
        "CustomResourceDefinition.apiextensions.k8s.io": root([
            "spec": .fields([
                "versions": .atomicList(.deduced(.structFields)),
                "names": .fields(["shortNames": .atomicList(), "categories": .atomicList()]),
            ]),
            "status": .fields(["conditions": conditions, "storedVersions": .atomicList()]),
        ]),
    ]
}
