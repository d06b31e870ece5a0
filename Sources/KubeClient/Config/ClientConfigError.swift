/// Why no `ClientConfig` could be resolved. Messages name contexts, clusters, users, files
/// and fields; never a token, password or key.
public enum ClientConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case kubeconfig(KubeconfigError)
    /// No kubeconfig names a context (and no `--server` was given), and this is not a pod.
    case noConfiguration(searched: [String])
    /// `--context` or `current-context` names a context no file defines.
    case contextNotFound(String)
    /// The chosen context (or `--cluster`) names a cluster no file defines.
    case clusterNotFound(cluster: String, context: String?)
    /// `--user` names a user no file defines.
    case userNotFound(String)
    case noServer(cluster: String)
    case invalidServerURL(String)
    case invalidProxyURL(cluster: String, url: String)
    /// Two settings that cannot go together, or one that needs another (client-go's
    /// `validateClusterInfo` / `validateAuthInfo` findings).
    case invalidCluster(cluster: String, reason: String)
    case invalidUser(user: String, reason: String)
    /// The user authenticates with a legacy `auth-provider`, which Rudder does not implement.
    case authProviderUnsupported(user: String, provider: String)
    case unreadableFile(role: String, path: String, reason: String)
    /// In-cluster configuration was asked for outside a pod.
    case notInCluster
    case tokenFile(BearerTokenFileError)

    public var description: String {
        switch self {
        case .kubeconfig(let error):
            return error.description
        case .noConfiguration(let searched):
            let files = searched.isEmpty ? "no kubeconfig file" : "kubeconfig files searched: " + searched.joined(separator: ", ")
            return "invalid configuration: no configuration has been provided (\(files); "
                + "not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are unset or there is no service-account token)"
        case .contextNotFound(let name):
            return "context \"\(name)\" does not exist"
        case .clusterNotFound(let cluster, let context):
            return "cluster \"\(cluster)\" does not exist" + (context.map { " (named by context \"\($0)\")" } ?? "")
        case .userNotFound(let name):
            return "user \"\(name)\" does not exist"
        case .noServer(let cluster):
            return cluster.isEmpty ? "default cluster has no server defined" : "no server found for cluster \"\(cluster)\""
        case .invalidServerURL(let url):
            return "invalid server URL \"\(url)\": expected http(s)://host[:port][/path]"
        case .invalidProxyURL(let cluster, let url):
            return "invalid proxy-url \"\(url)\" for cluster \"\(cluster)\": expected an http, https or socks5 URL with a host"
        case .invalidCluster(let cluster, let reason):
            return "invalid configuration for cluster \"\(cluster)\": \(reason)"
        case .invalidUser(let user, let reason):
            return "invalid configuration for user \"\(user)\": \(reason)"
        case .authProviderUnsupported(let user, let provider):
            return "user \"\(user)\" uses auth-provider \"\(provider)\", which is not supported; "
                + "use an exec credential plugin (client.authentication.k8s.io/v1) instead"
        case .unreadableFile(let role, let path, let reason):
            return "cannot read \(role) \(path): \(reason)"
        case .notInCluster:
            return "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined"
        case .tokenFile(let error):
            return error.description
        }
    }
}
