import ArgumentParser
import Foundation
import KubeClient
import KubeObjects

/// What `install` and `upgrade` do once their flags are read: check the name against what
/// the command may do, apply the HelmRelease, and with `--wait` follow the controller.
struct ReleaseSpecCommandRun {
    enum Mode {
        /// `install`: the name must be free.
        case install
        /// `upgrade`: the HelmRelease must exist, unless `--install`.
        case upgrade(install: Bool)
    }

    var name: String
    var chart: String
    var options: ReleaseSpecOptions
    var cluster: ReleaseClusterOptions
    var mode: Mode

    func run() async throws {
        let timeout = try options.waitTimeout()
        let cluster = try self.cluster.connect()
        // Flags first (chart, values files): a mistake there fails before any request.
        let configuration = try options.applyConfiguration(name: name, namespace: cluster.namespace, chart: chart)
        let existing = try await cluster.releases.getIfExists(name)
        switch mode {
        case .install where existing != nil:
            throw ReleaseCommandError.nameInUse(name: name, namespace: cluster.namespace)
        case .upgrade(install: false) where existing == nil:
            throw ReleaseCommandError.noRelease(name: name, namespace: cluster.namespace)
        default:
            break
        }
        if options.createNamespace { try await ReleaseSpecWriter.ensureNamespace(cluster.namespace, in: cluster) }
        // An upgrade is the user's explicit word on chart and values, so it takes the fields
        // over from whoever wrote them (Helm's upgrade replaces them too).
        let written = try await ReleaseSpecWriter.apply(configuration, in: cluster, force: existing != nil)
        let generation = written[path: ["metadata", "generation"]]?.intValue ?? 1
        let upgrading = existing != nil
        guard options.wait else {
            let verb = upgrading ? "upgrade" : "install"
            print("Release \"\(name)\" \(verb) requested: HelmRelease \(cluster.namespace)/\(name) generation \(generation) applied.")
            print("`rudder status \(name) -n \(cluster.namespace)` shows what the controller made of it.")
            return
        }
        let release = try await ReleaseWait.untilReady(name, generation: generation, in: cluster, timeout: timeout)
        if upgrading { print("Release \"\(name)\" has been upgraded. Happy Helming!") }
        print(await ReleaseStatusReport.load(release, in: cluster).text, terminator: "")
    }
}
