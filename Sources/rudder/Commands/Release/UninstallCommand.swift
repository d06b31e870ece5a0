import ArgumentParser
import KubeClient

/// `rudder uninstall NAME`: deletes the HelmRelease; its finalizer makes the controller
/// uninstall the release first (keeping the history when `--keep-history`).
struct UninstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall", abstract: "Uninstall a release by deleting its HelmRelease.")

    @Argument(help: "The release (and HelmRelease) name.")
    var name: String

    @Flag(name: .customLong("keep-history"), help: "Keep the release history (marked uninstalled), as spec.uninstall.keepHistory.")
    var keepHistory = false

    @Flag(help: "Wait until the controller has uninstalled the release and the HelmRelease is gone.")
    var wait = false

    @Option(help: "How long to wait (a Go duration).")
    var timeout: String?

    @OptionGroup var cluster: ReleaseClusterOptions

    func run() async throws {
        do {
            try await uninstall()
        } catch ReleaseCommandError.notFound {
            throw helmStyleFailure("uninstall: Release not loaded: \(name): release: not found")
        } catch {
            throw helmStyleFailure(error)
        }
    }

    private func uninstall() async throws {
        let timeout = try ReleaseWait.duration(timeout, flag: "--timeout")
        let cluster = try self.cluster.connect()
        let (_, release) = try await cluster.helmRelease(name)
        if keepHistory, release.spec.uninstall?.keepHistory != true {
            // Read by the controller when it handles the deletion, so it must be set before.
            _ = try await ReleaseSpecWriter.patchSpec(name, ["uninstall": ["keepHistory": true]], in: cluster)
        }
        do {
            try await cluster.releases.delete(name)
        } catch let error as KubeAPIError where error.isNotFound {
            throw ReleaseCommandError.notFound(name: name, namespace: cluster.namespace)
        }
        guard wait else {
            print("release \"\(name)\" uninstall requested (HelmRelease \(cluster.namespace)/\(name) deleted; the controller uninstalls it)")
            return
        }
        try await ReleaseWait.untilGone(name, in: cluster, timeout: timeout)
        print("release \"\(name)\" uninstalled")
    }
}
