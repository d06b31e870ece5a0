/// Classifies requests into flow schemas and priority levels and admits them to a seat
/// of their level: kube-apiserver's API Priority and Fairness, simplified (see
/// `PriorityLevelSeats`). Exempt levels count nothing and never queue.
public final class FlowController: Sendable {
    public let configuration: FlowControlConfiguration
    private let schemas: [FlowSchema]
    private let levels: [String: PriorityLevelConfiguration]
    private let seats: [String: PriorityLevelSeats]
    /// UIDs by name, hashed once rather than on every request.
    private let uids: [String: String]

    public init(configuration: FlowControlConfiguration = FlowControlConfiguration()) {
        self.configuration = configuration
        schemas = configuration.flowSchemas.sorted { $0.matchingPrecedence < $1.matchingPrecedence }
        var levels: [String: PriorityLevelConfiguration] = [:]
        var seats: [String: PriorityLevelSeats] = [:]
        for level in configuration.priorityLevels {
            levels[level.name] = level
            if let limit = configuration.concurrencyLimit(of: level.name) {
                seats[level.name] = PriorityLevelSeats(limit: limit, queuing: level.queuing, waitLimit: configuration.queueWaitLimit)
            }
        }
        self.levels = levels
        self.seats = seats
        var uids: [String: String] = [:]
        for schema in configuration.flowSchemas { uids["FlowSchema/" + schema.name] = schema.uid }
        for level in configuration.priorityLevels { uids["PriorityLevelConfiguration/" + level.name] = level.uid }
        self.uids = uids
    }

    /// Where a request went: its schema, its level and its flow (schema and, by user, the
    /// user name).
    struct Classification: Sendable {
        var schema: FlowSchema
        var level: PriorityLevelConfiguration
        var flow: String
        var schemaUID: String
        var levelUID: String
    }

    /// The first schema (by precedence) that matches; a request no schema matches, or one
    /// whose schema names a level that does not exist, goes to `catch-all` as in
    /// kube-apiserver (rejected when even that is missing from the configuration).
    func classify(_ request: RequestDigest) -> Classification {
        let schema = schemas.first { $0.matches(request) && levels[$0.priorityLevel] != nil }
            ?? FlowSchema(name: "catch-all", priorityLevel: "catch-all", matchingPrecedence: 10000, distinguishesByUser: true, rules: [])
        let level = levels[schema.priorityLevel]
            ?? PriorityLevelConfiguration(name: "catch-all", nominalConcurrencyShares: 0)
        let flow = schema.distinguishesByUser ? schema.name + "/" + request.user.name : schema.name
        return Classification(
            schema: schema, level: level, flow: flow, schemaUID: uids["FlowSchema/" + schema.name] ?? schema.uid,
            levelUID: uids["PriorityLevelConfiguration/" + level.name] ?? level.uid)
    }

    /// A seat for the request, after queueing if it had to; nil means reject it (429).
    func admit(_ classification: Classification) async -> Seat? {
        if classification.level.isExempt { return Seat(level: nil) }
        guard let level = seats[classification.level.name] else { return nil }
        guard await level.acquire(flow: ShuffleShardingDealer.hash(classification.flow)) else { return nil }
        return Seat(level: level)
    }

    /// A seat held by one request; `release()` it once (exempt seats hold nothing).
    struct Seat: Sendable {
        let level: PriorityLevelSeats?

        func release() async {
            await level?.release()
        }
    }

    /// Seats of `priorityLevel` in use now (0 for exempt and unknown levels).
    public func seatsInUse(of priorityLevel: String) async -> Int {
        await seats[priorityLevel]?.seatsInUse ?? 0
    }

    /// Requests of `priorityLevel` waiting in its queues now.
    public func queuedRequests(of priorityLevel: String) async -> Int {
        await seats[priorityLevel]?.queued ?? 0
    }
}
