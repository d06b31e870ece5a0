/// `v1 Event` (the core `events` resource, which `kubectl describe` and `kubectl get
/// events` show). Aggregation is `count` plus `firstTimestamp`/`lastTimestamp`; the newer
/// `eventTime`/`series` form belongs to `events.k8s.io` and is carried only as far as
/// `eventTime` (kube-apiserver writes it as `null` on events that do not set it).
public struct Event: KubeResource, Hashable {
    public static let apiVersion = "v1"
    public static let kind = "Event"
    public static let plural = "events"
    public static let isNamespaced = true

    public let apiVersion = Event.apiVersion
    public let kind = Event.kind
    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    /// `Normal` or `Warning`.
    public var type: String?
    public var count: Int32?
    public var firstTimestamp: Time?
    public var lastTimestamp: Time?
    public var eventTime: MicroTime?
    public var source: Source?
    public var reportingComponent: String?
    public var reportingInstance: String?
    public var action: String?
    public var related: ObjectReference?

    public struct Source: Codable, Sendable, Hashable {
        public var component: String?
        public var host: String?
        public init(component: String? = nil, host: String? = nil) {
            self.component = component
            self.host = host
        }
    }

    public init(
        metadata: ObjectMeta = ObjectMeta(), involvedObject: ObjectReference = ObjectReference(), reason: String? = nil,
        message: String? = nil, type: String? = nil, count: Int32? = nil, firstTimestamp: Time? = nil,
        lastTimestamp: Time? = nil, eventTime: MicroTime? = nil, source: Source? = nil,
        reportingComponent: String? = nil, reportingInstance: String? = nil, action: String? = nil,
        related: ObjectReference? = nil
    ) {
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.eventTime = eventTime
        self.source = source
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
        self.action = action
        self.related = related
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try Self.decodeTypeMeta(c, apiVersion: .apiVersion, kind: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        // Required by the API server; an absent one reads as Go's zero value.
        involvedObject = try c.decodeIfPresent(ObjectReference.self, forKey: .involvedObject) ?? ObjectReference()
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        count = try c.decodeIfPresent(Int32.self, forKey: .count)
        firstTimestamp = try c.decodeIfPresent(Time.self, forKey: .firstTimestamp)
        lastTimestamp = try c.decodeIfPresent(Time.self, forKey: .lastTimestamp)
        eventTime = try c.decodeIfPresent(MicroTime.self, forKey: .eventTime)
        source = try c.decodeIfPresent(Source.self, forKey: .source)
        reportingComponent = try c.decodeIfPresent(String.self, forKey: .reportingComponent)
        reportingInstance = try c.decodeIfPresent(String.self, forKey: .reportingInstance)
        action = try c.decodeIfPresent(String.self, forKey: .action)
        related = try c.decodeIfPresent(ObjectReference.self, forKey: .related)
    }
}
