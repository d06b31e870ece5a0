import KubeObjects

/// `apps/v1 Deployment`, typed as far as a readiness check reads it (replicas, the rollout
/// status and its conditions, `paused`, the progress deadline). The pod template, the
/// selector and the strategy stay JSON, so reading and writing back keeps them whole.
public struct Deployment: KubeResource, Hashable {
    public static let apiVersion = "apps/v1"
    public static let kind = "Deployment"
    public static let plural = "deployments"
    public static let isNamespaced = true

    public let apiVersion = Deployment.apiVersion
    public let kind = Deployment.kind
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public struct Spec: Codable, Sendable, Hashable {
        /// nil means 1 (the API server defaults it).
        public var replicas: Int32?
        public var selector: JSONValue?
        public var template: JSONValue?
        /// Holds `rollingUpdate.maxUnavailable`, which Helm's readiness check uses.
        public var strategy: JSONValue?
        public var minReadySeconds: Int32?
        public var revisionHistoryLimit: Int32?
        public var paused: Bool?
        public var progressDeadlineSeconds: Int32?

        public init(
            replicas: Int32? = nil, selector: JSONValue? = nil, template: JSONValue? = nil, strategy: JSONValue? = nil,
            minReadySeconds: Int32? = nil, revisionHistoryLimit: Int32? = nil, paused: Bool? = nil,
            progressDeadlineSeconds: Int32? = nil
        ) {
            self.replicas = replicas
            self.selector = selector
            self.template = template
            self.strategy = strategy
            self.minReadySeconds = minReadySeconds
            self.revisionHistoryLimit = revisionHistoryLimit
            self.paused = paused
            self.progressDeadlineSeconds = progressDeadlineSeconds
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var replicas: Int32?
        public var updatedReplicas: Int32?
        public var readyReplicas: Int32?
        public var availableReplicas: Int32?
        public var unavailableReplicas: Int32?
        public var conditions: [DeploymentCondition]?

        public init(
            observedGeneration: Int64? = nil, replicas: Int32? = nil, updatedReplicas: Int32? = nil,
            readyReplicas: Int32? = nil, availableReplicas: Int32? = nil, unavailableReplicas: Int32? = nil,
            conditions: [DeploymentCondition]? = nil
        ) {
            self.observedGeneration = observedGeneration
            self.replicas = replicas
            self.updatedReplicas = updatedReplicas
            self.readyReplicas = readyReplicas
            self.availableReplicas = availableReplicas
            self.unavailableReplicas = unavailableReplicas
            self.conditions = conditions
        }
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

/// `appsv1.DeploymentCondition` (`Available`, `Progressing`, `ReplicaFailure`).
public struct DeploymentCondition: Codable, Sendable, Hashable {
    public var type: String
    public var status: ConditionStatus
    public var lastUpdateTime: Time?
    public var lastTransitionTime: Time?
    /// `NewReplicaSetAvailable`, `ProgressDeadlineExceeded`, …
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: ConditionStatus, lastUpdateTime: Time? = nil, lastTransitionTime: Time? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
