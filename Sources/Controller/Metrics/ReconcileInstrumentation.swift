import KubeClient
import KubeObjects

/// Wraps every reconcile of the controller loop in one place: counts it by result, times
/// it, samples the queue depth, and recounts the release's status from the HelmRelease
/// cache. Reading the cache (not the API) adds no request; it may lag the status the
/// reconcile just wrote, but that write comes back as a watch event that queues one more
/// (no-op) reconcile, after which the cache holds it: the gauge converges.
struct ReconcileInstrumentation: Sendable {
    let releases: ObjectCache
    let queue: WorkQueue<ObjectRef>
    let statuses: ReleaseStatusGauge

    func run(_ key: ObjectRef, _ reconcile: @Sendable () async throws -> ReconcileAction) async throws -> ReconcileAction {
        ReconcileMetrics.recordQueueDepth(await queue.count)
        let started = ContinuousClock.now
        let outcome: Result<ReconcileAction, any Error>
        do {
            outcome = .success(try await reconcile())
        } catch {
            outcome = .failure(error)
        }
        let duration = ContinuousClock.now - started
        switch outcome {
        case .success(let action): ReconcileMetrics.record(ReconcileMetrics.result(of: action), duration: duration)
        case .failure: ReconcileMetrics.record(.error, duration: duration)
        }
        await statuses.update(key, from: await releases.get(key))
        ReconcileMetrics.recordQueueDepth(await queue.count)
        return try outcome.get()
    }
}
