import KubeObjects

/// The controller loop (kube-rs's `Controller`, controller-runtime's controller): every
/// change of a primary object queues its key, triggers map changes of owned and related
/// objects to primary keys, and `workers` reconciles run at once over the deduplicating
/// `WorkQueue`, which never hands out the same key twice at once. A reconcile that returns
/// `.requeue(after:)` is looked at again after that long; one that throws is retried
/// after its key's exponential backoff (`RetryRateLimiter`), which a success resets.
///
/// Workers start once every reflector holds a first list, so reconciles read complete
/// caches. Cancelling the task that runs `run()` stops the watches and hands out no more
/// keys; reconciles already running finish undisturbed (they are not cancelled) within
/// `shutdownGracePeriod`, after which they are cancelled and awaited.
public struct ControllerLoop: Sendable {
    public typealias Reconcile = @Sendable (ObjectRef) async throws -> ReconcileAction

    /// The primary resource; reconciles read its cache (an absent object was deleted).
    public let primary: Reflector
    /// The primary kind, for matching owner references.
    public let kind: GroupVersionKind
    /// Whether primary objects live in namespaces (owner references of namespaced
    /// children then point into the child's namespace).
    public let namespaced: Bool
    public let queue: WorkQueue<ObjectRef>
    public let workers: Int
    public var shutdownGracePeriod: Duration = .seconds(30)
    /// Which changes of primary objects queue their key; all when nil. Changes of
    /// related objects (`owns`, `watches`) always do.
    public var primaryPredicate: ChangePredicate?
    /// Other primary keys a change of a primary object concerns (say, the objects that
    /// depend on it), queued whether or not `primaryPredicate` lets the change through.
    public var primaryRelated: (@Sendable (ObjectChange) async -> [ObjectRef])?
    /// Told about every failed reconcile before its retry is scheduled (for logs, events).
    public var onError: (@Sendable (ObjectRef, any Error) async -> Void)?
    private let reconcile: Reconcile
    private var triggers: [ControllerTrigger] = []

    public init(
        primary: Reflector, kind: GroupVersionKind, namespaced: Bool = true, queue: WorkQueue<ObjectRef> = WorkQueue(), workers: Int = 1,
        reconcile: @escaping Reconcile
    ) {
        self.primary = primary
        self.kind = kind
        self.namespaced = namespaced
        self.queue = queue
        self.workers = max(1, workers)
        self.reconcile = reconcile
    }

    /// Also reconciles the controller owner (a primary `kind`) of every changed object of
    /// `owned`, deletions included.
    public func owns(_ owned: Reflector) -> ControllerLoop {
        let kind = self.kind
        let namespaced = self.namespaced
        return watches(owned) { object in
            ObjectRef.controllerOwner(of: object, kind: kind, ownerNamespaced: namespaced).map { [$0] } ?? []
        }
    }

    /// Also reconciles the primary keys `mapper` finds for every changed object of
    /// `related` (say, the HelmReleases whose values come from a changed ConfigMap).
    public func watches(_ related: Reflector, mapper: @escaping @Sendable (JSONValue) async -> [ObjectRef]) -> ControllerLoop {
        watches(related, changes: { change in await mapper(change.object) })
    }

    /// As `watches(_:mapper:)`, for a mapper that needs to tell a deletion from an update.
    public func watches(_ related: Reflector, changes mapper: @escaping @Sendable (ObjectChange) async -> [ObjectRef]) -> ControllerLoop {
        var copy = self
        copy.triggers.append(ControllerTrigger(reflector: related, map: mapper))
        return copy
    }

    /// Runs until the calling task is cancelled, then shuts down as described above.
    public func run() async {
        var pool: [Task<Void, Never>] = []
        await withTaskGroup(of: Void.self) { group in
            let queue = self.queue
            let predicate = primaryPredicate
            let related = primaryRelated
            group.addTask {
                var filter = predicate.map(ChangeFilter.init)
                for await change in primary.changes() {
                    if let ref = change.ref, filter?.admits(change) ?? true { await queue.add(ref) }
                    for ref in await related?(change) ?? [] { await queue.add(ref) }
                }
            }
            for trigger in triggers {
                group.addTask {
                    for await change in trigger.reflector.changes() {
                        for ref in await trigger.map(change) { await queue.add(ref) }
                    }
                }
            }
            do {
                try await primary.waitForSync()
                for trigger in triggers { try await trigger.reflector.waitForSync() }
            } catch {
                return  // cancelled before the caches filled; the feeders end with it
            }
            // Not child tasks: cancelling `run` must not cut short a reconcile midway.
            pool = (0..<workers).map { _ in Task { await self.work() } }
            // The feeders run until `run` is cancelled.
            await group.waitForAll()
        }
        await queue.shutDown()
        await drain(pool)
    }

    private func work() async {
        while let key = await queue.next() {
            do {
                let action = try await reconcile(key)
                await queue.forget(key)
                if case .requeue(let delay) = action { await queue.add(key, after: delay) }
            } catch {
                await onError?(key, error)
                await queue.addRateLimited(key)
            }
            await queue.done(key)
        }
    }

    /// Waits for running reconciles, for at most the grace period, then cancels them.
    private func drain(_ pool: [Task<Void, Never>]) async {
        guard !pool.isEmpty else { return }
        let grace = shutdownGracePeriod
        // Unstructured so the grace period's sleep is not cut short by `run`'s own
        // cancellation; awaited right here, so it never outlives `run`.
        let drained = Task {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    for worker in pool { await worker.value }
                    return true
                }
                group.addTask {
                    try? await Task.sleep(for: grace)
                    return false
                }
                if await group.next() == false { for worker in pool { worker.cancel() } }
                group.cancelAll()
            }
        }
        await drained.value
    }
}
