import ArgumentParser

@main
struct Rudder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rudder",
        abstract: "A Kubernetes controller and CLI for Helm charts.",
        discussion: """
            Rudder reconciles HelmRelease objects and renders charts exactly as Helm does. \
            The same binary is the chart client.
            """,
        subcommands: [TemplateCommand.self, VersionCommand.self, ConformanceCommand.self, DependencyCommand.self]
            + [RepoCommand.self]
            + [PackageCommand.self]
    )
}
