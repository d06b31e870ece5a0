import ArgumentParser
import Controller
import KubeClient

/// `rudder list`: `helm list`'s table from HelmRelease objects and their `status.history`,
/// with the Ready condition as a last column.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List releases (HelmRelease objects).", aliases: ["ls"])

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List releases of every namespace.")
    var allNamespaces = false

    @OptionGroup var cluster: ReleaseClusterOptions

    func run() async throws {
        do {
            let cluster = try self.cluster.connect()
            let objects = try await cluster.releases(in: allNamespaces ? nil : cluster.namespace).listAll().items
            let releases = try objects.map { try $0.decode(HelmRelease.self) }
            print(Self.table(releases), terminator: "")
        } catch {
            throw helmStyleFailure(error)
        }
    }

    /// Sorted by name, then namespace, as Helm sorts.
    static func table(_ releases: [HelmRelease]) -> String {
        var rows = [["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "READY"]]
        let sorted = releases.sorted {
            ($0.metadata.name ?? "", $0.metadata.namespace ?? "") < ($1.metadata.name ?? "", $1.metadata.namespace ?? "")
        }
        for release in sorted {
            let latest = release.status?.history?.first
            let ready = release.status?.conditions?.first { $0.type == ConditionType.ready }?.status.rawValue ?? ConditionStatus.unknown.rawValue
            rows.append([
                release.metadata.name ?? "", release.metadata.namespace ?? "", latest.map { String($0.revision) } ?? "",
                ReleaseTimeFormat.list(latest?.lastDeployed), latest?.status ?? "",
                latest.map { "\($0.chartName)-\($0.chartVersion)" } ?? "", latest?.appVersion ?? "", ready,
            ])
        }
        return ReleaseTable.render(rows)
    }
}
