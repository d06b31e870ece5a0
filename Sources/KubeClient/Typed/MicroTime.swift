import Foundation
import KubeObjects

/// `metav1.MicroTime`: a time with microseconds, written as RFC 3339 in UTC with exactly six
/// fraction digits (`2024-05-01T12:00:00.123456Z`, Go's `RFC3339Micro`). Leases
/// (`acquireTime`, `renewTime`) and Events (`eventTime`) use it.
///
/// Reading is more lenient than Go's (which insists on six digits): any number of fraction
/// digits, or none, and any offset; digits past the sixth are truncated, as Go truncates
/// when it formats.
public struct MicroTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64
    /// 0 ..< 1_000_000, also for times before 1970 (the seconds are floored).
    public var microseconds: Int32

    public init(secondsSinceEpoch: Int64, microseconds: Int32 = 0) {
        // Normalise so that `microseconds` is always in range, whatever the caller passed.
        let carry = Int64(microseconds).floorDivided(by: 1_000_000)
        self.secondsSinceEpoch = secondsSinceEpoch + carry
        self.microseconds = Int32(Int64(microseconds) - carry * 1_000_000)
    }

    public init?(rfc3339 text: String) {
        guard let seconds = KubeTime(rfc3339: text) else { return nil }
        var micros: Int32 = 0
        let bytes = Array(text.utf8)
        // KubeTime validated the layout: seconds end at byte 19, a fraction starts with `.`.
        if bytes.count > 19, bytes[19] == UInt8(ascii: ".") {
            var scale: Int32 = 100_000
            for b in bytes[20...] {
                guard b >= 0x30, b <= 0x39 else { break }
                micros += Int32(b - 0x30) * scale
                scale /= 10
            }
        }
        self.init(secondsSinceEpoch: seconds.secondsSinceEpoch, microseconds: micros)
    }

    /// Rounded to the nearest microsecond: a `Date` is a Double, and 0.123456 is stored as
    /// 0.12345599…, which truncation would turn into 123455.
    public init(date: Date) {
        // Clamped to ±9.2e12 s (about ±292,000 years) so no Date makes the conversion trap.
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let total = micros.isNaN ? 0 : Int64(min(max(micros, -9.2e18), 9.2e18))
        let seconds = total.floorDivided(by: 1_000_000)
        self.init(secondsSinceEpoch: seconds, microseconds: Int32(total - seconds * 1_000_000))
    }

    public init(_ time: KubeTime) {
        self.init(secondsSinceEpoch: time.secondsSinceEpoch)
    }

    public var date: Date {
        Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch) + TimeInterval(microseconds) / 1_000_000)
    }

    public static var now: MicroTime { MicroTime(date: Date()) }

    /// The whole second, as a `metav1.Time` would keep it.
    public var time: KubeTime { KubeTime(secondsSinceEpoch: secondsSinceEpoch) }

    public var rfc3339: String {
        var whole = KubeTime(secondsSinceEpoch: secondsSinceEpoch).rfc3339
        whole.removeLast()  // the `Z`
        let digits = String(microseconds)
        return whole + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }

    public var description: String { rfc3339 }

    public static func < (a: MicroTime, b: MicroTime) -> Bool {
        (a.secondsSinceEpoch, a.microseconds) < (b.secondsSinceEpoch, b.microseconds)
    }
}

extension MicroTime: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let time = MicroTime(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \"\(text)\"")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}

extension Int64 {
    /// Division rounding towards negative infinity (Swift's `/` rounds towards zero).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
