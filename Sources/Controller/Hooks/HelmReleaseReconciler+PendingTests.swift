import KubeClient
import KubeObjects

extension HelmReleaseReconciler {
    /// `spec.test.enable` turned on for a revision deployed without tests: its test hooks
    /// run now, as `helm test` would, rather than waiting for the next revision. Returns
    /// how they went (nil when there was nothing to run); the revision is updated with the
    /// runs and stays deployed whatever the result.
    func runPendingTests(
        _ deployed: Release, release: HelmRelease, names: ReleaseNames, store: ReleaseStore, acting: ReconcilerEnvironment
    ) async throws -> (outcome: ReleaseTestOutcome, record: Release)? {
        guard release.spec.test?.enable == true, deployed.info.status == .deployed, deployed.hasHooks(at: .test),
            deployed.testHookPhases.isEmpty
        else { return nil }
        var record = deployed
        let timeout = GoDurationText.parse(release.spec.timeout, default: .seconds(300))
        let runner = HookRunner(environment: acting, timeout: timeout)
        let name = "\(names.storageNamespace)/\(names.release).v\(deployed.version)"
        var outcome = ReleaseTestOutcome(
            failure: nil, releasedReason: ReleaseReason.upToDate, releasedMessage: "Release \(name) is deployed",
            message: "Helm test succeeded for release \(name)")
        do {
            try await runner.run(.test, on: &record, record: { try await store.update($0) })
        } catch {
            outcome.failure = "\(error)"
            outcome.message = "Helm test failed for release \(name): \(error)"
        }
        try await store.update(record)
        return (outcome, record)
    }
}
