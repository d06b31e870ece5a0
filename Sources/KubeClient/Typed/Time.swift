import Foundation
import KubeObjects

/// `metav1.Time`: whole seconds, RFC 3339 in UTC (`2024-05-01T12:00:00Z`). KubeObjects'
/// `KubeTime` is the value; this file adds what typed code needs around it.
public typealias Time = KubeTime

extension KubeTime: Codable {
    /// Accepts any RFC 3339 time (offsets, fractions: the fraction is dropped, as
    /// metav1.Time keeps seconds).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let time = KubeTime(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \"\(text)\"")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}

extension KubeTime {
    /// The second `date` falls in (truncated, as Go's `time.RFC3339` formatting truncates).
    public init(date: Date) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Clamped so that no Date (not even a NaN interval) makes the conversion trap.
        self.init(secondsSinceEpoch: seconds.isNaN ? 0 : Int64(min(max(seconds, -9.2e18), 9.2e18)))
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }

    public static var now: KubeTime { KubeTime(date: Date()) }
}
