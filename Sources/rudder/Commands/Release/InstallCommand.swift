import ArgumentParser

/// `rudder install NAME CHART`: creates the HelmRelease NAME; the controller installs it.
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Install a chart by creating a HelmRelease.",
        discussion: """
            CHART is a chart name with --repo URL (HTTP(S) or oci://), oci://REGISTRY/PATH/NAME, or REPO/NAME \
            of a repository added with helm repo add. The values (-f, --set…) go into spec.values. The controller \
            does the install; --wait follows it until the HelmRelease is Ready.
            """)

    @Argument(help: "The release (and HelmRelease) name.")
    var name: String

    @Argument(help: "The chart.")
    var chart: String

    @OptionGroup var options: ReleaseSpecOptions
    @OptionGroup var cluster: ReleaseClusterOptions

    func run() async throws {
        do {
            try await ReleaseSpecCommandRun(name: name, chart: chart, options: options, cluster: cluster, mode: .install).run()
        } catch {
            throw helmStyleFailure(error)
        }
    }
}
