import Metrics

/// Request counts and latencies by verb and answer code, through swift-metrics, so any
/// backend the process bootstraps (Prometheus in `rudder controller`) sees them. The names
/// follow client-go's `rest_client_requests_total` / `rest_client_request_duration_seconds`.
struct RequestMetrics: Sendable {
    static let requests = "rudder_kubeclient_requests_total"
    static let duration = "rudder_kubeclient_request_duration_seconds"
    static let retries = "rudder_kubeclient_request_retries_total"

    /// `code` is the HTTP status, or `<error>` when no answer came (as client-go labels it).
    func record(verb: String, code: String, duration: Duration) {
        Counter(label: Self.requests, dimensions: [("verb", verb), ("code", code)]).increment()
        Metrics.Timer(label: Self.duration, dimensions: [("verb", verb)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    func recordRetry(verb: String, code: String) {
        Counter(label: Self.retries, dimensions: [("verb", verb), ("code", code)]).increment()
    }

    private static func nanoseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }
}
