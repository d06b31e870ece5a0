/// How long a key waits before its next retry: client-go's default controller rate
/// limiter, the larger of a per-key exponential backoff (5 ms doubling to 1000 s) and an
/// overall token bucket (10 per second, burst 100), so one failing object backs off and
/// many failing objects cannot flood the API server.
public struct RetryRateLimiter<Key: Hashable & Sendable>: Sendable {
    public var baseDelay: Duration
    public var maxDelay: Duration
    public var bucketRate: Double
    public var bucketBurst: Double

    private var failures: [Key: Int] = [:]
    private var tokens: Double
    private var lastRefill: ContinuousClock.Instant?

    public init(baseDelay: Duration = .milliseconds(5), maxDelay: Duration = .seconds(1000), bucketRate: Double = 10, bucketBurst: Double = 100) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.bucketRate = bucketRate
        self.bucketBurst = bucketBurst
        self.tokens = bucketBurst
    }

    /// The delay before `key`'s next attempt, counting this failure.
    public mutating func when(_ key: Key, now: ContinuousClock.Instant = .now) -> Duration {
        let n = failures[key, default: 0]
        failures[key] = n + 1
        let exponent = min(n, 62)
        var backoff = baseDelay * Double(1 << min(exponent, 40))
        if backoff > maxDelay || exponent >= 40 { backoff = maxDelay }
        return max(backoff, bucketDelay(now: now))
    }

    /// Failures counted for `key` so far.
    public func retries(_ key: Key) -> Int { failures[key, default: 0] }

    /// A success: the key starts again from the base delay.
    public mutating func forget(_ key: Key) { failures[key] = nil }

    /// Takes one token, returning how long until it is really available.
    private mutating func bucketDelay(now: ContinuousClock.Instant) -> Duration {
        if let last = lastRefill {
            let elapsed = now - last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            tokens = min(bucketBurst, tokens + seconds * bucketRate)
        }
        lastRefill = now
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .milliseconds(Int64((-tokens / bucketRate) * 1000))
    }
}
