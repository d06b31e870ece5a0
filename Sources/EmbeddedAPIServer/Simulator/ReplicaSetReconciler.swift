import KubeObjects

/// The ReplicaSet controller's part (and the scheduler's and kubelet's, briefly): keep as
/// many pods as `spec.replicas`, start each one the readiness delay after it appears, and
/// report the counts in ReplicaSet status.
extension WorkloadSimulator {
    /// The characters the API server draws `generateName` suffixes from (no vowels, so no
    /// words); pods are named `<replicaset>-<five of them>` as the controller's are.
    private static let nameSuffixAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    func reconcileReplicaSet(_ key: ObjectKey) async throws(APIError) -> ContinuousClock.Instant? {
        guard let replicaSet = try await cluster.get(.replicaSets, key), let uid = replicaSet.metadataUID,
            !replicaSet.hasDeletionTimestamp
        else { return nil }
        var outcome = configuration.outcome(of: replicaSet)
        if let owner = replicaSet.controllerReference, owner.kind == SimulatedResource.deployments.kind {
            guard configuration.kinds.contains(.deployments) else { return nil }
            // Never bring up pods for a ReplicaSet whose Deployment is gone: the garbage
            // collector is about to remove it.
            guard let deployment = try await cluster.get(.deployments, ObjectKey(namespace: key.namespace, name: owner.name)),
                deployment.metadataUID == owner.uid, !deployment.hasDeletionTimestamp
            else { return nil }
            if outcome.becomesReady { outcome = configuration.outcome(of: deployment) }
        } else if !configuration.kinds.contains(.replicaSets) {
            return nil
        }

        let desired = Int(replicaSet.specReplicas)
        var pods = try await cluster.list(.pods, namespace: key.namespace)
            .filter { $0.isControlled(by: uid) && !$0.hasDeletionTimestamp }
        if pods.count < desired {
            for _ in pods.count..<desired {
                pods.append(try await createPod(for: replicaSet))
            }
        } else if pods.count > desired {
            // The controller removes pods that are not running or not ready first, then
            // the youngest.
            let doomed = pods.sorted(by: Self.deletedFirst).prefix(pods.count - desired)
            for pod in doomed {
                if let podUID = pod.metadataUID { try await cluster.delete(.pods, Self.key(of: pod), uid: podUID) }
            }
            let doomedUIDs = Set(doomed.compactMap(\.metadataUID))
            pods.removeAll { $0.metadataUID.map(doomedUIDs.contains) ?? false }
        }

        let now = clock.now
        var wakeUp: ContinuousClock.Instant?
        var ready: Int64 = 0
        for pod in pods {
            guard let podUID = pod.metadataUID else { continue }
            let startAt = startTime(ofPod: pod)
            let started = pod[path: ["status", "phase"]]?.stringValue == "Running" || now >= startAt
            if !started { wakeUp = min(wakeUp ?? startAt, startAt) }
            let isReady = started && outcome.becomesReady
            if isReady { ready += 1 }
            let podIP = pod[path: ["status", "podIP"]]?.stringValue ?? (started ? nextPodIP() : "")
            let status = SimulatedPod.status(
                of: pod, started: started, ready: isReady, podIP: podIP, now: configuration.now())
            try await cluster.updateStatus(.pods, Self.key(of: pod), uid: podUID, status: status)
        }

        var status: JSONValue = [
            "replicas": .int(Int64(pods.count)), "observedGeneration": .int(replicaSet.metadataGeneration),
        ]
        for (field, count) in [
            ("fullyLabeledReplicas", Int64(pods.count)), ("readyReplicas", ready), ("availableReplicas", ready),
        ] where count > 0 {
            status[field] = .int(count)
        }
        try await cluster.updateStatus(.replicaSets, key, uid: uid, status: status)
        return wakeUp
    }

    private func createPod(for replicaSet: JSONValue) async throws(APIError) -> JSONValue {
        let name = replicaSet.metadataName ?? ""
        var attempt = 0
        while true {
            let suffix = String((0..<5).map { _ in Self.nameSuffixAlphabet.randomElement()! })
            let pod = SimulatedPod.make(for: replicaSet, name: "\(name)-\(suffix)")
            do {
                let created = try await cluster.create(.pods, pod)
                podStartTimes[created.metadataUID ?? ""] = clock.now.advanced(by: configuration.readinessDelay)
                return created
            } catch where error.code == 409 && attempt < 5 {
                attempt += 1  // the random name was taken: draw another
            }
        }
    }

    /// Deletion order when scaling down: pending before running, unready before ready,
    /// then the most recently created.
    private static func deletedFirst(_ a: JSONValue, _ b: JSONValue) -> Bool {
        func rank(_ pod: JSONValue) -> Int {
            if pod[path: ["status", "phase"]]?.stringValue != "Running" { return 0 }
            return StatusConditions.isTrue("Ready", in: pod) ? 2 : 1
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb }
        let ca = a[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        let cb = b[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        return ca != cb ? ca > cb : (a.metadataName ?? "") > (b.metadataName ?? "")
    }
}
