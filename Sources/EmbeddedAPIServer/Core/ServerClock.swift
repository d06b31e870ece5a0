#if canImport(Glibc)
import Glibc
#endif
import KubeObjects

/// Wall-clock time as the API server stamps it: whole seconds (RFC 3339, UTC) for
/// `creationTimestamp`, `deletionTimestamp` and managedFields times.
public struct ServerClock: Sendable {
    private let offset: Int64

    /// `offset` shifts the clock (seconds), so tests can age objects without sleeping.
    public init(offset: Int64 = 0) { self.offset = offset }

    public var now: KubeTime { KubeTime(secondsSinceEpoch: Int64(time(nil)) + offset) }
    public var timestamp: String { now.rfc3339 }
}
