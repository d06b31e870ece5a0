import KubeClient

/// What `--qps` and `--burst` mean for the API client: unset, client-side limiting that
/// stops once the server shows API Priority and Fairness (Flux's behaviour); an explicit
/// value, a fixed limit; `--qps` negative (-1), no client-side limit at all (client-go's
/// convention for a negative QPS).
struct ClientThrottleFlags {
    static let defaultQPS = 50.0
    static let defaultBurst = 300

    var qps: Double?
    var burst: Int?

    var mode: RequestThrottle.Mode {
        get throws(ClientThrottleFlagError) {
            if let qps, qps < 0 { return .disabled }
            if qps == nil, burst == nil { return .automatic(qps: Self.defaultQPS, burst: Self.defaultBurst) }
            let rate = qps ?? Self.defaultQPS
            let burst = burst ?? Self.defaultBurst
            guard rate > 0, rate.isFinite else { throw ClientThrottleFlagError(message: "--qps must be above 0, or -1 for no client-side limit") }
            guard burst >= 1 else { throw ClientThrottleFlagError(message: "--burst must be at least 1") }
            return .fixed(qps: rate, burst: burst)
        }
    }
}

struct ClientThrottleFlagError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
