import KubeClient
import KubeObjects

/// Wraps every reconcile of the controller loop in one place: counts it by result, times
/// it and samples the queue depth. (The release status gauge follows the HelmRelease
/// watch itself: a reconcile's own status write queues no further reconcile.)
struct ReconcileInstrumentation: Sendable {
    let queue: WorkQueue<ObjectRef>

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
        ReconcileMetrics.recordQueueDepth(await queue.count)
        return try outcome.get()
    }
}
