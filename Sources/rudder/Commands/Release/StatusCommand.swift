import ArgumentParser

/// `rudder status NAME`: the newest revision as `helm status` shows it, the HelmRelease's
/// conditions, and the release's NOTES.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a release's status, conditions and notes.")

    @Argument(help: "The release (and HelmRelease) name.")
    var name: String

    @OptionGroup var cluster: ReleaseClusterOptions

    func run() async throws {
        do {
            let cluster = try self.cluster.connect()
            let (_, release) = try await cluster.helmRelease(name)
            print(await ReleaseStatusReport.load(release, in: cluster).text, terminator: "")
        } catch {
            throw helmStyleFailure(error)
        }
    }
}
