/// A token bucket: `rate` tokens a second, holding at most `burst`. Taking a token that is
/// not there yet goes into debt and answers how long until it would have been there, so
/// callers that wait that long are spaced out at `rate` in the order they asked.
public struct TokenBucket: Sendable {
    public var rate: Double
    public var burst: Double
    private var tokens: Double
    private var lastRefill: ContinuousClock.Instant?

    public init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
        self.tokens = burst
    }

    /// Takes one token, returning how long until it is really available (zero when it is).
    public mutating func take(now: ContinuousClock.Instant = .now) -> Duration {
        if let last = lastRefill {
            tokens = min(burst, tokens + (now - last).timeInterval * rate)
        }
        lastRefill = now
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .nanoseconds(Int64((-tokens / rate) * 1e9))
    }
}
