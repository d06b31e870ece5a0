import ArgumentParser
import ChartSources
import Controller
import Foundation
import KubeClient
import KubeObjects
import Values

#if canImport(Glibc)
import Glibc
#endif

/// `rudder diff NAME`: what the next reconcile of a HelmRelease would change, object by
/// object, as `kubectl diff` shows it: the live object against the API server's dry run
/// of the apply, and the objects that would be pruned. Exits 0 when nothing would change,
/// 1 when something would (kubectl's convention), more on an error.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show what the next reconcile of a release would change (server-side dry run).")

    @Argument(help: "The release (and HelmRelease) name.")
    var name: String

    @OptionGroup var cluster: ReleaseClusterOptions

    @Option(name: .customLong("cache-dir"), help: "Where downloaded charts and repository indexes are kept.")
    var cacheDirectory: String?

    func run() async throws {
        let plan: ReleasePlan
        do {
            let cluster = try self.cluster.connect()
            let (_, release) = try await cluster.helmRelease(name)
            let cache = cacheDirectory.map { ChartCache(root: $0) } ?? ChartCache.makeDefault()
            let environment = ReconcilerEnvironment(
                client: cluster.client, mapper: RESTMapper(client: cluster.client), fetcher: ChartFetcher(cache: cache))
            plan = try await ReleasePlanner(environment: environment).plan(release)
        } catch {
            throw helmStyleFailure(error)
        }
        print(try Self.render(plan), terminator: "")
        if plan.hasChanges { throw ExitCode(1) }
    }

    static func render(_ plan: ReleasePlan) throws -> String {
        var out = ""
        for change in plan.changes where change.action != .unchanged {
            let old = try change.live.map(yaml) ?? ""
            let new = try change.planned.map(yaml) ?? ""
            out += "--- \(change.object) (live)\n+++ \(change.object) (\(change.action.rawValue) by the next reconcile)\n"
            out += UnifiedDiff(old: old, new: new).hunks
        }
        if out.isEmpty { return "" }
        let head = plan.revision.map { "# the next reconcile: \(plan.reason), revision \($0)\n" } ?? ""
        return head + out
    }

    /// An object as YAML, keys sorted (sigs.k8s.io/yaml's output).
    static func yaml(_ object: JSONValue) throws -> String {
        let text = try YAML.encode(try YAML.decode(object.serialized()))
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
