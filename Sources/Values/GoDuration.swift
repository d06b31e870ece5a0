/// Go's `time.Duration`: a signed count of nanoseconds.
///
/// Sprig's `duration`, `ago` and `dateModify` go through it: `time.ParseDuration`
/// reads `-1.5h` or `10m30s`, and `Duration.String()` prints `1h0m0s`, `1.5s`,
/// `2.5µs` or `0s`. Templates also see it as the result of `Time.Sub`, where it prints
/// through `String()` and marshals to JSON as its integer.
public struct GoDuration: GoObject, Hashable {
    public var nanoseconds: Int64

    public init(_ nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let nanosecond: Int64 = 1
    public static let microsecond: Int64 = 1000
    public static let millisecond: Int64 = 1_000_000
    public static let second: Int64 = 1_000_000_000
    public static let minute: Int64 = 60 * second
    public static let hour: Int64 = 60 * minute

    public static let goType: GoType = .named("time.Duration", .int64)
    public var goType: GoType { Self.goType }
    public var stringer: String? { string }
    public var structFields: [(name: String, value: Value)] { [] }
    public var jsonValue: Value { .int64(nanoseconds) }
    /// An integer kind: zero is false in `if`.
    public var isTruthy: Bool { nanoseconds != 0 }

    public func isIdentical(to other: any GoObject) -> Bool {
        (other as? GoDuration)?.nanoseconds == nanoseconds
    }

    /// Go's `Duration.String()`: `72h3m0.5s`; under a second, the largest unit that
    /// keeps an integer part (`1.5ms`, `2µs`, `7ns`); `0s` for zero.
    public var string: String {
        var buf: [UInt8] = []
        buf.reserveCapacity(24)
        var u = nanoseconds.magnitude
        let negative = nanoseconds < 0
        if u < UInt64(Self.second) {
            // Written backwards, then reversed.
            buf.append(UInt8(ascii: "s"))
            let precision: Int
            if u == 0 {
                return "0s"
            } else if u < UInt64(Self.microsecond) {
                precision = 0
                buf.append(UInt8(ascii: "n"))
            } else if u < UInt64(Self.millisecond) {
                precision = 3
                buf.append(contentsOf: [0xB5, 0xC2])  // "µ" reversed
            } else {
                precision = 6
                buf.append(UInt8(ascii: "m"))
            }
            u = Self.appendFraction(&buf, u, precision)
            Self.appendInteger(&buf, u)
        } else {
            buf.append(UInt8(ascii: "s"))
            u = Self.appendFraction(&buf, u, 9)
            Self.appendInteger(&buf, u % 60)
            u /= 60
            if u > 0 {
                buf.append(UInt8(ascii: "m"))
                Self.appendInteger(&buf, u % 60)
                u /= 60
                // Hours are the largest unit: days differ in length.
                if u > 0 {
                    buf.append(UInt8(ascii: "h"))
                    Self.appendInteger(&buf, u)
                }
            }
        }
        if negative { buf.append(UInt8(ascii: "-")) }
        buf.reverse()
        return String(decoding: buf, as: UTF8.self)
    }

    /// Go's `fmtFrac`, backwards: the fraction of v/10^precision without trailing
    /// zeros (and without the point when it is zero); returns the integer part.
    private static func appendFraction(_ buf: inout [UInt8], _ value: UInt64, _ precision: Int) -> UInt64 {
        var v = value
        var printing = false
        for _ in 0..<precision {
            let digit = v % 10
            printing = printing || digit != 0
            if printing { buf.append(UInt8(ascii: "0") + UInt8(digit)) }
            v /= 10
        }
        if printing { buf.append(UInt8(ascii: ".")) }
        return v
    }

    private static func appendInteger(_ buf: inout [UInt8], _ value: UInt64) {
        var v = value
        repeat {
            buf.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
    }

    /// Go's `Duration.Round(m)`: to the nearest multiple, halves away from zero,
    /// saturating at the ends of the range.
    public func rounded(to m: Int64) -> GoDuration {
        if m <= 0 { return self }
        let d = nanoseconds
        var r = d % m
        if d < 0 {
            r = -r
            if Self.lessThanHalf(r, m) { return GoDuration(d + r) }
            let (d1, overflow) = d.subtractingReportingOverflow(m - r)
            return GoDuration(!overflow && d1 < d ? d1 : Int64.min)
        }
        if Self.lessThanHalf(r, m) { return GoDuration(d - r) }
        let (d1, overflow) = d.addingReportingOverflow(m - r)
        return GoDuration(!overflow && d1 > d ? d1 : Int64.max)
    }

    /// Go's `Duration.Truncate(m)`: toward zero.
    public func truncated(to m: Int64) -> GoDuration {
        m <= 0 ? self : GoDuration(nanoseconds - nanoseconds % m)
    }

    static func lessThanHalf(_ x: Int64, _ y: Int64) -> Bool {
        UInt64(bitPattern: x) &+ UInt64(bitPattern: x) < UInt64(bitPattern: y)
    }
}

/// `time.ParseDuration`'s error: Go's texts (`time: invalid duration "x"`,
/// `time: missing unit in duration "1"`, `time: unknown unit "d" in duration "1d"`).
public struct GoDurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public var description: String { message }
}

extension GoDuration {
    private static let units: [String: UInt64] = [
        "ns": 1, "us": 1000, "\u{B5}s": 1000, "\u{3BC}s": 1000, "ms": 1_000_000, "s": 1_000_000_000,
        "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or a bare `0`.
    public static func parse(_ text: String) throws(GoDurationError) -> GoDuration {
        let bytes = Array(text.utf8)
        let invalid = GoDurationError(message: "time: invalid duration " + GoTimeQuote.quote(text))
        var i = 0
        var negative = false
        if let c = bytes.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            i = 1
        }
        if bytes.count - i == 1 && bytes[i] == UInt8(ascii: "0") { return GoDuration(0) }
        if i == bytes.count { throw invalid }
        var total: UInt64 = 0
        let limit: UInt64 = 1 << 63
        while i < bytes.count {
            let c = bytes[i]
            guard c == UInt8(ascii: ".") || GoTimeQuote.isDigit(c) else { throw invalid }
            // Integer part.
            let intStart = i
            guard let v0 = GoTimeQuote.leadingInt(bytes, &i) else { throw invalid }
            var v = v0
            let pre = i != intStart
            // Fraction.
            var f: UInt64 = 0
            var scale: Double = 1
            var post = false
            if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
                i += 1
                let fracStart = i
                var overflow = false
                while i < bytes.count && GoTimeQuote.isDigit(bytes[i]) {
                    if !overflow {
                        if f > (limit - 1) / 10 {
                            overflow = true
                        } else {
                            let y = f * 10 + UInt64(bytes[i] - UInt8(ascii: "0"))
                            if y > limit {
                                overflow = true
                            } else {
                                f = y
                                scale *= 10
                            }
                        }
                    }
                    i += 1
                }
                post = i != fracStart
            }
            if !pre && !post { throw invalid }
            // Unit: everything up to the next digit or point.
            let unitStart = i
            while i < bytes.count && bytes[i] != UInt8(ascii: ".") && !GoTimeQuote.isDigit(bytes[i]) { i += 1 }
            if i == unitStart {
                throw GoDurationError(message: "time: missing unit in duration " + GoTimeQuote.quote(text))
            }
            let unitText = String(decoding: bytes[unitStart..<i], as: UTF8.self)
            guard let unit = units[unitText], bytes[unitStart..<i].elementsEqual(unitText.utf8) else {
                throw GoDurationError(
                    message: "time: unknown unit " + GoTimeQuote.quote(bytes[unitStart..<i]) + " in duration "
                        + GoTimeQuote.quote(text))
            }
            if v > limit / unit { throw invalid }
            v *= unit
            if f > 0 {
                // Go computes the fraction in float64 (exact to the nanosecond for hours).
                v += UInt64(Double(f) * (Double(unit) / scale))
                if v > limit { throw invalid }
            }
            total &+= v  // wraps like Go's uint64 sum
            if total > limit { throw invalid }
        }
        if negative { return GoDuration(Int64(bitPattern: 0 &- total)) }
        if total > limit - 1 { throw invalid }
        return GoDuration(Int64(total))
    }
}
