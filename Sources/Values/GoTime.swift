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
    /// The zone's offset east of UTC, in seconds.
    public var offset: Int
    /// The zone's abbreviation (`UTC`, `CET`); empty for a zone Go knows only by its
    /// offset, which prints as `+0200` where a name would go.
    public var zone: String

    public init(seconds: Int64, nanoseconds: Int32 = 0, offset: Int = 0, zone: String = "UTC") {
        // Keep nanoseconds in range whatever the caller passed.
        let extra = Int64(nanoseconds).floorDivided(by: 1_000_000_000)
        self.seconds = seconds + extra
        self.nanoseconds = Int32(Int64(nanoseconds) - extra * 1_000_000_000)
        self.offset = offset
        self.zone = zone
    }

    /// Go's `time.Date`: the given wall clock in a zone, with out-of-range fields
    /// normalized the way Go does (month 13 is January of the next year).
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        nanosecond: Int = 0, offset: Int = 0, zone: String = "UTC"
    ) {
        let m0 = month - 1
        let y = year + m0.floorDivided(by: 12)
        let m = m0 - m0.floorDivided(by: 12) * 12 + 1
        let days = GoCalendar.daysFromCivil(year: y, month: m, day: 1) + Int64(day - 1)
        let wall = days * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
        let extra = Int64(nanosecond).floorDivided(by: 1_000_000_000)
        self.init(
            seconds: wall - Int64(offset) + extra,
            nanoseconds: Int32(Int64(nanosecond) - extra * 1_000_000_000), offset: offset, zone: zone)
    }

    /// Go's zero `time.Time`: January 1, year 1, 00:00:00 UTC.
    public static let zero = GoTime(seconds: -62_135_596_800)

    /// The same instant shown in another zone (`Time.In`, `Time.UTC`).
    public func inZone(offset: Int, zone: String) -> GoTime {
        var t = self
        t.offset = offset
        t.zone = zone
        return t
    }

    public var utc: GoTime { inZone(offset: 0, zone: "UTC") }

    /// `Time.IsZero`.
    public var isZero: Bool { seconds == GoTime.zero.seconds && nanoseconds == 0 }

    /// `Time.UnixNano`, wrapping like Go's for instants outside ±292 years.
    public var unixNano: Int64 { seconds &* 1_000_000_000 &+ Int64(nanoseconds) }

    /// The wall-clock fields in the time's own zone.
    public var civil: GoCalendar.Civil { GoCalendar.civil(seconds: seconds + Int64(offset)) }

    public var goType: GoType { .named("time.Time", .structure) }

    /// Go's `Time.String()`.
    public var stringer: String? { format("2006-01-02 15:04:05.999999999 -0700 MST") }

    /// `time.Time`'s fields are unexported, so `%+v` shows only what `String()` gives.
    public var structFields: [(name: String, value: Value)] { [] }

    /// `Time.MarshalJSON`: RFC 3339 with as many fractional digits as needed. (Go
    /// refuses years outside 0…9999; such times are out of any chart's reach.)
    public var jsonValue: Value { .string(format(GoTimeLayout.rfc3339Nano)) }

    public func isIdentical(to other: any GoObject) -> Bool {
        guard let other = other as? GoTime else { return false }
        return self == other
    }

    public func method(_ name: String) -> GoFunction? {
        let t = self
        switch name {
        case "Format":
            return GoFunction("Format", [.string]) { args in .string(t.format(args[0].stringValue ?? "")) }
        case "String": return GoFunction("String", []) { _ in .string(t.stringer ?? "") }
        case "Unix": return GoFunction("Unix", []) { _ in .int64(t.seconds) }
        case "UnixNano": return GoFunction("UnixNano", []) { _ in .int64(t.unixNano) }
        case "UnixMilli":
            return GoFunction("UnixMilli", []) { _ in .int64(t.seconds &* 1000 &+ Int64(t.nanoseconds / 1_000_000)) }
        case "Year": return GoFunction("Year", []) { _ in .int(t.civil.year) }
        case "YearDay": return GoFunction("YearDay", []) { _ in .int(t.civil.yearDay) }
        case "Day": return GoFunction("Day", []) { _ in .int(t.civil.day) }
        case "Hour": return GoFunction("Hour", []) { _ in .int(t.civil.hour) }
        case "Minute": return GoFunction("Minute", []) { _ in .int(t.civil.minute) }
        case "Second": return GoFunction("Second", []) { _ in .int(t.civil.second) }
        case "Nanosecond": return GoFunction("Nanosecond", []) { _ in .int(Int(t.nanoseconds)) }
        case "IsZero": return GoFunction("IsZero", []) { _ in .bool(t.isZero) }
        case "UTC": return GoFunction("UTC", []) { _ in .object(t.utc) }
        default: return nil
        }
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

    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar fields of a count of seconds since the epoch, read as wall time.
    public static func civil(seconds: Int64) -> Civil {
        let days = seconds.floorDivided(by: 86_400)
        let secs = Int(seconds - days * 86_400)
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
