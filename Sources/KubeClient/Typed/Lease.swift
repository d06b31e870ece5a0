/// `coordination.k8s.io/v1 Lease`: what leader election holds and renews.
public struct Lease: KubeResource, Hashable {
    public static let apiVersion = "coordination.k8s.io/v1"
    public static let kind = "Lease"
    public static let plural = "leases"
    public static let isNamespaced = true

    public let apiVersion = Lease.apiVersion
    public let kind = Lease.kind
    public var metadata: ObjectMeta
    public var spec: Spec?

    public struct Spec: Codable, Sendable, Hashable {
        public var holderIdentity: String?
        public var leaseDurationSeconds: Int32?
        public var acquireTime: MicroTime?
        public var renewTime: MicroTime?
        public var leaseTransitions: Int32?

        public init(
            holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: MicroTime? = nil,
            renewTime: MicroTime? = nil, leaseTransitions: Int32? = nil
        ) {
            self.holderIdentity = holderIdentity
            self.leaseDurationSeconds = leaseDurationSeconds
            self.acquireTime = acquireTime
            self.renewTime = renewTime
            self.leaseTransitions = leaseTransitions
        }
    }

    public init(metadata: ObjectMeta = ObjectMeta(), spec: Spec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try Self.decodeTypeMeta(c, apiVersion: .apiVersion, kind: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decodeIfPresent(Spec.self, forKey: .spec)
    }
}
