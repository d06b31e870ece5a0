/// Exponential backoff with jitter for retrying a failing watch or list (client-go's
/// reflector backs off from 800 ms to 30 s, with full jitter, and resets once a watch
/// has worked).
public struct Backoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    /// Up to this fraction is added at random, so many clients do not retry in step.
    public var jitter: Double
    private var current: Duration?

    public init(initial: Duration = .milliseconds(800), maximum: Duration = .seconds(30), jitter: Double = 1.0) {
        self.initial = initial
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The next pause.
    public mutating func next() -> Duration {
        let base = current.map { min($0 * 2, maximum) } ?? initial
        current = base
        return min(base + base * Double.random(in: 0...max(0, jitter)), maximum * (1 + jitter))
    }

    /// Success: the next failure starts from `initial` again.
    public mutating func reset() { current = nil }
}
