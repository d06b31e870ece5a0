import Values

/// A reconcile's decision from what it observed: whether the stored release is what the
/// spec asks for, whether a failed attempt may be repeated, whether another client's lock
/// has expired, hence the one `NextAction`; and whether remediation retries still allow
/// that action.
struct ReleaseDecision {
    let action: NextAction
    let policy: RemediationPolicy
    /// Set when the action is an attempt the retries no longer allow: the failures so far.
    let exhausted: (phase: RemediationPolicy.Phase, failures: Int)?

    /// How long another client's `pending-*` revision is taken for a Helm run in progress:
    /// longer than any `--timeout` in common use; after it, the client is taken to be gone
    /// and the revision is unlocked like one of our own.
    static let foreignLockExpiry: Int64 = 15 * 60

    /// `history` oldest first; `request` a `helm.rudder.dev/requestedAt` not handled yet.
    init(
        release: HelmRelease, status: HelmReleaseStatus, history: [Release], chart: ResolvedChart, values: ReleaseValues, request: String?,
        now: GoTime
    ) {
        let latest = history.last
        let rollbackTo = release.spec.rollback?.toRevision
        var matchesSpec = false
        if let latest {
            if let to = rollbackTo {
                matchesSpec = latest.info.description == "Rollback to \(to)"
            } else {
                let snapshotDigest = status.history?.first { $0.revision == latest.version }?.digest
                matchesSpec = status.observedPostRenderersDigest == PostRendering(release.spec).digest
                    && latest.chart?.metadata.name == chart.chart.name
                    && latest.chart?.metadata.version == chart.chart.metadata.version
                    && ReleaseValues(values: latest.config).digest == values.digest
                    && (snapshotDigest == nil || snapshotDigest == chart.digest)
            }
        }
        let heldByUs = latest.map { $0.writer == ReleaseWriter.value(release) } ?? false
        let policy = RemediationPolicy(spec: release.spec)
        let hasDeployed = history.contains { $0.info.status == .deployed || $0.info.status == .superseded }
        let failedPhase: RemediationPolicy.Phase = hasDeployed ? .upgrade : .install
        let phaseFailures = (failedPhase == .install ? status.installFailures : status.upgradeFailures) ?? 0
        // A failed attempt at the same spec is repeated after an interrupted run, on a
        // person's request, or while remediation retries remain.
        let retryFailed = latest.map(UnlockAction.wasUnlocked) ?? false || request != nil
            || (latest?.info.status == .failed && policy.remediates(failedPhase) && phaseFailures > 0
                && policy.mayRetry(failedPhase, failures: phaseFailures))
        let lockExpired = latest.map { now.seconds - ($0.info.lastDeployed ?? $0.info.firstDeployed ?? now).seconds > Self.foreignLockExpiry } ?? false
        let action = NextAction.decide(
            deleting: false, latest: latest.map { StoredRevision(version: $0.version, status: $0.info.status.rawValue) },
            rollbackTo: rollbackTo, matchesSpec: matchesSpec, heldByUs: heldByUs, retryFailed: retryFailed, lockExpired: lockExpired)

        // Retries used up: no new attempt until the spec changes or a person asks.
        var exhausted: (phase: RemediationPolicy.Phase, failures: Int)?
        switch action {
        case .install:
            if let n = status.installFailures, n > 0, !policy.mayRetry(.install, failures: n) { exhausted = (.install, n) }
        case .upgrade:
            if let n = status.upgradeFailures, n > 0, !policy.mayRetry(.upgrade, failures: n) { exhausted = (.upgrade, n) }
        default:
            break
        }
        self.action = action
        self.policy = policy
        self.exhausted = exhausted
    }
}
