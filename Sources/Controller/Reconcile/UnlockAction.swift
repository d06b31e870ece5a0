import Values

/// A revision left `pending-*` by an interrupted Rudder: marked failed, so the next decision
/// retries the action instead of waiting on a lock nobody holds.
struct UnlockAction {
    /// How an unlocked revision's description starts: the decision retries such a failure
    /// (the action never ran to its end) where it leaves other failures until the spec changes.
    static let descriptionPrefix = "Left "

    static func wasUnlocked(_ release: Release) -> Bool {
        release.info.status == .failed && release.info.description.hasPrefix(descriptionPrefix + "pending-")
    }

    let store: ReleaseStore
    let environment: ReconcilerEnvironment

    func run(_ pending: Release) async throws {
        var record = pending
        record.info.status = .failed
        record.info.lastDeployed = environment.goNow
        record.info.description = "\(Self.descriptionPrefix)\(pending.info.status.rawValue) by an interrupted controller; marked failed so it can be retried"
        try await store.update(record)
    }
}
