/// `metav1.ObjectMeta`, the fields a controller reads or writes. Every field is optional,
/// as Kubernetes omits empty ones; `managedFields` and other server bookkeeping are left
/// out (write with server-side apply, which does not need them).
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Time?
    public var deletionTimestamp: Time?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var finalizers: [String]?
    public var ownerReferences: [OwnerReference]?

    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil, uid: String? = nil,
        resourceVersion: String? = nil, generation: Int64? = nil, creationTimestamp: Time? = nil,
        deletionTimestamp: Time? = nil, deletionGracePeriodSeconds: Int64? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, finalizers: [String]? = nil, ownerReferences: [OwnerReference]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.finalizers = finalizers
        self.ownerReferences = ownerReferences
    }
}

/// `metav1.OwnerReference`. The four identifying fields are required by the API server,
/// so they are required here too.
public struct OwnerReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

extension OwnerReference {
    /// The reference a controller puts on what it creates for `owner` (`controller: true`,
    /// `blockOwnerDeletion: true`, as client-go's `NewControllerRef`); nil while the owner
    /// has no name or uid (it was never stored).
    public init?<Owner: KubeResource>(controllerOf owner: Owner) {
        guard let name = owner.metadata.name, let uid = owner.metadata.uid else { return nil }
        self.init(
            apiVersion: Owner.apiVersion, kind: Owner.kind, name: name, uid: uid, controller: true,
            blockOwnerDeletion: true)
    }
}
