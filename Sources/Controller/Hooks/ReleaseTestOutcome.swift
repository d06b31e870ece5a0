import KubeClient

/// How the test hooks (`spec.test.enable`) of a freshly deployed revision went, and what
/// the conditions say about it, as Flux's helm-controller reports tests: `TestSuccess`
/// True or False, and on failure `Ready=False` with reason `TestFailed` while the revision
/// stays deployed (`Released=True`).
struct ReleaseTestOutcome: Sendable, Equatable {
    /// The failure (naming the test that failed), nil when every test passed.
    var failure: String?
    /// What `Released` says: the deployment itself succeeded.
    var releasedReason: String
    var releasedMessage: String
    var message: String

    var passed: Bool { failure == nil }

    /// Sets `TestSuccess`, and `Released` back to the deployment's success that a failed
    /// test does not undo; `Ready` is the reconciler's (from the outcome's reason).
    func apply(to conditions: inout [Condition], generation: Int64?, now: Time) {
        ReleaseConditions.set(
            &conditions, type: ConditionType.tested, status: passed ? .true : .false,
            reason: passed ? ReleaseReason.testSucceeded : ReleaseReason.testFailed, message: message, generation: generation, now: now)
        ReleaseConditions.set(
            &conditions, type: ConditionType.released, status: .true, reason: releasedReason, message: releasedMessage,
            generation: generation, now: now)
    }

    /// A reconcile that finds the release as the spec wants it would call it Ready; a
    /// deployed revision whose tests failed is not, until a new revision or a passing run.
    /// The Ready condition of the failed test is kept as it was (same transition time), so
    /// the status this writes is the one already stored.
    static func holdFailure(
        _ conditions: inout [Condition], original: [Condition], latest: Release, testsEnabled: Bool, generation: Int64?, now: Time
    ) {
        guard testsEnabled, latest.info.status == .deployed,
            let failed = latest.testHookPhases.filter({ $0.value == HookPhase.failed }).keys.sorted().first
        else { return }
        if var kept = original.first(where: { $0.type == ConditionType.ready && $0.reason == ReleaseReason.testFailed && $0.status == .false }),
            let i = conditions.firstIndex(where: { $0.type == ConditionType.ready })
        {
            kept.observedGeneration = generation
            conditions[i] = kept
        } else {
            ReleaseConditions.set(
                &conditions, type: ConditionType.ready, status: .false, reason: ReleaseReason.testFailed,
                message: "test hook \(failed) of revision \(latest.version) failed", generation: generation, now: now)
        }
    }
}
