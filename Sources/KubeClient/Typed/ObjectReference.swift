/// `corev1.ObjectReference`: what an Event is about. All fields optional, as in Go.
public struct ObjectReference: Codable, Sendable, Hashable {
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var apiVersion: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(
        kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil,
        apiVersion: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}

extension ObjectReference {
    /// A reference to a typed object, as an Event recorder writes it (client-go's `ref.GetReference`).
    public init<R: KubeResource>(_ object: R) {
        self.init(
            kind: R.kind, namespace: object.metadata.namespace, name: object.metadata.name, uid: object.metadata.uid,
            apiVersion: R.apiVersion, resourceVersion: object.metadata.resourceVersion)
    }
}
