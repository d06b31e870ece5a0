import ArgumentParser
import Controller

/// `rudder history NAME`: `helm history`'s table (oldest first) from the HelmRelease's
/// `status.history`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a release's revisions.", aliases: ["hist"])

    @Argument(help: "The release (and HelmRelease) name.")
    var name: String

    @Option(help: "At most this many revisions (the newest).")
    var max = 256

    @OptionGroup var cluster: ReleaseClusterOptions

    func run() async throws {
        do {
            let cluster = try self.cluster.connect()
            let (_, release) = try await cluster.helmRelease(name)
            print(Self.table(release, max: max), terminator: "")
        } catch {
            throw helmStyleFailure(error)
        }
    }

    static func table(_ release: HelmRelease, max: Int) -> String {
        var rows = [["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"]]
        for s in (release.status?.history ?? []).prefix(Swift.max(0, max)).reversed() {
            rows.append([
                String(s.revision), ReleaseTimeFormat.ansic(s.lastDeployed), s.status, "\(s.chartName)-\(s.chartVersion)",
                s.appVersion ?? "", s.description ?? "",
            ])
        }
        return ReleaseTable.render(rows)
    }
}
