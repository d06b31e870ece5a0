import Controller
import Foundation
import KubeClient

/// What `rudder status` prints (and `install`/`upgrade`/`rollback --wait` after success):
/// Helm's `helm status` header for the newest revision, the HelmRelease's conditions, and
/// the NOTES of the newest stored release record.
struct ReleaseStatusReport {
    var release: HelmRelease
    /// The rendered NOTES.txt of the newest revision ("" when none).
    var notes: String

    /// Reads the NOTES through the release history the controller keeps (Helm's format),
    /// where the status says the release lives. A history that cannot be read leaves the
    /// notes out with a warning: the HelmRelease's own status is still worth showing.
    static func load(_ release: HelmRelease, in cluster: ReleaseCluster) async -> ReleaseStatusReport {
        guard release.status?.history?.isEmpty == false else { return ReleaseStatusReport(release: release, notes: "") }
        let names = ReleaseNames.current(release)
        let store = ReleaseStore(client: cluster.client, namespace: names.storageNamespace, driver: release.spec.storage ?? .secret)
        do {
            let latest = try await store.latest(names.release)
            return ReleaseStatusReport(release: release, notes: latest?.info.notes ?? "")
        } catch {
            FileHandle.standardError.write(Data("WARNING: cannot read the notes of \(names.storageNamespace)/\(names.release): \(error)\n".utf8))
            return ReleaseStatusReport(release: release, notes: "")
        }
    }

    var text: String {
        let latest = release.status?.history?.first
        var out = "NAME: \(release.metadata.name ?? "")\n"
        if let latest {
            out += "LAST DEPLOYED: \(ReleaseTimeFormat.ansic(latest.lastDeployed))\n"
        }
        out += "NAMESPACE: \(release.metadata.namespace ?? "")\n"
        if let latest {
            out += "STATUS: \(latest.status)\n"
            out += "REVISION: \(latest.revision)\n"
            out += "CHART: \(latest.chartName)-\(latest.chartVersion)\n"
            if let app = latest.appVersion, !app.isEmpty { out += "APP VERSION: \(app)\n" }
            if let description = latest.description, !description.isEmpty { out += "DESCRIPTION: \(description)\n" }
        } else {
            out += "STATUS: no revision yet\n"
        }
        if let pinned = release.spec.rollback?.toRevision { out += "ROLLBACK TO: \(pinned) (spec.rollback.toRevision)\n" }
        let conditions = release.status?.conditions ?? []
        if !conditions.isEmpty {
            out += "CONDITIONS:\n"
            var rows = [["TYPE", "STATUS", "REASON", "MESSAGE"]]
            for c in conditions { rows.append([c.type, c.status.rawValue, c.reason, c.message]) }
            out += ReleaseTable.render(rows, maxColumnWidth: 0)
        }
        let trimmed = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { out += "NOTES:\n\(trimmed)\n" }
        return out
    }
}
