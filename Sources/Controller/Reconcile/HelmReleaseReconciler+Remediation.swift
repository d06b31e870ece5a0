import Foundation
import KubeClient
import KubeObjects

/// What the remediation step needs of the reconcile it follows.
struct RemediationContext {
    let release: HelmRelease
    let names: ReleaseNames
    let store: ReleaseStore
    /// The HelmRelease as read, for Events.
    let object: JSONValue
    /// The history after the attempt, oldest first.
    let history: [Release]
    /// Who the release's objects are written as.
    let acting: ReconcilerEnvironment
}

extension HelmReleaseReconciler {
    /// After an install or upgrade: a success clears the failure counters; a recorded
    /// failure is counted, undone when the policy says so (`RemediationAction`), and
    /// followed by another attempt after a backoff while retries remain, else by `Stalled`.
    func remediate(
        _ outcome: ReleaseDeployment.Outcome, action: NextAction, policy: RemediationPolicy, status: inout HelmReleaseStatus,
        next: inout ReconcileAction, interval: Duration, rereadHistory: inout Bool, context: RemediationContext
    ) async throws {
        var conditions = status.conditions ?? []
        let generation = context.release.metadata.generation
        let now = environment.kubeNow
        if outcome.succeeded {
            status.installFailures = nil
            status.upgradeFailures = nil
            ReleaseConditions.remove(&conditions, type: ConditionType.remediated)
            status.conditions = conditions
            return
        }
        // A render error recorded nothing: there is nothing to undo, and it is stalled already.
        guard outcome.revision != nil else { return }
        let hasDeployed = context.history.contains { $0.info.status == .superseded || $0.info.status == .deployed }
        let phase: RemediationPolicy.Phase
        switch action {
        case .install: phase = .install
        case .upgrade: phase = hasDeployed ? .upgrade : .install
        default: return  // a GitOps rollback is the user's own remedy
        }
        let failures: Int
        switch phase {
        case .install:
            failures = (status.installFailures ?? 0) + 1
            status.installFailures = failures
        case .upgrade:
            failures = (status.upgradeFailures ?? 0) + 1
            status.upgradeFailures = failures
        }
        if policy.remediates(phase) {
            let result = try await RemediationAction(
                environment: context.acting, release: context.release, names: context.names, store: context.store
            ).run(phase, policy: policy, history: context.history)
            rereadHistory = true
            record(context.object, result.succeeded ? .normal : .warning, result.reason, result.message)
            ReleaseConditions.set(
                &conditions, type: ConditionType.remediated, status: result.succeeded ? .true : .false, reason: result.reason,
                message: result.message, generation: generation, now: now)
        }
        if policy.mayRetry(phase, failures: failures) {
            next = .requeue(after: RemediationPolicy.backoff(afterFailures: failures, interval: interval))
        } else {
            let what = phase == .install ? "install" : "upgrade"
            ReleaseConditions.set(
                &conditions, type: ConditionType.stalled, status: .true, reason: ReleaseReason.retriesExceeded,
                message: "\(failures) failed \(what) attempt(s), retries exhausted (\(policy.retries(phase)) allowed); change the spec or set the annotation \(ReconcileRequest.annotation) to try again",
                generation: generation, now: now)
        }
        status.conditions = conditions
    }

    /// `interval` give or take 5%, so releases applied together do not resync together.
    static func jittered(_ interval: Duration) -> Duration {
        interval * Double.random(in: 0.95...1.05)
    }
}
