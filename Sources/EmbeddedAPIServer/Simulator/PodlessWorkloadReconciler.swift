import KubeObjects

/// StatefulSets, DaemonSets and Jobs: no pods are made for them; their status goes from
/// "in progress" to finished the readiness delay after the simulator sees a generation,
/// with every field the readiness checkers (Helm's legacy wait, kstatus, kubectl) read.
extension WorkloadSimulator {
    func reconcileStatefulSet(_ key: ObjectKey) async throws(APIError) -> ContinuousClock.Instant? {
        guard let set = try await cluster.get(.statefulSets, key), let uid = set.metadataUID, !set.hasDeletionTimestamp else {
            return nil
        }
        let (ready, wakeUp) = readiness(of: set)
        let replicas = set.specReplicas
        let revision = "\(key.name)-\(PodTemplateHash.of(set[path: ["spec", "template"]] ?? .emptyObject))"
        // `replicas` and `availableReplicas` are always written; the other counts are
        // omitted when zero, as the API's Go types declare.
        var status: JSONValue = [
            "observedGeneration": .int(set.metadataGeneration), "replicas": .int(replicas),
            "availableReplicas": .int(ready ? replicas : 0), "currentRevision": .string(revision),
            "updateRevision": .string(revision), "collisionCount": 0,
        ]
        if replicas > 0 {
            status["currentReplicas"] = .int(replicas)
            status["updatedReplicas"] = .int(replicas)
            if ready { status["readyReplicas"] = .int(replicas) }
        }
        try await cluster.updateStatus(.statefulSets, key, uid: uid, status: status)
        return wakeUp
    }

    /// A DaemonSet runs on the simulated cluster's single node.
    func reconcileDaemonSet(_ key: ObjectKey) async throws(APIError) -> ContinuousClock.Instant? {
        guard let set = try await cluster.get(.daemonSets, key), let uid = set.metadataUID, !set.hasDeletionTimestamp else {
            return nil
        }
        let (ready, wakeUp) = readiness(of: set)
        var status: JSONValue = [
            "observedGeneration": .int(set.metadataGeneration), "desiredNumberScheduled": 1,
            "currentNumberScheduled": 1, "updatedNumberScheduled": 1, "numberMisscheduled": 0,
            "numberReady": .int(ready ? 1 : 0),
        ]
        status[ready ? "numberAvailable" : "numberUnavailable"] = 1
        try await cluster.updateStatus(.daemonSets, key, uid: uid, status: status)
        return wakeUp
    }

    /// A Job runs (one active pod, in status only) until the delay, then succeeds with
    /// `completions` pods, or fails as if its backoff limit were exhausted. A finished or
    /// suspended Job is left alone.
    func reconcileJob(_ key: ObjectKey) async throws(APIError) -> ContinuousClock.Instant? {
        guard let job = try await cluster.get(.jobs, key), let uid = job.metadataUID, !job.hasDeletionTimestamp,
            job[path: ["spec", "suspend"]]?.boolValue != true,
            !StatusConditions.isTrue("Complete", in: job), !StatusConditions.isTrue("Failed", in: job)
        else { return nil }
        let outcome = configuration.outcome(of: job)
        let readyAt = readyTime(of: job)
        let due = clock.now >= readyAt
        let now = configuration.now()
        let existing = job["status"]
        var status: JSONValue = [
            "startTime": existing?["startTime"] ?? .string(now.rfc3339), "ready": 0,
            "uncountedTerminatedPods": .emptyObject,
        ]
        switch outcome {
        case .ready where due:
            let completions = max(1, job[path: ["spec", "completions"]]?.intValue ?? 1)
            status["succeeded"] = .int(completions)
            status["completionTime"] = .string(now.rfc3339)
            let reached = "Reached expected number of succeeded pods"
            status["conditions"] = StatusConditions.merge(
                [
                    DesiredCondition(type: "SuccessCriteriaMet", status: true, reason: "CompletionsReached", message: reached),
                    DesiredCondition(type: "Complete", status: true, reason: "CompletionsReached", message: reached),
                ], existing: existing?["conditions"], style: .lastProbeTime, now: now)
        case .fail where due:
            let backoffLimit = max(0, job[path: ["spec", "backoffLimit"]]?.intValue ?? 6)
            status["failed"] = .int(min(backoffLimit, Int64(Int32.max) - 1) + 1)
            let limit = "Job has reached the specified backoff limit"
            status["conditions"] = StatusConditions.merge(
                [
                    DesiredCondition(type: "FailureTarget", status: true, reason: "BackoffLimitExceeded", message: limit),
                    DesiredCondition(type: "Failed", status: true, reason: "BackoffLimitExceeded", message: limit),
                ], existing: existing?["conditions"], style: .lastProbeTime, now: now)
        default:
            let parallelism = max(0, job[path: ["spec", "parallelism"]]?.intValue ?? 1)
            let completions = job[path: ["spec", "completions"]]?.intValue ?? parallelism
            let active = min(parallelism, max(0, completions))
            if active > 0 { status["active"] = .int(active) }
        }
        try await cluster.updateStatus(.jobs, key, uid: uid, status: status)
        return due || outcome == .neverReady ? nil : readyAt
    }

    /// Whether a StatefulSet or DaemonSet is ready now, and when to look again if it will
    /// be later.
    private func readiness(of object: JSONValue) -> (ready: Bool, wakeUp: ContinuousClock.Instant?) {
        guard configuration.outcome(of: object).becomesReady else { return (false, nil) }
        let at = readyTime(of: object)
        return clock.now >= at ? (true, nil) : (false, at)
    }
}
