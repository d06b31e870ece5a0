import ArgumentParser

/// `rudder repo …`: working with chart repositories, as `helm repo` does. Each
/// subcommand lives in its own file (`RepoIndexCommand.swift`, …).
struct RepoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repo", abstract: "Work with chart repositories.",
        subcommands: [RepoIndexCommand.self]
    )
}
