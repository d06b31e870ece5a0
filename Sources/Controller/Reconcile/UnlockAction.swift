import Values

/// A revision left `pending-*` by an interrupted Rudder: marked failed, so the next decision
/// retries the action instead of waiting on a lock nobody holds.
struct UnlockAction {
    let store: ReleaseStore
    let environment: ReconcilerEnvironment

    func run(_ pending: Release) async throws {
        var record = pending
        record.info.status = .failed
        record.info.lastDeployed = environment.goNow
        record.info.description = "Left \(pending.info.status.rawValue) by an interrupted controller; marked failed so it can be retried"
        try await store.update(record)
    }
}
