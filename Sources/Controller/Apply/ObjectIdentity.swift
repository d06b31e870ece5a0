import KubeObjects

/// Which object a manifest document stands for, as Helm matches objects between two
/// revisions (`isMatchingInfo`: group, kind, namespace and name — not the version, so an
/// object whose chart moved it from `v1beta1` to `v1` is the same object, not pruned).
public struct ObjectIdentity: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var kind: String
    /// nil for cluster-scoped kinds.
    public var namespace: String?
    public var name: String

    public init(group: String, kind: String, namespace: String?, name: String) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Deployment "web" in namespace "apps"`, or `ClusterRole "reader"` at cluster scope.
    public var description: String {
        guard let namespace else { return "\(kind) \"\(name)\"" }
        return "\(kind) \"\(name)\" in namespace \"\(namespace)\""
    }
}
