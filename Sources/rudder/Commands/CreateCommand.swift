import ArgumentParser
import Charts
import Foundation

/// `rudder create NAME`: a new chart folder, as `helm create` makes it.
struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a new chart with the given name, as `helm create` does.",
        discussion: """
            Writes NAME/ with Chart.yaml, values.yaml, .helmignore, charts/ and templates for a \
            Deployment, Service, ServiceAccount, Ingress, HTTPRoute, HorizontalPodAutoscaler, \
            NOTES.txt and a test. With --starter, the starter chart is copied instead.
            """)

    @Argument(help: "The chart's name; a path makes the chart there, named after its last element.")
    var name: String

    @Option(name: [.customShort("p"), .long], help: "A starter chart (a path, or a name under Helm's starters folder).")
    var starter: String?

    func run() throws {
        print("Creating \(name)")
        let chartName = GoFilePath.base(name)
        let parent = GoFilePath.dir(name)
        do {
            if let starter {
                _ = try ChartScaffold.create(name: chartName, in: parent, starter: Self.starterPath(starter))
            } else {
                let (_, warnings) = try ChartScaffold.create(name: chartName, in: parent)
                for w in warnings { print(w) }
            }
        } catch {
            throw helmStyleFailure(error)
        }
    }

    /// Helm looks a relative starter up in `$HELM_DATA_HOME/starters`.
    static func starterPath(_ starter: String) -> String {
        if starter.hasPrefix("/") { return starter }
        let env = ProcessInfo.processInfo.environment
        let data = env["HELM_DATA_HOME"]
            ?? (env["XDG_DATA_HOME"].map { $0 + "/helm" } ?? (env["HOME"] ?? "") + "/.local/share/helm")
        return data + "/starters/" + starter
    }
}
