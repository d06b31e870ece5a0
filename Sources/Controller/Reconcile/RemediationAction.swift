/// Undoes a failed install or upgrade before the next attempt (`RemediationPolicy`): a
/// failed install is uninstalled; a failed upgrade is rolled back to the last deployed
/// revision (a new revision, as `helm rollback` makes) or uninstalled, as the strategy says.
/// An upgrade with no deployed revision to return to is uninstalled.
struct RemediationAction {
    let environment: ReconcilerEnvironment
    let release: HelmRelease
    let names: ReleaseNames
    let store: ReleaseStore

    struct Outcome {
        var succeeded: Bool
        var reason: String
        var message: String
    }

    /// `history`: what is stored after the failed attempt, oldest first.
    func run(_ phase: RemediationPolicy.Phase, policy: RemediationPolicy, history: [Release]) async throws -> Outcome {
        if phase == .upgrade, policy.upgradeStrategy == .rollback, let latest = history.last,
            // The last revision that was deployed before the failed one: still `deployed` after
            // a failed upgrade, `superseded` when the failure was the new revision's tests.
            let target = history.last(where: { ($0.info.status == .deployed || $0.info.status == .superseded) && $0.version < latest.version })
        {
            let deployment = ReleaseDeployment(environment: environment, release: release, names: names, store: store, kind: .rollback(to: target.version))
            if let outcome = try await deployment.rollback(to: target, revision: latest.version + 1, history: history) {
                return Outcome(
                    succeeded: outcome.succeeded, reason: outcome.reason,
                    message: outcome.succeeded
                        ? "Rolled back to revision \(target.version) after the failed upgrade (revision \(latest.version + 1))"
                        : "Remediation failed: \(outcome.message)")
            }
        }
        let uninstalled = try await UninstallAction(environment: environment, release: release, names: names, store: store).run()
        let what = phase == .install ? "install" : "upgrade"
        return Outcome(
            succeeded: true, reason: ReleaseReason.uninstallSucceeded,
            message: "Uninstalled the release after the failed \(what) (\(uninstalled.deleted) objects deleted)")
    }
}
