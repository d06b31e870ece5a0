/// `v1 Namespace` (cluster-scoped). The controller reads `status.phase` to see a namespace
/// it wants to write into is `Terminating`.
public struct Namespace: KubeResource, Hashable {
    public static let apiVersion = "v1"
    public static let kind = "Namespace"
    public static let plural = "namespaces"
    public static let isNamespaced = false

    public let apiVersion = Namespace.apiVersion
    public let kind = Namespace.kind
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public struct Spec: Codable, Sendable, Hashable {
        /// `kubernetes` while the namespace controller still has content to delete.
        public var finalizers: [String]?
        public init(finalizers: [String]? = nil) { self.finalizers = finalizers }
    }

    public struct Status: Codable, Sendable, Hashable {
        /// `Active` or `Terminating`.
        public var phase: String?
        public init(phase: String? = nil) { self.phase = phase }
    }

    public init(metadata: ObjectMeta = ObjectMeta(), spec: Spec? = nil, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try Self.decodeTypeMeta(c, apiVersion: .apiVersion, kind: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decodeIfPresent(Spec.self, forKey: .spec)
        status = try c.decodeIfPresent(Status.self, forKey: .status)
    }
}
