import ArgumentParser
import Foundation

@main
struct Rudder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rudder",
        abstract: "A Kubernetes controller and CLI for Helm charts.",
        discussion: """
            Rudder reconciles HelmRelease objects and renders charts exactly as Helm does. \
            The same binary is the chart client.
            """,
        subcommands: [
            CreateCommand.self, TemplateCommand.self, LintCommand.self, PackageCommand.self, ShowCommand.self,
            DependencyCommand.self, RepoCommand.self, DevCommand.self, CompletionCommand.self, VersionCommand.self,
            InstallCommand.self, UpgradeCommand.self, RollbackCommand.self, UninstallCommand.self, ListCommand.self, StatusCommand.self, DiffCommand.self,
            HistoryCommand.self, ControllerCommand.self, ConformanceCommand.self, BenchCommand.self, GenCRDsCommand.self,
            PluginCommand.self,
        ]
    )

    /// Plugins first: swift-argument-parser rejects a subcommand it does not know, so
    /// `rudder NAME` for an installed plugin (and the plugins part of the help) is handled
    /// before it parses.
    static func main() async {
        if let status = PluginDispatch.handle(Array(CommandLine.arguments.dropFirst())) {
            Foundation.exit(status)
        }
        await main(nil)
    }
}
