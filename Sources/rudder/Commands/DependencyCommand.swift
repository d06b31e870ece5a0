import ArgumentParser
import ChartSources
import Charts
import Foundation
import Glibc

/// `rudder dependency list|update|build [CHART]`: Helm's `helm dependency`, managing
/// the charts a chart depends on in its `charts/` folder.
struct DependencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dependency", abstract: "Manage a chart's dependencies.",
        subcommands: [DependencyListCommand.self, DependencyUpdateCommand.self, DependencyBuildCommand.self],
        aliases: ["dep", "dependencies"]
    )
}

/// The flags `update` and `build` share, named as Helm names them.
struct DependencyFetchOptions: ParsableArguments {
    @Argument(help: "The chart folder.")
    var chart = "."

    @Flag(help: "Do not refresh the local repository cache.")
    var skipRefresh = false

    @Option(help: "Path to the file containing repository names and URLs (default: Helm's repositories.yaml).")
    var repositoryConfig: String?

    @Option(help: "Path to the folder containing cached repository indexes (default: Rudder's cache).")
    var repositoryCache: String?

    func manager() -> DependencyManager {
        let env: (String) -> String? = { name in
            guard let v = getenv(name) else { return nil }
            let s = String(cString: v)
            return s.isEmpty ? nil : s
        }
        let config = repositoryConfig ?? RepositoriesFile.defaultPath(environment: env)
        let cache = ChartCache(root: ChartCache.defaultRoot(environment: env), indexDirectory: repositoryCache)
        var m = DependencyManager(
            chartPath: chart, repositoryConfig: config, cache: cache,
            packageChart: { folder, destination in
                let time = try ChartSaver.modificationTime(environment: ProcessInfo.processInfo.environment)
                return try ChartPackager(destination: destination, modificationTime: time).package(folder)
            })
        m.skipRefresh = skipRefresh
        return m
    }
}

struct DependencyListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the dependencies of a chart and their status.", aliases: ["ls"])

    @Argument(help: "The chart folder or archive.")
    var chart = "."

    @Option(help: "Maximum column width of the output table.")
    var maxColWidth = 80

    func run() throws {
        do { print(try DependencyList(chartPath: chart, maxColumnWidth: maxColWidth).render(), terminator: "") } catch {
            throw CommandFailure(error.description)
        }
    }
}

struct DependencyUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Update charts/ from the dependencies in Chart.yaml and write the lock.",
        aliases: ["up"])

    @OptionGroup var options: DependencyFetchOptions

    func run() throws {
        do { try options.manager().update() } catch { throw CommandFailure(error.description) }
    }
}

struct DependencyBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Rebuild charts/ from the lock file.")

    @OptionGroup var options: DependencyFetchOptions

    func run() throws {
        do { try options.manager().build() } catch { throw CommandFailure(error.description) }
    }
}
