import KubeClient
import KubeObjects

extension HelmReleaseReconciler {
    /// A HelmRelease whose `releaseName`, `targetNamespace` or `storageNamespace` changed
    /// names a different Helm release: the one it managed so far is uninstalled first (its
    /// objects would otherwise be left behind, owned by nobody), then the new one is
    /// installed. Returns whether an old release was uninstalled.
    ///
    /// `history` is what is stored under the names the spec asks for now.
    func uninstallMovedRelease(
        _ release: HelmRelease, wanted: ReleaseNames, history: [Release], object: JSONValue, acting: ReconcilerEnvironment
    ) async throws -> Bool {
        let recorded = ReleaseNames.current(release)
        let sameRecords = recorded.release == wanted.release && recorded.storageNamespace == wanted.storageNamespace
        let oldStore = ReleaseStore(
            client: acting.client, namespace: recorded.storageNamespace, driver: release.spec.storage ?? .secret,
            writer: ReleaseWriter.value(release))
        let oldHistory = sameRecords ? history : try await oldStore.history(recorded.release)
        guard let oldLatest = oldHistory.last, oldLatest.info.status != .uninstalled else { return false }
        // Same records, same namespace: nothing moved.
        if sameRecords && oldLatest.namespace == wanted.targetNamespace { return false }
        var old = recorded
        old.targetNamespace = oldLatest.namespace
        let outcome = try await UninstallAction(environment: acting, release: release, names: old, store: oldStore).run()
        record(
            object, .normal, ReleaseReason.uninstallSucceeded,
            "Uninstalled release \(old.storageNamespace)/\(old.release) (objects in \(old.targetNamespace), \(outcome.deleted) deleted) "
                + "before installing it as \(wanted.storageNamespace)/\(wanted.release) in \(wanted.targetNamespace)")
        return true
    }
}
