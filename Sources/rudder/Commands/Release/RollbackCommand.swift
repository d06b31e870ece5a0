import ArgumentParser
import Controller
import KubeClient
import KubeObjects

/// `rudder rollback NAME REVISION`: pins `spec.rollback.toRevision`, the GitOps rollback;
/// the controller makes a new revision equal to REVISION (description `Rollback to N`) and
/// keeps it until the pin is cleared (`--clear`, or the next `rudder upgrade`).
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Roll a release back by setting spec.rollback.toRevision.",
        discussion: "REVISION 0 (or none) is the revision before the newest, as in helm rollback.")

    @Argument(help: "The release (and HelmRelease) name.")
    var name: String

    @Argument(help: "The revision to roll back to.")
    var revision: Int?

    @Flag(help: "Remove spec.rollback: the release returns to spec.chart and spec.values.")
    var clear = false

    @Flag(help: "Wait until the controller reports the HelmRelease Ready (exit 1 if it fails).")
    var wait = false

    @Option(help: "How long to wait (a Go duration).")
    var timeout: String?

    @OptionGroup var cluster: ReleaseClusterOptions

    func validate() throws {
        if clear, revision != nil { throw ValidationError("--clear takes no REVISION") }
        if let revision, revision < 0 { throw ValidationError("REVISION must be positive") }
    }

    func run() async throws {
        do {
            try await rollback()
        } catch {
            throw helmStyleFailure(error)
        }
    }

    private func rollback() async throws {
        let timeout = try ReleaseWait.duration(timeout, flag: "--timeout")
        let cluster = try self.cluster.connect()
        let (_, release) = try await cluster.helmRelease(name)
        let written: JSONValue
        if clear {
            written = try await ReleaseSpecWriter.patchSpec(name, ["rollback": .null], in: cluster)
        } else {
            let target = try await Self.target(revision ?? 0, of: release, in: cluster)
            written = try await ReleaseSpecWriter.patchSpec(name, ["rollback": ["toRevision": .int(Int64(target))]], in: cluster)
        }
        let generation = written[path: ["metadata", "generation"]]?.intValue ?? 1
        guard wait else {
            if clear {
                print("Release \"\(name)\": spec.rollback removed; the controller returns to spec.chart (generation \(generation)).")
            } else {
                print("Release \"\(name)\": rollback requested (spec.rollback.toRevision set, generation \(generation)).")
            }
            return
        }
        let ready = try await ReleaseWait.untilReady(name, generation: generation, in: cluster, timeout: timeout)
        print(clear ? "Rollback cleared. Happy Helming!" : "Rollback was a success! Happy Helming!")
        print(await ReleaseStatusReport.load(ready, in: cluster).text, terminator: "")
    }

    /// The revision to pin: `requested`, or for 0 the one before the newest; it must be in
    /// `status.history` or in the stored history (which may keep more than the status shows).
    static func target(_ requested: Int, of release: HelmRelease, in cluster: ReleaseCluster) async throws -> Int {
        let names = ReleaseNames.current(release)
        let shown = (release.status?.history ?? []).map(\.revision)
        var known = Set(shown)
        let store = ReleaseStore(client: cluster.client, namespace: names.storageNamespace, driver: release.spec.storage ?? .secret)
        let wanted = requested == 0 ? (known.max() ?? 0) - 1 : requested
        if !known.contains(wanted) {
            // Helm's history is the store; the status keeps only the newest maxHistory.
            if let stored = try? await store.history(names.release) { known.formUnion(stored.map(\.version)) }
        }
        guard wanted > 0, known.contains(wanted) else {
            throw ReleaseCommandError.noSuchRevision(
                revision: requested == 0 ? max(wanted, 0) : requested, release: "\(names.storageNamespace)/\(names.release)",
                known: known.sorted())
        }
        return wanted
    }
}
