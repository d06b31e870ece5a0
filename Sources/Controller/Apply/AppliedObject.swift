import KubeObjects

/// An object as the server holds it after an apply: what the readiness wait and the
/// release record need.
public struct AppliedObject: Sendable, Hashable {
    public var kind: GroupVersionKind
    /// nil for cluster-scoped kinds.
    public var namespace: String?
    public var name: String
    public var uid: String
    public var resourceVersion: String
    /// The template it came from.
    public var source: String
    /// Its readiness as the apply's answer showed it: the readiness wait's first look,
    /// which then costs no read. nil when unknown (the wait reads it).
    public var appliedState: ReadinessState?

    public init(
        kind: GroupVersionKind, namespace: String?, name: String, uid: String, resourceVersion: String, source: String,
        appliedState: ReadinessState? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.source = source
        self.appliedState = appliedState
    }

    public var identity: ObjectIdentity {
        ObjectIdentity(group: kind.group, kind: kind.kind, namespace: namespace, name: name)
    }
}
