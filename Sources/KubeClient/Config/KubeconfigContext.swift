/// A kubeconfig context: which cluster, as which user, in which namespace.
public struct KubeconfigContext: Sendable, Equatable {
    public var cluster: String?
    public var user: String?
    /// Empty or absent means `default`, as kubectl has it.
    public var namespace: String?

    public init(cluster: String? = nil, user: String? = nil, namespace: String? = nil) {
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
    }
}
