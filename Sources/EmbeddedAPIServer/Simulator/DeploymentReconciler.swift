import KubeObjects

/// The deployment controller's part: one ReplicaSet per pod template, the current one
/// scaled to `spec.replicas` and the older ones to zero, and a Deployment status that sums
/// what the ReplicaSets report. (A real rolling update moves replicas across gradually;
/// the simulator switches at once, which every readiness checker accepts.)
extension WorkloadSimulator {
    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"

    func reconcileDeployment(_ key: ObjectKey) async throws(APIError) -> ContinuousClock.Instant? {
        guard var deployment = try await cluster.get(.deployments, key), let uid = deployment.metadataUID,
            !deployment.hasDeletionTimestamp
        else { return nil }
        let template = deployment[path: ["spec", "template"]] ?? .emptyObject
        let hash = PodTemplateHash.of(template)
        let currentName = "\(key.name)-\(hash)"
        let desired = deployment.specReplicas
        let maxReplicas = desired + RollingUpdate.maxSurge(of: deployment)

        let replicaSets = try await cluster.list(.replicaSets, namespace: key.namespace)
        let owned = replicaSets.filter { $0.isControlled(by: uid) && !$0.hasDeletionTimestamp }
        let old = owned.filter { $0.metadataName != currentName }
        let oldRevision = old.compactMap(Self.revision).max() ?? 0
        var current = owned.first { $0.metadataName == currentName }
        // Going back to an older template makes its ReplicaSet the newest revision again.
        let revision = current.flatMap(Self.revision).flatMap { $0 > oldRevision ? $0 : nil } ?? oldRevision + 1

        if let existing = current, let rsUID = existing.metadataUID {
            current = try await cluster.update(.replicaSets, Self.key(of: existing), uid: rsUID) { rs in
                rs[path: ["spec", "replicas"]] = .int(desired)
                rs[path: ["metadata", "annotations", Self.revisionAnnotation]] = .string(String(revision))
                rs[path: ["metadata", "annotations", Self.desiredReplicasAnnotation]] = .string(String(desired))
                rs[path: ["metadata", "annotations", Self.maxReplicasAnnotation]] = .string(String(maxReplicas))
            }
        } else if replicaSets.contains(where: { $0.metadataName == currentName }) {
            // The name is held by a ReplicaSet of an earlier Deployment of this name, which
            // the garbage collector is removing; its deletion brings this key back.
            return nil
        } else {
            let replicaSet = Self.replicaSet(
                of: deployment, name: currentName, hash: hash, revision: revision, maxReplicas: maxReplicas)
            current = try await cluster.create(.replicaSets, replicaSet)
        }
        guard let current else { return nil }

        var scaledDown: [JSONValue] = []
        for rs in old {
            guard rs.specReplicas != 0, let rsUID = rs.metadataUID else {
                scaledDown.append(rs)
                continue
            }
            if let updated = try await cluster.update(.replicaSets, Self.key(of: rs), uid: rsUID, { rs in
                rs[path: ["spec", "replicas"]] = 0
            }) {
                scaledDown.append(updated)
            }
        }
        // The ReplicaSets read the simulate label from their Deployment: look again.
        for rs in [current] + scaledDown { enqueue(.replicaSets, Self.key(of: rs)) }

        if deployment.metadataAnnotation(Self.revisionAnnotation) != String(revision) {
            guard
                let updated = try await cluster.update(.deployments, key, uid: uid, { d in
                    d[path: ["metadata", "annotations", Self.revisionAnnotation]] = .string(String(revision))
                })
            else { return nil }
            deployment = updated
        }
        let status = Self.deploymentStatus(
            of: deployment, current: current, old: scaledDown, now: configuration.now())
        try await cluster.updateStatus(.deployments, key, uid: uid, status: status)
        return nil
    }

    /// The ReplicaSet for one template: the template's labels plus `pod-template-hash` on
    /// itself, its selector and its template, so ReplicaSets of different templates never
    /// select each other's pods.
    static func replicaSet(
        of deployment: JSONValue, name: String, hash: String, revision: Int64, maxReplicas: Int64
    ) -> JSONValue {
        var template = deployment[path: ["spec", "template"]] ?? .emptyObject
        template[path: ["metadata", "labels", "pod-template-hash"]] = .string(hash)
        var selector = deployment[path: ["spec", "selector"]] ?? .emptyObject
        selector[path: ["matchLabels", "pod-template-hash"]] = .string(hash)
        var spec: JSONValue = [
            "replicas": .int(deployment.specReplicas), "selector": selector, "template": template,
        ]
        if let minReady = deployment[path: ["spec", "minReadySeconds"]] { spec["minReadySeconds"] = minReady }
        return [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": [
                "name": .string(name), "namespace": .string(deployment.metadataNamespace ?? ""),
                "labels": template[path: ["metadata", "labels"]] ?? .emptyObject,
                "annotations": [
                    revisionAnnotation: .string(String(revision)),
                    desiredReplicasAnnotation: .string(String(deployment.specReplicas)),
                    maxReplicasAnnotation: .string(String(maxReplicas)),
                ],
                "ownerReferences": [OwnerReference.controller(.deployments, of: deployment)],
            ],
            "spec": spec,
        ]
    }

    /// Deployment status as the controller computes it from its ReplicaSets. Zero counts
    /// are left out, as the API server's `omitempty` serialisation leaves them out.
    static func deploymentStatus(of deployment: JSONValue, current: JSONValue, old: [JSONValue], now: KubeTime)
        -> JSONValue
    {
        let all = [current] + old
        let desired = deployment.specReplicas
        let replicas = all.reduce(0) { $0 + $1.statusCount("replicas") }
        let updated = current.statusCount("replicas")
        let ready = all.reduce(0) { $0 + $1.statusCount("readyReplicas") }
        let available = all.reduce(0) { $0 + $1.statusCount("availableReplicas") }
        let unavailable = max(0, all.reduce(0) { $0 + $1.specReplicas } - available)
        let currentName = current.metadataName ?? ""

        let isAvailable = available >= desired - RollingUpdate.maxUnavailable(of: deployment)
        let complete = updated == desired && replicas == desired && available == desired
            && current.statusCount("availableReplicas") == desired
        let conditions = [
            isAvailable
                ? DesiredCondition(
                    type: "Available", status: true, reason: "MinimumReplicasAvailable",
                    message: "Deployment has minimum availability.")
                : DesiredCondition(
                    type: "Available", status: false, reason: "MinimumReplicasUnavailable",
                    message: "Deployment does not have minimum availability."),
            complete
                ? DesiredCondition(
                    type: "Progressing", status: true, reason: "NewReplicaSetAvailable",
                    message: "ReplicaSet \"\(currentName)\" has successfully progressed.")
                : DesiredCondition(
                    type: "Progressing", status: true, reason: "ReplicaSetUpdated",
                    message: "ReplicaSet \"\(currentName)\" is progressing."),
        ]
        var status: JSONValue = ["observedGeneration": .int(deployment.metadataGeneration)]
        for (field, count) in [
            ("replicas", replicas), ("updatedReplicas", updated), ("readyReplicas", ready),
            ("availableReplicas", available), ("unavailableReplicas", unavailable),
        ] where count > 0 {
            status[field] = .int(count)
        }
        status["conditions"] = StatusConditions.merge(
            conditions, existing: deployment[path: ["status", "conditions"]], style: .lastUpdateTime, now: now)
        return status
    }

    static func revision(_ replicaSet: JSONValue) -> Int64? {
        replicaSet.metadataAnnotation(revisionAnnotation).flatMap { Int64($0) }
    }

    static func key(of object: JSONValue) -> ObjectKey {
        ObjectKey(namespace: object.metadataNamespace ?? "", name: object.metadataName ?? "")
    }
}

/// `spec.strategy.rollingUpdate`'s bounds, resolved against `spec.replicas` as the
/// deployment controller resolves them (percentages: surge rounds up, unavailable down).
enum RollingUpdate {
    static func maxSurge(of deployment: JSONValue) -> Int64 {
        bounds(of: deployment).surge
    }

    static func maxUnavailable(of deployment: JSONValue) -> Int64 {
        bounds(of: deployment).unavailable
    }

    private static func bounds(of deployment: JSONValue) -> (surge: Int64, unavailable: Int64) {
        guard deployment[path: ["spec", "strategy", "type"]]?.stringValue != "Recreate" else { return (0, 0) }
        let replicas = deployment.specReplicas
        let rolling = deployment[path: ["spec", "strategy", "rollingUpdate"]]
        let surge = resolve(rolling?["maxSurge"], of: replicas, roundUp: true)
        let unavailable = resolve(rolling?["maxUnavailable"], of: replicas, roundUp: false)
        // Both zero would forbid any progress; the controller then allows one unavailable.
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable)
    }

    /// An int-or-string: a count, or a percentage of `replicas`; 25% when absent or unreadable.
    private static func resolve(_ value: JSONValue?, of replicas: Int64, roundUp: Bool) -> Int64 {
        if let count = value?.intValue { return max(0, count) }
        var percent: Int64 = 25
        if let text = value?.stringValue, text.hasSuffix("%"), let p = Int64(text.dropLast()) {
            percent = max(0, min(p, 100))
        }
        let scaled = replicas * percent
        return roundUp ? (scaled + 99) / 100 : scaled / 100
    }
}
