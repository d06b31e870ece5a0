import ArgumentParser
import Controller
import KubeClient
import KubeObjects

/// The cluster flags every release command takes, kubectl's and Helm's spelling:
/// `--kubeconfig`, `--context`, `-n/--namespace` (default: the context's namespace).
struct ReleaseClusterOptions: ParsableArguments {
    @Option(help: "The kubeconfig (default: $KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use.")
    var context: String?

    @Option(name: [.customShort("n"), .long], help: "The namespace of the HelmRelease (default: the context's namespace).")
    var namespace: String?

    /// A client for the chosen cluster, and the namespace the command acts in.
    func connect() throws -> ReleaseCluster {
        let config = try ClientConfig.load(
            kubeconfigPath: kubeconfig, overrides: ConfigOverrides(context: context, namespace: namespace))
        return ReleaseCluster(client: try APIClient(config), namespace: config.namespace)
    }
}

/// Where a release command reads and writes HelmRelease objects.
struct ReleaseCluster: Sendable {
    let client: APIClient
    let namespace: String

    /// HelmReleases of the command's namespace.
    var releases: ResourceClient { releases(in: namespace) }

    /// HelmReleases of `namespace` (nil: every namespace).
    func releases(in namespace: String?) -> ResourceClient {
        ResourceClient(client: client, resource: HelmRelease.groupVersionResource, namespace: namespace)
    }

    /// The HelmRelease `name`, or Helm's "release: not found".
    func helmRelease(_ name: String) async throws -> (object: JSONValue, release: HelmRelease) {
        guard let object = try await releases.getIfExists(name) else {
            throw ReleaseCommandError.notFound(name: name, namespace: namespace)
        }
        return (object, try object.decode(HelmRelease.self))
    }
}
