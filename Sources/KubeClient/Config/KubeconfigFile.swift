/// A kubeconfig (`apiVersion: v1`, `kind: Config`), one file's or several files' merged.
/// `preferences` and `extensions` are read past: nothing Rudder does depends on them.
public struct KubeconfigFile: Sendable, Equatable {
    public var clusters: [String: KubeconfigCluster]
    public var users: [String: KubeconfigUser]
    public var contexts: [String: KubeconfigContext]
    /// Nil when unset or empty.
    public var currentContext: String?

    public init(
        clusters: [String: KubeconfigCluster] = [:], users: [String: KubeconfigUser] = [:],
        contexts: [String: KubeconfigContext] = [:], currentContext: String? = nil
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
    }

    public var isEmpty: Bool {
        clusters.isEmpty && users.isEmpty && contexts.isEmpty && currentContext == nil
    }

    /// Several files merged as client-go's `ClientConfigLoadingRules.Load` merges the
    /// `KUBECONFIG` chain: the first file to define a cluster, user or context name wins
    /// that name whole (a later file's entry of the same name is dropped, even its fields
    /// the first left out), and `current-context` comes from the first file that sets one.
    public static func merged(_ files: [KubeconfigFile]) -> KubeconfigFile {
        var result = KubeconfigFile()
        for file in files {
            result.clusters.merge(file.clusters) { first, _ in first }
            result.users.merge(file.users) { first, _ in first }
            result.contexts.merge(file.contexts) { first, _ in first }
            if result.currentContext == nil { result.currentContext = file.currentContext }
        }
        return result
    }
}
