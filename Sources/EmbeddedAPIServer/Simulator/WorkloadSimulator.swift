import KubeObjects

/// Plays kube-controller-manager's part in readiness, so that `helm install --wait`,
/// `kubectl rollout status` and readiness timeouts behave against the embedded server as
/// against a real cluster. Deployments get an owned ReplicaSet per pod template and the
/// ReplicaSets get Pods, which turn Running and Ready after the configured delay; the
/// counts and conditions then flow up into ReplicaSet and Deployment status as the real
/// controllers compute them. StatefulSets, DaemonSets and Jobs get their finished status
/// directly after the delay (no pods). Objects labelled to stay unready never get there.
///
/// The loop is a small controller: one watch per resource feeds a de-duplicating queue of
/// object keys, and one worker reconciles a key at a time from fresh reads, so a burst of
/// events costs one reconcile and no decision is taken on a stale cache. Work that must
/// wait (a pod not yet due to start) schedules a wake-up instead of sleeping the worker.
public actor WorkloadSimulator {
    public let configuration: Configuration
    let cluster: any SimulatorCluster
    let clock = ContinuousClock()

    /// The most recent error a reconcile hit (the key is retried shortly after).
    public private(set) var lastError: APIError?

    private let work: AsyncStream<WorkItem>
    private let workInput: AsyncStream<WorkItem>.Continuation
    /// Keys queued and not yet picked up: a key is queued at most once.
    private var queued: Set<WorkItem> = []
    /// The earliest wake-up already scheduled per key.
    private var wakeups: [WorkItem: ContinuousClock.Instant] = [:]
    private var started = false

    /// When each pod (by uid) starts running.
    var podStartTimes: [String: ContinuousClock.Instant] = [:]
    /// When each StatefulSet, DaemonSet or Job (by uid) becomes ready at its generation.
    var workloadReadyTimes: [String: (generation: Int64, at: ContinuousClock.Instant)] = [:]
    /// The last pod IP handed out, as an offset into 10.244.0.0/16.
    var lastPodIP: UInt32 = 1

    /// One object to reconcile. A ReplicaSet is always `.replicaSets`, whoever owns it.
    struct WorkItem: Hashable, Sendable {
        var kind: WorkloadKind
        var key: ObjectKey
    }

    public init(cluster: some SimulatorCluster, configuration: Configuration = Configuration()) {
        self.cluster = cluster
        self.configuration = configuration
        (work, workInput) = AsyncStream<WorkItem>.makeStream()
    }

    /// Runs the simulator until `stop()` is called or the calling task is cancelled,
    /// starting with every object that already exists. All its work runs in child tasks of
    /// this call, so nothing outlives it. A simulator runs once: calling `start()` again,
    /// or after `stop()`, returns at once.
    public func start() async {
        guard !started else { return }
        started = true
        let resources = watchedResources
        await withDiscardingTaskGroup { group in
            for resource in resources {
                group.addTask { await self.follow(resource) }
            }
            for await item in work {
                queued.remove(item)
                if let again = await reconcile(item) {
                    schedule(item, at: again, in: &group)
                }
            }
            group.cancelAll()
        }
    }

    /// Ends `start()`: the current reconcile finishes, then every watch closes.
    public func stop() {
        started = true
        workInput.finish()
    }

    // MARK: Watching

    private var watchedResources: [SimulatedResource] {
        let kinds = configuration.kinds
        var resources: [SimulatedResource] = []
        if kinds.contains(.deployments) { resources.append(.deployments) }
        if kinds.contains(.deployments) || kinds.contains(.replicaSets) { resources += [.replicaSets, .pods] }
        if kinds.contains(.statefulSets) { resources.append(.statefulSets) }
        if kinds.contains(.daemonSets) { resources.append(.daemonSets) }
        if kinds.contains(.jobs) { resources.append(.jobs) }
        return resources
    }

    /// Follows one resource for as long as the simulator runs, re-opening the watch when
    /// the server ends it (the new watch's initial objects resynchronise the queue).
    private func follow(_ resource: SimulatedResource) async {
        while !Task.isCancelled {
            if let subscription = try? await cluster.watch(resource) {
                for event in subscription.initial { observe(resource, event) }
                for await event in subscription.events { observe(resource, event) }
            }
            // Do not spin against a server that refuses or keeps closing the watch.
            try? await clock.sleep(for: .milliseconds(100))
        }
    }

    /// Maps a change to the keys it may affect: the object itself, and for a ReplicaSet
    /// its Deployment, whose status sums its ReplicaSets'.
    private func observe(_ resource: SimulatedResource, _ event: WatchEvent) {
        let object = event.object
        if event.kind == .deleted, let uid = object.metadataUID {
            podStartTimes[uid] = nil
            workloadReadyTimes[uid] = nil
        }
        switch resource {
        case .deployments: enqueue(.deployments, event.key)
        case .statefulSets: enqueue(.statefulSets, event.key)
        case .daemonSets: enqueue(.daemonSets, event.key)
        case .jobs: enqueue(.jobs, event.key)
        case .replicaSets:
            enqueue(.replicaSets, event.key)
            if let owner = object.controllerReference, owner.kind == SimulatedResource.deployments.kind {
                enqueue(.deployments, ObjectKey(namespace: event.key.namespace, name: owner.name))
            }
        case .pods:
            // Only a pod that went away (deleted by someone else) needs its ReplicaSet:
            // every other pod change is the simulator's own.
            if event.kind == .deleted, let owner = object.controllerReference,
                owner.kind == SimulatedResource.replicaSets.kind
            {
                enqueue(.replicaSets, ObjectKey(namespace: event.key.namespace, name: owner.name))
            }
        }
    }

    // MARK: The queue

    func enqueue(_ kind: WorkloadKind, _ key: ObjectKey) {
        let item = WorkItem(kind: kind, key: key)
        guard item.kind == .replicaSets || configuration.kinds.contains(item.kind) else { return }
        if queued.insert(item).inserted { workInput.yield(item) }
    }

    private func schedule(_ item: WorkItem, at instant: ContinuousClock.Instant, in group: inout DiscardingTaskGroup) {
        if let earlier = wakeups[item], earlier <= instant { return }
        wakeups[item] = instant
        let clock = clock
        group.addTask {
            do { try await clock.sleep(until: instant) } catch { return }
            await self.wake(item, scheduledFor: instant)
        }
    }

    private func wake(_ item: WorkItem, scheduledFor instant: ContinuousClock.Instant) {
        if wakeups[item] == instant { wakeups[item] = nil }
        enqueue(item.kind, item.key)
    }

    /// Reconciles one key; returns when to look at it again, if ever. A failed reconcile
    /// (a lost race with another writer) is retried shortly after.
    private func reconcile(_ item: WorkItem) async -> ContinuousClock.Instant? {
        do {
            switch item.kind {
            case .deployments: return try await reconcileDeployment(item.key)
            case .replicaSets: return try await reconcileReplicaSet(item.key)
            case .statefulSets: return try await reconcileStatefulSet(item.key)
            case .daemonSets: return try await reconcileDaemonSet(item.key)
            case .jobs: return try await reconcileJob(item.key)
            }
        } catch {
            lastError = error
            return clock.now.advanced(by: .milliseconds(200))
        }
    }

    // MARK: Readiness times

    /// When a StatefulSet, DaemonSet or Job becomes ready at its current generation: the
    /// delay after the simulator first saw that generation. One that already reported on
    /// this generation before the simulator started (a restart) is due at once.
    func readyTime(of object: JSONValue) -> ContinuousClock.Instant {
        let uid = object.metadataUID ?? ""
        if let known = workloadReadyTimes[uid], known.generation == object.metadataGeneration { return known.at }
        let observed = object[path: ["status", "observedGeneration"]]?.intValue
        let at = observed == object.metadataGeneration ? clock.now : clock.now.advanced(by: configuration.readinessDelay)
        workloadReadyTimes[uid] = (object.metadataGeneration, at)
        return at
    }

    /// When a pod starts running: the delay after the simulator created it, or first saw it.
    func startTime(ofPod pod: JSONValue) -> ContinuousClock.Instant {
        let uid = pod.metadataUID ?? ""
        if let at = podStartTimes[uid] { return at }
        let at = clock.now.advanced(by: configuration.readinessDelay)
        podStartTimes[uid] = at
        return at
    }

    func nextPodIP() -> String {
        lastPodIP = lastPodIP >= 65_534 ? 2 : lastPodIP + 1
        return "10.244.\(lastPodIP >> 8).\(lastPodIP & 0xFF)"
    }
}
