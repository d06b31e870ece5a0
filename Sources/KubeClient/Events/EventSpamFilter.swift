import Foundation

/// client-go's `EventSourceObjectSpamFilter`: one token bucket per involved object (and
/// source), `burst` tokens refilled one per `refillInterval`. An object that fails in a
/// tight loop gets its first `burst` Events and then one every `refillInterval`, so a
/// crash-looping release cannot flood etcd with Events.
struct EventSpamFilter: Sendable {
    var burst: Double
    var refillInterval: TimeInterval
    /// Objects whose buckets are kept; past this, full buckets (which hold no history) go
    /// first, then the longest untouched.
    var capacity = 4096
    private var buckets: [String: (tokens: Double, updated: Date)] = [:]

    init(burst: Int, refillInterval: TimeInterval) {
        self.burst = Double(max(burst, 1))
        self.refillInterval = max(refillInterval, 0.001)
    }

    /// Whether an Event about `key` may be written at `now` (taking a token if so).
    mutating func allows(_ key: String, now: Date) -> Bool {
        var bucket = buckets[key] ?? (burst, now)
        let elapsed = max(0, now.timeIntervalSince(bucket.updated))
        bucket.tokens = min(burst, bucket.tokens + elapsed / refillInterval)
        bucket.updated = now
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 }
        buckets[key] = bucket
        if buckets.count > capacity { evict(now: now) }
        return allowed
    }

    private mutating func evict(now: Date) {
        buckets = buckets.filter { min(burst, $0.value.tokens + now.timeIntervalSince($0.value.updated) / refillInterval) < burst }
        if buckets.count > capacity,
            let oldest = buckets.min(by: { $0.value.updated < $1.value.updated })?.key
        {
            buckets[oldest] = nil
        }
    }
}
