/// Client-side throttling (client-go's `QPS`/`Burst`): every request takes a token first,
/// so a burst of reconciles cannot flood the API server, and the server's own priority
/// and fairness limits are met before they answer 429.
public actor RequestThrottle {
    private var bucket: TokenBucket

    public init(queriesPerSecond: Double, burst: Int) {
        bucket = TokenBucket(rate: max(queriesPerSecond, 0.001), burst: Double(max(burst, 1)))
    }

    /// Returns once the request may go; throws `CancellationError` if the task is cancelled
    /// while it waits.
    public func acquire() async throws {
        let delay = bucket.take()
        if delay > .zero { try await Task.sleep(for: delay) }
    }
}
