/// The merge-relevant parts of the core/v1 and meta/v1 types that other kinds embed, as
/// k8s.io/api declares them (`+listType`, `+listMapKey`, `+patchStrategy`,
/// `+patchMergeKey`, `+structType=atomic`, `+mapType=atomic`). Fields not named here are
/// plain structs and scalars, or lists without a list type, which are atomic for
/// server-side apply and replaced by strategic merge patch: exactly what `deduced` gives.
extension ObjectSchema {
    /// metav1.ObjectMeta.
    public static let objectMeta = ObjectSchema.fields([
        "labels": .map(),
        "annotations": .map(),
        // +patchStrategy=merge +listType=set
        "finalizers": .setList(mergePatch: true),
        // +patchMergeKey=uid +patchStrategy=merge +listType=map +listMapKey=uid
        "ownerReferences": .mapList(["uid"], .fields([:])),
        "managedFields": .atomicList(.deduced(.structFields)),
    ])

    /// metav1.LabelSelector is `+structType=atomic`.
    public static let labelSelector = ObjectSchema.atomicStruct

    /// metav1.Condition and the per-kind condition types: `+listType=map +listMapKey=type`,
    /// `patchStrategy=merge patchMergeKey=type`.
    public static let conditions = ObjectSchema.mapList(["type"], .fields([:]))

    /// core/v1 EnvVar: `valueFrom` references are atomic structs.
    static let envVar = ObjectSchema.fields([
        "valueFrom": .fields([
            "configMapKeyRef": .atomicStruct,
            "secretKeyRef": .atomicStruct,
            "fieldRef": .atomicStruct,
            "resourceFieldRef": .atomicStruct,
            "fileKeyRef": .atomicStruct,
        ])
    ])

    static let probe = ObjectSchema.fields([
        "exec": .fields(["command": .atomicList()]),
        "httpGet": .fields(["httpHeaders": .atomicList(.fields([:]))]),
    ])

    static let resourceRequirements = ObjectSchema.fields([
        "limits": .map(),
        "requests": .map(),
        // +listType=map +listMapKey=name
        "claims": .mapList(["name"], .fields([:]), smp: false),
    ])

    /// core/v1 Container (also EphemeralContainer, which shares the merge-relevant fields).
    public static let container = ObjectSchema.fields([
        "command": .atomicList(),
        "args": .atomicList(),
        // +listType=map +listMapKey=containerPort +listMapKey=protocol
        // +patchMergeKey=containerPort +patchStrategy=merge
        "ports": .mapList(["containerPort", "protocol"], .fields([:]), mergeKey: "containerPort"),
        "envFrom": .atomicList(.fields(["configMapRef": .atomicStruct, "secretRef": .atomicStruct])),
        // +patchMergeKey=name +patchStrategy=merge +listType=map +listMapKey=name
        "env": .mapList(["name"], envVar),
        "resources": resourceRequirements,
        "resizePolicy": .atomicList(.fields([:])),
        // +patchMergeKey=mountPath +patchStrategy=merge +listType=map +listMapKey=mountPath
        "volumeMounts": .mapList(["mountPath"], .fields([:])),
        // +patchMergeKey=devicePath +patchStrategy=merge +listType=map +listMapKey=devicePath
        "volumeDevices": .mapList(["devicePath"], .fields([:])),
        "livenessProbe": probe,
        "readinessProbe": probe,
        "startupProbe": probe,
        "lifecycle": .fields([
            "postStart": .fields(["exec": .fields(["command": .atomicList()])]),
            "preStop": .fields(["exec": .fields(["command": .atomicList()])]),
        ]),
        "securityContext": .fields([
            "capabilities": .fields(["add": .atomicList(), "drop": .atomicList()])
        ]),
    ])

    static let nodeSelector = ObjectSchema.atomicStruct

    /// core/v1 Volume: the volume sources hold atomic item lists and references.
    static let volume = ObjectSchema.fields([
        "configMap": .fields(["items": .atomicList(.fields([:]))]),
        "secret": .fields(["items": .atomicList(.fields([:]))]),
        "projected": .fields(["sources": .atomicList(.deduced(.structFields))]),
        "downwardAPI": .fields(["items": .atomicList(.fields([:]))]),
        "persistentVolumeClaim": .fields([:]),
        "csi": .fields(["nodePublishSecretRef": .atomicStruct, "volumeAttributes": .map()]),
    ], retainKeys: true)

    /// core/v1 PodSpec.
    public static let podSpec = ObjectSchema.fields([
        // +patchMergeKey=name +patchStrategy=merge,retainKeys +listType=map +listMapKey=name
        "volumes": .mapList(["name"], volume),
        "initContainers": .mapList(["name"], container),
        "containers": .mapList(["name"], container, inZeroObject: true),
        "ephemeralContainers": .mapList(["name"], container),
        // +mapType=atomic
        "nodeSelector": .map(atomic: true),
        // +patchMergeKey=name +patchStrategy=merge +listType=map +listMapKey=name
        "imagePullSecrets": .mapList(["name"], .atomicStruct),
        "affinity": .fields([
            "nodeAffinity": .fields([
                "requiredDuringSchedulingIgnoredDuringExecution": nodeSelector,
                "preferredDuringSchedulingIgnoredDuringExecution": .atomicList(.deduced(.structFields)),
            ])
        ]),
        "tolerations": .atomicList(.fields([:])),
        // +patchMergeKey=ip +patchStrategy=merge +listType=map +listMapKey=ip
        "hostAliases": .mapList(["ip"], .fields(["hostnames": .atomicList()])),
        // +patchMergeKey=topologyKey +patchStrategy=merge
        // +listType=map +listMapKey=topologyKey +listMapKey=whenUnsatisfiable
        "topologySpreadConstraints": .mapList(
            ["topologyKey", "whenUnsatisfiable"],
            .fields(["labelSelector": labelSelector, "matchLabelKeys": .atomicList()]), mergeKey: "topologyKey"),
        "readinessGates": .atomicList(.fields([:])),
        "securityContext": .fields([
            "supplementalGroups": .atomicList(),
            "sysctls": .atomicList(.fields([:])),
        ]),
        "dnsConfig": .fields([
            "nameservers": .atomicList(), "searches": .atomicList(), "options": .atomicList(.fields([:])),
        ]),
        "overhead": .map(),
        // +patchMergeKey=name +patchStrategy=merge,retainKeys +listType=map +listMapKey=name
        "resourceClaims": .mapList(["name"], .fields([:])),
        // +patchMergeKey=name +patchStrategy=merge +listType=map +listMapKey=name
        "schedulingGates": .mapList(["name"], .fields([:])),
    ])

    /// core/v1 PodTemplateSpec.
    public static let podTemplateSpec = ObjectSchema.fields(["metadata": objectMeta, "spec": podSpec])

    /// core/v1 PersistentVolumeClaim (also StatefulSet's volumeClaimTemplates items).
    static let persistentVolumeClaim = ObjectSchema.fields([
        "metadata": objectMeta,
        "spec": .fields([
            "accessModes": .atomicList(),
            "selector": labelSelector,
            "resources": .fields(["limits": .map(), "requests": .map()]),
            "dataSource": .atomicStruct,
        ]),
        "status": .fields([
            "accessModes": .atomicList(),
            "capacity": .map(),
            "conditions": conditions,
        ]),
    ])

    /// core/v1 ServicePort list: `+listType=map +listMapKey=port +listMapKey=protocol`,
    /// `patchMergeKey=port`.
    static let serviceSpec = ObjectSchema.fields([
        "ports": .mapList(["port", "protocol"], .fields([:]), mergeKey: "port"),
        // +mapType=atomic
        "selector": .map(atomic: true),
        "clusterIPs": .atomicList(),
        "externalIPs": .atomicList(),
        "loadBalancerSourceRanges": .atomicList(),
        "ipFamilies": .atomicList(),
    ])

    static let loadBalancerStatus = ObjectSchema.fields(["ingress": .atomicList(.deduced(.structFields))])
}
