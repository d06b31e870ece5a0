import KubeObjects

/// The pods the simulator stands up for ReplicaSets, and the status a kubelet would
/// report for them: enough for `kubectl get pods` (READY, STATUS), `rollout status` and
/// readiness checkers, on no real node.
enum SimulatedPod {
    /// The node address every simulated pod reports as its host.
    static let hostIP = "10.0.0.10"

    static func make(for replicaSet: JSONValue, name: String) -> JSONValue {
        let template = replicaSet[path: ["spec", "template"]] ?? .emptyObject
        var metadata: JSONValue = [
            "name": .string(name), "namespace": .string(replicaSet.metadataNamespace ?? ""),
            "generateName": .string((replicaSet.metadataName ?? "") + "-"),
            "ownerReferences": [OwnerReference.controller(.replicaSets, of: replicaSet)],
        ]
        if let labels = template[path: ["metadata", "labels"]] { metadata["labels"] = labels }
        if let annotations = template[path: ["metadata", "annotations"]] { metadata["annotations"] = annotations }
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": metadata,
            "spec": template["spec"] ?? .emptyObject,
        ]
    }

    /// A pod's status: scheduled and pending until `started`, then running, with its
    /// containers ready or not. Timestamps and the IP already in the status are kept, so
    /// the same state gives the same status.
    static func status(of pod: JSONValue, started: Bool, ready: Bool, podIP: String, now: KubeTime) -> JSONValue {
        let existing = pod["status"]
        let containers = (pod[path: ["spec", "containers"]]?.arrayValue ?? []).map { container in
            (name: container["name"]?.stringValue ?? "", image: container["image"]?.stringValue ?? "")
        }
        guard started else {
            return [
                "phase": "Pending", "qosClass": "BestEffort",
                "conditions": StatusConditions.merge(
                    [DesiredCondition(type: "PodScheduled", status: true, reason: "", message: "")],
                    existing: existing?["conditions"], style: .nullLastProbeTime, now: now),
            ]
        }
        let startTime = existing?["startTime"] ?? .string(now.rfc3339)
        let unready = "containers with unready status: [\(containers.map(\.name).joined(separator: " "))]"
        let conditions = [
            DesiredCondition(type: "PodReadyToStartContainers", status: true, reason: "", message: ""),
            DesiredCondition(type: "Initialized", status: true, reason: "", message: ""),
            DesiredCondition(
                type: "Ready", status: ready, reason: ready ? "" : "ContainersNotReady", message: ready ? "" : unready),
            DesiredCondition(
                type: "ContainersReady", status: ready, reason: ready ? "" : "ContainersNotReady",
                message: ready ? "" : unready),
            DesiredCondition(type: "PodScheduled", status: true, reason: "", message: ""),
        ]
        let containerStatuses: [JSONValue] = containers.map { c in
            [
                "name": .string(c.name), "image": .string(c.image), "imageID": "", "ready": .bool(ready),
                "started": true, "restartCount": 0, "state": ["running": ["startedAt": startTime]],
            ]
        }
        return [
            "phase": "Running", "qosClass": "BestEffort",
            "conditions": StatusConditions.merge(
                conditions, existing: existing?["conditions"], style: .nullLastProbeTime, now: now),
            "hostIP": .string(hostIP), "hostIPs": [["ip": .string(hostIP)]],
            "podIP": .string(podIP), "podIPs": [["ip": .string(podIP)]],
            "startTime": startTime, "containerStatuses": .array(containerStatuses),
        ]
    }
}
