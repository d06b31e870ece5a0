import Values

/// CEL's `google.protobuf.Timestamp` and `Duration`: parsing (`timestamp('2024-01-02T03:04:05Z')`,
/// `duration('1h30m')`), their string forms, arithmetic kept inside the range protobuf
/// allows (years 1 to 9999), and the UTC field getters (`getHours()`, `getFullYear()`…).
enum CELTime {
    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in Unix seconds.
    static let minSeconds: Int64 = -62_135_596_800
    static let maxSeconds: Int64 = 253_402_300_799

    static func timestamp(seconds: Int64, nanos: Int32, plus d: Int64) throws(CELEvalError) -> CELValue {
        let (s, o) = seconds.addingReportingOverflow(d / 1_000_000_000)
        if o { throw CELEvalError("timestamp out of range") }
        var secs = s
        var n = Int64(nanos) + d % 1_000_000_000
        if n < 0 { n += 1_000_000_000; secs -= 1 }
        if n >= 1_000_000_000 { n -= 1_000_000_000; secs += 1 }
        return try checked(seconds: secs, nanos: Int32(n))
    }

    static func checked(seconds: Int64, nanos: Int32) throws(CELEvalError) -> CELValue {
        guard seconds >= minSeconds, seconds <= maxSeconds else { throw CELEvalError("timestamp out of range") }
        return .timestamp(seconds: seconds, nanos: nanos)
    }

    static func parseTimestamp(_ text: String) throws(CELEvalError) -> CELValue {
        let t: GoTime
        do throws(GoTimeParseError) {
            t = try GoTime.parse(layout: GoTimeLayout.rfc3339, value: text, in: .utc)
        } catch {
            throw CELEvalError(error.message)
        }
        return try checked(seconds: t.seconds, nanos: t.nanoseconds)
    }

    static func parseDuration(_ text: String) throws(CELEvalError) -> CELValue {
        do throws(GoDurationError) {
            return .duration(try GoDuration.parse(text).nanoseconds)
        } catch {
            throw CELEvalError(error.message)
        }
    }

    /// RFC 3339 in UTC with as many fractional digits as needed, as cel-go prints it.
    static func timestampString(seconds: Int64, nanos: Int32) -> String {
        GoTime(seconds: seconds, nanoseconds: nanos).format(GoTimeLayout.rfc3339Nano)
    }

    /// Protobuf's JSON form: seconds with an optional fraction (`5400s`, `1.5s`).
    static func durationString(_ nanos: Int64) -> String {
        let negative = nanos < 0
        let m = nanos.magnitude
        var text = String(m / 1_000_000_000)
        let fraction = m % 1_000_000_000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return (negative ? "-" : "") + text + "s"
    }

    /// A timestamp's field in UTC; only the UTC time zone is supported.
    static func field(_ name: String, seconds: Int64, nanos: Int32) -> Int64? {
        let c = GoCalendar.civil(seconds: seconds)
        switch name {
        case "getFullYear": return Int64(c.year)
        case "getMonth": return Int64(c.month - 1)
        case "getDate": return Int64(c.day)
        case "getDayOfMonth": return Int64(c.day - 1)
        case "getDayOfWeek": return Int64(c.weekday)
        case "getDayOfYear": return Int64(c.yearDay - 1)
        case "getHours": return Int64(c.hour)
        case "getMinutes": return Int64(c.minute)
        case "getSeconds": return Int64(c.second)
        case "getMilliseconds": return Int64(nanos / 1_000_000)
        default: return nil
        }
    }

    /// A duration's total in a unit.
    static func field(_ name: String, duration d: Int64) -> Int64? {
        switch name {
        case "getHours": return d / GoDuration.hour
        case "getMinutes": return d / GoDuration.minute
        case "getSeconds": return d / GoDuration.second
        case "getMilliseconds": return d / GoDuration.millisecond
        default: return nil
        }
    }
}
