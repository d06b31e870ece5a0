import ArgumentParser

/// `rudder upgrade NAME CHART`: sets the HelmRelease's chart and values (and ends a
/// rollback pin); the controller makes the new revision.
struct UpgradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade", abstract: "Upgrade a release by editing its HelmRelease.",
        discussion: """
            Replaces spec.chart and spec.values with CHART and the values given (as helm upgrade without \
            --reuse-values) and removes spec.rollback. --install creates the HelmRelease when there is none.
            """)

    @Argument(help: "The release (and HelmRelease) name.")
    var name: String

    @Argument(help: "The chart.")
    var chart: String

    @Flag(name: [.customShort("i"), .long], help: "Create the HelmRelease if it does not exist.")
    var install = false

    @OptionGroup var options: ReleaseSpecOptions
    @OptionGroup var cluster: ReleaseClusterOptions

    func run() async throws {
        do {
            try await ReleaseSpecCommandRun(name: name, chart: chart, options: options, cluster: cluster, mode: .upgrade(install: install)).run()
        } catch {
            throw helmStyleFailure(error)
        }
    }
}
