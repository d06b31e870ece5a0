import Charts

extension ReleaseDeployment {
    /// Deploys stored revision `target` again as `revision` (a GitOps rollback or a
    /// remediation): its chart and values, or, for a Helm-made record without its
    /// subcharts, its manifest as Helm's own rollback reuses it. nil when the record holds
    /// no chart to roll back to.
    func rollback(
        to target: Release, revision: Int, history: [Release], started: (Int) async throws -> Void = { _ in }
    ) async throws -> Outcome? {
        guard let stored = target.chart else { return nil }
        let storedManifest = stored.missingSubcharts.isEmpty ? nil : target.manifest
        return try await run(
            chart: Chart(stored), values: target.config, revision: revision, history: history, storedManifest: storedManifest, started: started)
    }
}
