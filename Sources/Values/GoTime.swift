/// Go's `time.Time`: an instant plus the zone it is shown in.
///
/// Sprig's date functions (`now`, `toDate`, `date`, `dateModify`…) and BurntSushi/toml's
/// datetimes hand templates `time.Time` values; templates print them with `Time.String()`
/// (`2020-01-02 00:00:00 +0000 UTC`), `toJson` writes `MarshalJSON`'s RFC 3339 text, and
/// `date` formats them with Go's reference-time layouts (see GoTimeLayout.swift). The
/// calendar is the proleptic Gregorian one Go uses, computed here from day counts —
/// Foundation's calendars differ for distant years and know nothing of Go's layouts.
public struct GoTime: GoObject, Hashable {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    public var seconds: Int64
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanoseconds: Int32
    /// The zone's offset east of UTC, in seconds, at this instant in `location`.
    public var offset: Int
    /// The zone's abbreviation (`UTC`, `CET`); empty for a zone Go knows only by its
    /// offset, which prints as `+0200` where a name would go.
    public var zone: String
    /// The location the time is shown in (Go's `*Location`); `offset` and `zone` are
    /// what it answers for this instant, kept so printing needs no lookup.
    public var location: GoLocation
    /// Go's monotonic clock reading, in nanoseconds since the process started: only
    /// `time.Now()` sets it, `Add` carries it, and `String()` shows it as
    /// ` m=+0.002345678` — which is why Helm prints `{{ now }}` with that suffix.
    public var monotonic: Int64?

    /// A time in a fixed zone (`time.FixedZone(zone, offset)`; UTC for the defaults).
    public init(seconds: Int64, nanoseconds: Int32 = 0, offset: Int = 0, zone: String = "UTC") {
        let location: GoLocation = offset == 0 && zone == "UTC" ? .utc : .fixed(name: zone, offset: offset)
        self.init(seconds: seconds, nanoseconds: nanoseconds, location: location)
    }

    /// An instant shown in a location; the zone in force then is looked up.
    public init(seconds: Int64, nanoseconds: Int32 = 0, location: GoLocation) {
        // Keep nanoseconds in range whatever the caller passed.
        let extra = Int64(nanoseconds).floorDivided(by: 1_000_000_000)
        self.seconds = seconds &+ extra
        self.nanoseconds = Int32(Int64(nanoseconds) - extra * 1_000_000_000)
        self.location = location
        let zone = location.lookup(self.seconds)
        self.offset = zone.offset
        self.zone = zone.name
        self.monotonic = nil
    }

    /// Go's `time.Date` in a fixed zone: the given wall clock, with out-of-range fields
    /// normalized the way Go does (month 13 is January of the next year).
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        nanosecond: Int = 0, offset: Int = 0, zone: String = "UTC"
    ) {
        let location: GoLocation = offset == 0 && zone == "UTC" ? .utc : .fixed(name: zone, offset: offset)
        self = GoTime.date(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond, location: location)
    }

    /// Go's `time.Date(year, month, day, hour, min, sec, nsec, loc)`. Fields out of range
    /// carry into the next larger one; a wall clock that a zone change skips or repeats
    /// resolves as Go's does (look up the offset at the wall time read as UTC, and again
    /// at the corrected instant if that falls outside the zone's span). Arithmetic wraps
    /// rather than trapping, as Go's does, for absurd inputs.
    public static func date(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        nanosecond: Int = 0, location: GoLocation
    ) -> GoTime {
        let m0 = Int64(month) &- 1
        let y = Int64(year) &+ m0.floorDivided(by: 12)
        let m = m0 - m0.floorDivided(by: 12) * 12 + 1
        let days = GoCalendar.daysFromCivil(year: Int(truncatingIfNeeded: y), month: Int(m), day: 1) &+ Int64(day) &- 1
        let extra = Int64(nanosecond).floorDivided(by: 1_000_000_000)
        var unix = days &* 86_400 &+ Int64(hour) &* 3600 &+ Int64(minute) &* 60 &+ Int64(second) &+ extra
        let zone = location.lookup(unix)
        var offset = zone.offset
        if offset != 0 {
            let utc = unix &- Int64(offset)
            if utc < zone.start || utc >= zone.end { offset = location.lookup(utc).offset }
            unix = unix &- Int64(offset)
        }
        return GoTime(
            seconds: unix, nanoseconds: Int32(Int64(nanosecond) - extra * 1_000_000_000), location: location)
    }

    /// Go's zero `time.Time`: January 1, year 1, 00:00:00 UTC.
    public static let zero = GoTime(seconds: -62_135_596_800)

    /// The same instant shown in a fixed zone.
    public func inZone(offset: Int, zone: String) -> GoTime {
        self.in(offset == 0 && zone == "UTC" ? .utc : .fixed(name: zone, offset: offset))
    }

    /// `Time.In(loc)`: the same instant shown in another location. Like Go's `In`,
    /// `UTC` and `Local`, it drops the monotonic reading.
    public func `in`(_ location: GoLocation) -> GoTime {
        GoTime(seconds: seconds, nanoseconds: nanoseconds, location: location)
    }

    public var utc: GoTime { self.in(.utc) }

    /// `Time.IsZero`.
    public var isZero: Bool { seconds == GoTime.zero.seconds && nanoseconds == 0 }

    /// `Time.UnixNano`, wrapping like Go's for instants outside ±292 years.
    public var unixNano: Int64 { seconds &* 1_000_000_000 &+ Int64(nanoseconds) }

    /// The wall-clock fields in the time's own zone.
    public var civil: GoCalendar.Civil { GoCalendar.civil(seconds: seconds &+ Int64(offset)) }

    public var goType: GoType { .named("time.Time", .structure) }

    /// Go's `Time.String()`: the default layout, then the monotonic reading if any.
    public var stringer: String? {
        let text = format("2006-01-02 15:04:05.999999999 -0700 MST")
        guard let m = monotonic else { return text }
        var magnitude = m.magnitude
        let nanos = magnitude % 1_000_000_000
        magnitude /= 1_000_000_000
        let fraction = String(nanos)
        return text + " m=" + (m < 0 ? "-" : "+") + String(magnitude) + "."
            + String(repeating: "0", count: 9 - fraction.count) + fraction
    }

    /// `time.Time`'s fields are unexported, so `%+v` shows only what `String()` gives.
    public var structFields: [(name: String, value: Value)] { [] }

    /// `Time.MarshalJSON`: RFC 3339 with as many fractional digits as needed.
    public var jsonValue: Value { .string(format(GoTimeLayout.rfc3339Nano)) }

    /// The error `Time.MarshalJSON` returns instead, for years outside 0…9999 (which
    /// makes Helm's `toJson`/`toYaml` print nothing and `mustToJson` fail with
    /// `json: error calling MarshalJSON for type time.Time: …`).
    public var jsonMarshalError: String? {
        (0...9999).contains(civil.year) ? nil : "Time.MarshalJSON: year outside of range [0,9999]"
    }

    public func isIdentical(to other: any GoObject) -> Bool {
        guard let other = other as? GoTime else { return false }
        return self == other
    }
}

/// Proleptic Gregorian calendar arithmetic on day counts since 1970-01-01
/// (Howard Hinnant's days-from-civil algorithms), exact for every Int64 day Go handles.
public enum GoCalendar {
    public struct Civil: Equatable, Sendable {
        public var year: Int
        /// 1…12.
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// 0 is Sunday, as Go's `time.Weekday`.
        public var weekday: Int
        /// 1…366.
        public var yearDay: Int
    }

    /// Days from 1970-01-01 to a date (month 1…12). Wraps rather than trapping for
    /// years no calendar reaches, as Go's arithmetic does.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year &- 1 : year)
        let era = (y >= 0 ? y : y &- 399) / 400
        let yoe = y &- era &* 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 &+ Int64(day) &- 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 &+ doy
        return era &* 146_097 &+ doe &- 719_468
    }

    /// Go's `unixToAbsolute`, a whole number of days.
    static let unixToAbsolute: Int64 = 9_223_372_028_683_785_600

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// Days before each month in a common year (Go's `daysBefore`).
    static let daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]

    static func daysIn(month: Int, year: Int) -> Int {
        if month == 2 && isLeap(year) { return 29 }
        return daysBefore[month] - daysBefore[month - 1]
    }

    /// The calendar fields of a count of seconds since the epoch, read as wall time.
    ///
    /// Go counts from an "absolute" epoch (a March 1 some 292 billion years back) in
    /// unsigned arithmetic; mirroring that makes instants beyond its range (Unix seconds
    /// near `Int64.min`) wrap to the same far-future dates Go prints.
    public static func civil(seconds: Int64) -> Civil {
        let absolute = UInt64(bitPattern: seconds &+ unixToAbsolute)
        let days = Int64(absolute / 86_400) - unixToAbsolute / 86_400
        let secs = Int(absolute % 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let mp = (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        let weekday = Int((days + 4).floorModulo(7))
        let yearDay = Int(days - daysFromCivil(year: year, month: 1, day: 1)) + 1
        return Civil(
            year: year, month: month, day: day, hour: secs / 3600, minute: secs / 60 % 60, second: secs % 60,
            weekday: weekday, yearDay: yearDay)
    }
}

extension BinaryInteger {
    /// Division rounding toward negative infinity.
    func floorDivided(by d: Self) -> Self {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }

    func floorModulo(_ d: Self) -> Self { self - floorDivided(by: d) * d }
}
