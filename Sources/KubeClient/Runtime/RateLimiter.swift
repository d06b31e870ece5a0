/// How long a key waits before its next retry: client-go's default controller rate
/// limiter, the larger of a per-key exponential backoff (5 ms doubling to 1000 s) and an
/// overall token bucket (10 per second, burst 100), so one failing object backs off and
/// many failing objects cannot flood the API server.
public struct RetryRateLimiter<Key: Hashable & Sendable>: Sendable {
    public var baseDelay: Duration
    public var maxDelay: Duration
    private var bucket: TokenBucket
    private var failures: [Key: Int] = [:]

    public init(baseDelay: Duration = .milliseconds(5), maxDelay: Duration = .seconds(1000), bucketRate: Double = 10, bucketBurst: Double = 100) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.bucket = TokenBucket(rate: bucketRate, burst: bucketBurst)
    }

    /// The delay before `key`'s next attempt, counting this failure.
    public mutating func when(_ key: Key, now: ContinuousClock.Instant = .now) -> Duration {
        let n = failures[key, default: 0]
        failures[key] = n + 1
        let exponent = min(n, 62)
        var backoff = baseDelay * Double(1 << min(exponent, 40))
        if backoff > maxDelay || exponent >= 40 { backoff = maxDelay }
        return max(backoff, bucket.take(now: now))
    }

    /// Failures counted for `key` so far.
    public func retries(_ key: Key) -> Int { failures[key, default: 0] }

    /// A success: the key starts again from the base delay.
    public mutating func forget(_ key: Key) { failures[key] = nil }
}
