/// One priority level of API Priority and Fairness, as a `PriorityLevelConfiguration`
/// object describes it: exempt (never limited, never queued), or limited to a share of
/// the server's seats, with requests over the limit queued or rejected.
public struct PriorityLevelConfiguration: Sendable, Equatable {
    public var name: String
    public var isExempt: Bool
    /// `nominalConcurrencyShares`: the level's seats are this share of the server's limit,
    /// `ceil(serverConcurrencyLimit × shares / Σ shares)`, as kube-apiserver computes them.
    public var nominalConcurrencyShares: Int
    /// Seats regardless of shares (tests and benches that want a tiny, exact limit); nil
    /// for the share of the server's limit.
    public var fixedConcurrencyLimit: Int?
    /// How requests over the limit wait; nil rejects them at once (`limitResponse.type: Reject`).
    public var queuing: Queuing?

    public struct Queuing: Sendable, Equatable {
        /// Queues a request can land in; flows are spread over them by shuffle sharding.
        public var queues: Int
        /// Queues dealt to each flow; a request joins the shortest of its flow's hand.
        public var handSize: Int
        /// A request finding the chosen queue this long is rejected at once.
        public var queueLengthLimit: Int

        public init(queues: Int, handSize: Int, queueLengthLimit: Int) {
            self.queues = max(1, queues)
            self.handSize = min(max(1, handSize), self.queues)
            self.queueLengthLimit = max(0, queueLengthLimit)
        }
    }

    public init(name: String, isExempt: Bool = false, nominalConcurrencyShares: Int = 0, queuing: Queuing? = nil) {
        self.name = name
        self.isExempt = isExempt
        self.nominalConcurrencyShares = nominalConcurrencyShares
        self.queuing = queuing
    }

    /// The stable UID the response headers carry (kube-apiserver sends UIDs, not names,
    /// so a client cannot tell that it landed in a low priority).
    public var uid: String { FlowControlUID.make(kind: "PriorityLevelConfiguration", name: name) }

    /// kube-apiserver's default levels (the mandatory `exempt` and `catch-all`, and the
    /// suggested ones) with their shares and queuing, so the seats per level are a real
    /// server's: with 600 seats, `workload-low` 245, `global-default` 49, `leader-election` 25.
    public static let kubeAPIServerDefaults: [PriorityLevelConfiguration] = [
        PriorityLevelConfiguration(name: "exempt", isExempt: true),
        limited("system", shares: 30, Queuing(queues: 64, handSize: 6, queueLengthLimit: 50)),
        limited("node-high", shares: 40, Queuing(queues: 64, handSize: 6, queueLengthLimit: 50)),
        limited("leader-election", shares: 10, Queuing(queues: 16, handSize: 4, queueLengthLimit: 50)),
        limited("workload-high", shares: 40, Queuing(queues: 128, handSize: 6, queueLengthLimit: 50)),
        limited("workload-low", shares: 100, Queuing(queues: 128, handSize: 6, queueLengthLimit: 50)),
        limited("global-default", shares: 20, Queuing(queues: 128, handSize: 6, queueLengthLimit: 50)),
        limited("catch-all", shares: 5, nil),
    ]

    private static func limited(_ name: String, shares: Int, _ queuing: Queuing?) -> PriorityLevelConfiguration {
        PriorityLevelConfiguration(name: name, nominalConcurrencyShares: shares, queuing: queuing)
    }
}
