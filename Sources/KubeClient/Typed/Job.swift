import KubeObjects

/// `batch/v1 Job`, typed as far as a hook runner reads it (completions, parallelism, the
/// backoff limit, and whether it succeeded or failed). The pod template and selector stay
/// JSON, so reading and writing back keeps them whole.
public struct Job: KubeResource, Hashable {
    public static let apiVersion = "batch/v1"
    public static let kind = "Job"
    public static let plural = "jobs"
    public static let isNamespaced = true

    public let apiVersion = Job.apiVersion
    public let kind = Job.kind
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public struct Spec: Codable, Sendable, Hashable {
        public var completions: Int32?
        public var parallelism: Int32?
        public var backoffLimit: Int32?
        public var activeDeadlineSeconds: Int64?
        public var ttlSecondsAfterFinished: Int32?
        public var suspend: Bool?
        public var selector: JSONValue?
        public var template: JSONValue?

        public init(
            completions: Int32? = nil, parallelism: Int32? = nil, backoffLimit: Int32? = nil,
            activeDeadlineSeconds: Int64? = nil, ttlSecondsAfterFinished: Int32? = nil, suspend: Bool? = nil,
            selector: JSONValue? = nil, template: JSONValue? = nil
        ) {
            self.completions = completions
            self.parallelism = parallelism
            self.backoffLimit = backoffLimit
            self.activeDeadlineSeconds = activeDeadlineSeconds
            self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
            self.suspend = suspend
            self.selector = selector
            self.template = template
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var active: Int32?
        public var succeeded: Int32?
        public var failed: Int32?
        public var ready: Int32?
        public var startTime: Time?
        public var completionTime: Time?
        public var conditions: [JobCondition]?

        public init(
            active: Int32? = nil, succeeded: Int32? = nil, failed: Int32? = nil, ready: Int32? = nil,
            startTime: Time? = nil, completionTime: Time? = nil, conditions: [JobCondition]? = nil
        ) {
            self.active = active
            self.succeeded = succeeded
            self.failed = failed
            self.ready = ready
            self.startTime = startTime
            self.completionTime = completionTime
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

/// `batchv1.JobCondition` (`Complete`, `Failed`, `Suspended`, `FailureTarget`, `SuccessCriteriaMet`).
public struct JobCondition: Codable, Sendable, Hashable {
    public var type: String
    public var status: ConditionStatus
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    /// `BackoffLimitExceeded`, `DeadlineExceeded`, …
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: ConditionStatus, lastProbeTime: Time? = nil, lastTransitionTime: Time? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
