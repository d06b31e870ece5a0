import KubeObjects

/// Deployments, StatefulSets, DaemonSets and ReplicaSets: their controller has observed the
/// latest spec and the rollout has enough updated, ready pods.
enum WorkloadReadiness {
    /// Helm's `deploymentReady`: observed, every replica updated, and at least
    /// `replicas - maxUnavailable` available; a paused Deployment is never waited for, and
    /// one past its progress deadline has failed (kstatus).
    static func deployment(_ s: StatusReading) -> ReadinessState {
        if s.object[path: ["spec", "paused"]]?.boolValue == true { return .ready }
        if let pending = s.generationPending { return .inProgress(pending) }
        if let progressing = s.condition("Progressing"), progressing.reason == "ProgressDeadlineExceeded" {
            return .failed("progress deadline exceeded: \(progressing.message)")
        }
        let replicas = s.specReplicas
        let updated = s.statusCount("updatedReplicas")
        if updated < replicas {
            return .inProgress("\(updated) out of \(replicas) new replicas have been updated")
        }
        let available = s.statusCount("availableReplicas")
        let needed = replicas - maxUnavailable(s)
        if available < needed {
            return .inProgress("\(available) of \(replicas) updated replicas are available (\(needed) needed)")
        }
        return .ready
    }

    /// `deploymentutil.MaxUnavailable`: 0 unless rolling; the rolling bounds resolved against
    /// `replicas` (25% each by default, surge rounded up, unavailable down); both zero means 1.
    static func maxUnavailable(_ s: StatusReading) -> Int64 {
        let replicas = s.specReplicas
        guard (s.string("spec", "strategy", "type") ?? "RollingUpdate") == "RollingUpdate", replicas > 0 else { return 0 }
        let rolling = s.object[path: ["spec", "strategy", "rollingUpdate"]]
        let surge = IntOrPercent.scaled(rolling?["maxSurge"], total: replicas, roundUp: true, default: "25%")
        let unavailable = IntOrPercent.scaled(rolling?["maxUnavailable"], total: replicas, roundUp: false, default: "25%")
        if surge == 0 && unavailable == 0 { return 1 }
        return min(max(0, unavailable), replicas)
    }

    /// Helm's `statefulSetReady`: observed; with a rolling update, the pods above the
    /// partition updated, every replica ready, and (unpartitioned) the update revision
    /// current. `OnDelete` has nothing to wait for.
    static func statefulSet(_ s: StatusReading) -> ReadinessState {
        if let pending = s.generationPending { return .inProgress(pending) }
        guard (s.string("spec", "updateStrategy", "type") ?? "RollingUpdate") == "RollingUpdate" else { return .ready }
        let replicas = s.specReplicas
        let partition = s.int("spec", "updateStrategy", "rollingUpdate", "partition") ?? 0
        let expected = replicas - partition
        let updated = s.statusCount("updatedReplicas")
        if updated < expected { return .inProgress("\(updated) of \(expected) pods have been updated") }
        let ready = s.statusCount("readyReplicas")
        if ready != replicas { return .inProgress("\(ready) of \(replicas) pods are ready") }
        let current = s.string("status", "currentRevision") ?? ""
        let update = s.string("status", "updateRevision") ?? ""
        if partition == 0 && current != update {
            return .inProgress("the rolling update to revision \(update) is not complete (current: \(current))")
        }
        return .ready
    }

    /// kstatus' DaemonSet rule (stricter than Helm 3's, which lets `maxUnavailable` pods be
    /// unready): observed, and every scheduled pod updated, ready and available.
    static func daemonSet(_ s: StatusReading) -> ReadinessState {
        if let pending = s.generationPending { return .inProgress(pending) }
        guard let desired = s.int("status", "desiredNumberScheduled") else {
            return .inProgress("no pods are scheduled yet")
        }
        for (field, label) in [("updatedNumberScheduled", "updated"), ("numberReady", "ready"), ("numberAvailable", "available")] {
            let count = s.statusCount(field)
            if count < desired { return .inProgress("\(count) of \(desired) scheduled pods are \(label)") }
        }
        return .ready
    }

    /// Helm waits for every pod of a ReplicaSet (or ReplicationController) to be ready.
    static func replicaSet(_ s: StatusReading) -> ReadinessState {
        if let pending = s.generationPending { return .inProgress(pending) }
        let replicas = s.specReplicas
        let ready = s.statusCount("readyReplicas")
        if ready < replicas { return .inProgress("\(ready) of \(replicas) pods are ready") }
        return .ready
    }
}
