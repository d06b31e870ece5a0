/// API Priority and Fairness settings of the server: kube-apiserver's defaults unless a
/// test or a benchmark asks for tiny limits.
public struct FlowControlConfiguration: Sendable, Equatable {
    /// Seats shared out among the limited priority levels: kube-apiserver's
    /// `--max-requests-inflight` (400) plus `--max-mutating-requests-inflight` (200).
    public var serverConcurrencyLimit = 600
    /// How long a queued request may wait for a seat before it is rejected (kube-apiserver:
    /// a quarter of the 60 s request timeout).
    public var queueWaitLimit: Duration = .seconds(15)
    /// `Retry-After` of a rejection (kube-apiserver starts at 1 s).
    public var retryAfterSeconds = 1
    public var priorityLevels = PriorityLevelConfiguration.kubeAPIServerDefaults
    public var flowSchemas = FlowSchema.kubeAPIServerDefaults

    public init() {}

    /// The level named `name`, to read or change (nil when there is none).
    public subscript(priorityLevel name: String) -> PriorityLevelConfiguration? {
        get { priorityLevels.first { $0.name == name } }
        set {
            priorityLevels.removeAll { $0.name == name }
            if let newValue { priorityLevels.append(newValue) }
        }
    }

    /// Seats of the limited level `name`: its fixed limit, or kube-apiserver's nominal
    /// concurrency limit `ceil(serverConcurrencyLimit × shares / Σ shares)`; nil for an
    /// exempt or unknown level.
    public func concurrencyLimit(of name: String) -> Int? {
        guard let level = self[priorityLevel: name], !level.isExempt else { return nil }
        if let fixed = level.fixedConcurrencyLimit { return max(0, fixed) }
        let total = priorityLevels.filter { !$0.isExempt }.reduce(0) { $0 + max(0, $1.nominalConcurrencyShares) }
        guard total > 0 else { return 0 }
        let product = serverConcurrencyLimit * max(0, level.nominalConcurrencyShares)
        return (product + total - 1) / total
    }
}
