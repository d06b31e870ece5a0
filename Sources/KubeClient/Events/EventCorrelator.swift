import Foundation

/// Decides what recording an Event writes, as client-go's `EventCorrelator` does: an
/// Event identical to one written within `window` (same involved object, type, reason,
/// message and source) bumps that Event's `count` and `lastTimestamp` instead of creating
/// another, and every write passes the per-object spam filter first.
///
/// Pure state, driven by the recorder's single writer: no clock of its own, no I/O.
struct EventCorrelator: Sendable {
    enum Decision: Sendable, Equatable {
        /// A new Event named `name`, first seen now.
        case create(name: String)
        /// The existing Event `name` now has `count`; first seen at `firstSeen`.
        case update(name: String, count: Int, firstSeen: Date)
        /// The spam filter said no.
        case drop
    }

    var window: TimeInterval
    var spamFilter: EventSpamFilter
    /// Distinct Events remembered for aggregation; the least recently seen go first.
    var capacity = 4096
    private var seen: [Key: Seen] = [:]
    /// The last name's timestamp: names stay unique when two Events share a clock tick.
    private var lastNanos: UInt64 = 0

    struct Key: Hashable, Sendable {
        var object: EventRecorder.InvolvedObject
        var type: String
        var reason: String
        var message: String
        var source: String
    }

    private struct Seen {
        var name: String
        var count: Int
        var firstSeen: Date
        var lastSeen: Date
    }

    init(window: TimeInterval, spamFilter: EventSpamFilter) {
        self.window = window
        self.spamFilter = spamFilter
    }

    mutating func correlate(_ key: Key, now: Date) -> Decision {
        // Every write takes a token, a count bump included, as in client-go.
        let spamKey = [key.source, key.object.apiVersion, key.object.kind, key.object.namespace, key.object.name, key.object.uid]
            .joined(separator: "\u{0}")
        guard spamFilter.allows(spamKey, now: now) else { return .drop }
        // The resourceVersion changes with every write to the object; the Event is the same.
        var key = key
        key.object.resourceVersion = ""
        if var entry = seen[key], now.timeIntervalSince(entry.lastSeen) <= window {
            entry.count += 1
            entry.lastSeen = now
            seen[key] = entry
            return .update(name: entry.name, count: entry.count, firstSeen: entry.firstSeen)
        }
        lastNanos = max(Self.nanos(now), lastNanos + 1)
        let name = "\(key.object.name).\(String(lastNanos, radix: 16))"
        seen[key] = Seen(name: name, count: 1, firstSeen: now, lastSeen: now)
        if seen.count > capacity { evict(now: now) }
        return .create(name: name)
    }

    /// Forgets an Event that could not be written, so the next identical one creates it.
    mutating func forget(_ key: Key) {
        var key = key
        key.object.resourceVersion = ""
        seen[key] = nil
    }

    /// Names are client-go's `fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())`.
    static func nanos(_ date: Date) -> UInt64 {
        UInt64(max(0, date.timeIntervalSince1970) * 1_000_000_000)
    }

    private mutating func evict(now: Date) {
        seen = seen.filter { now.timeIntervalSince($0.value.lastSeen) <= window }
        while seen.count > capacity, let oldest = seen.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key {
            seen[oldest] = nil
        }
    }
}
