import Values

/// `status.history`: the stored revisions, newest first, as `helm history` shows them, with
/// the chart digest Rudder knows for the revisions it made.
enum ReleaseHistoryStatus {
    static func snapshots(_ history: [Release], previous: [ReleaseSnapshot], chartDigests: [Int: String], limit: Int) -> [ReleaseSnapshot] {
        var out: [ReleaseSnapshot] = []
        for release in history.reversed() {
            var s = ReleaseSnapshot(
                revision: release.version, chartName: release.chart?.metadata.name ?? "", chartVersion: release.chart?.metadata.version ?? "",
                status: release.info.status.rawValue)
            let appVersion = release.chart?.metadata.appVersion ?? ""
            s.appVersion = appVersion.isEmpty ? nil : appVersion
            s.firstDeployed = release.info.firstDeployed.map(format)
            s.lastDeployed = release.info.lastDeployed.map(format)
            s.deleted = release.info.deleted.map(format)
            s.description = release.info.description
            s.configDigest = ReleaseValues(values: release.config).digest
            let tests = release.testHookPhases
            s.testHooks = tests.isEmpty ? nil : tests
            s.digest = chartDigests[release.version] ?? previous.first { $0.revision == release.version }?.digest
            out.append(s)
            if limit > 0 && out.count >= limit { break }
        }
        return out
    }

    static func format(_ time: GoTime) -> String { time.format(GoTimeLayout.rfc3339) }
}
