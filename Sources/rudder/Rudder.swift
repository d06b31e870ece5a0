import ArgumentParser

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
        ]
    )
}
