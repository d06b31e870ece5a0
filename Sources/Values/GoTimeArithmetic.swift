/// Go's arithmetic on `time.Time`: `Add`, `AddDate`, `Sub`, comparisons, `Truncate`
/// and `Round` — what `dateModify`, `ago` and template method calls
/// (`(now).Add 3600`, `.AddDate 0 1 0`) compute. Overflow behaves as Go's does:
/// `Add` saturates at the ends of time, `Sub` clamps to the Duration range, and the
/// monotonic reading is kept by `Add` and dropped by the others.
extension GoTime {
    /// Seconds from January 1, year 1 to the Unix epoch (Go's `unixToInternal`).
    static let unixToInternal: Int64 = 62_135_596_800

    /// `Time.Add(d)`.
    public func adding(_ d: GoDuration) -> GoTime {
        let ns = d.nanoseconds
        var dsec = ns / 1_000_000_000
        var nsec = Int64(nanoseconds) + ns % 1_000_000_000
        if nsec >= 1_000_000_000 {
            dsec += 1
            nsec -= 1_000_000_000
        } else if nsec < 0 {
            dsec -= 1
            nsec += 1_000_000_000
        }
        // Go's addSec saturates the seconds since year 1.
        let sinceYearOne = seconds &+ GoTime.unixToInternal
        let sum = sinceYearOne &+ dsec
        let saturated: Int64 =
            (sum > sinceYearOne) == (dsec > 0) ? sum : (dsec > 0 ? Int64.max : -Int64.max)
        var t = GoTime(seconds: saturated &- GoTime.unixToInternal, nanoseconds: Int32(nsec), location: location)
        if let m = monotonic {
            let te = m &+ ns
            t.monotonic = (ns < 0 && te > m) || (ns > 0 && te < m) ? nil : te
        }
        return t
    }

    /// `Time.AddDate(years, months, days)`: the wall clock moved by calendar units,
    /// normalized by `time.Date` (October 31 plus one month is December 1).
    public func addingDate(years: Int, months: Int, days: Int) -> GoTime {
        let c = civil
        return GoTime.date(
            year: c.year &+ years, month: c.month &+ months, day: c.day &+ days, hour: c.hour, minute: c.minute,
            second: c.second, nanosecond: Int(nanoseconds), location: location)
    }

    /// `Time.Sub(u)`: by the monotonic readings when both have one, else by the wall
    /// clocks, clamped to the Duration range.
    public func subtracting(_ u: GoTime) -> GoDuration {
        if let a = monotonic, let b = u.monotonic {
            let d = a &- b
            if d < 0 && a > b { return GoDuration(Int64.max) }
            if d > 0 && a < b { return GoDuration(Int64.min) }
            return GoDuration(d)
        }
        let d = (seconds &- u.seconds) &* 1_000_000_000 &+ Int64(nanoseconds - u.nanoseconds)
        if u.adding(GoDuration(d)).isEqual(to: self) { return GoDuration(d) }
        return GoDuration(isBefore(self, u) ? Int64.min : Int64.max)
    }

    /// `Time.Equal`: the same instant, whatever the zones.
    public func isEqual(to u: GoTime) -> Bool {
        if let a = monotonic, let b = u.monotonic { return a == b }
        return seconds == u.seconds && nanoseconds == u.nanoseconds
    }

    /// `Time.Compare`: -1, 0 or +1.
    public func compare(to u: GoTime) -> Int {
        if let a = monotonic, let b = u.monotonic { return a < b ? -1 : (a > b ? 1 : 0) }
        if seconds != u.seconds { return seconds < u.seconds ? -1 : 1 }
        if nanoseconds != u.nanoseconds { return nanoseconds < u.nanoseconds ? -1 : 1 }
        return 0
    }

    private func isBefore(_ t: GoTime, _ u: GoTime) -> Bool { t.compare(to: u) < 0 }

    /// `Time.Truncate(d)`: down to a multiple of d since the zero time.
    public func truncated(to d: GoDuration) -> GoTime {
        var t = self
        t.monotonic = nil
        if d.nanoseconds <= 0 { return t }
        return t.adding(GoDuration(-t.remainder(dividingBy: d.nanoseconds)))
    }

    /// `Time.Round(d)`: to the nearest multiple of d since the zero time, halves up.
    public func rounded(to d: GoDuration) -> GoTime {
        var t = self
        t.monotonic = nil
        if d.nanoseconds <= 0 { return t }
        let r = t.remainder(dividingBy: d.nanoseconds)
        if GoDuration.lessThanHalf(r, d.nanoseconds) { return t.adding(GoDuration(-r)) }
        return t.adding(GoDuration(d.nanoseconds &- r))
    }

    /// Go's `div(t, d)` remainder: the time since January 1, year 1, modulo d (never
    /// negative).
    func remainder(dividingBy d: Int64) -> Int64 {
        let total = Int128(seconds &+ GoTime.unixToInternal) * 1_000_000_000 + Int128(nanoseconds)
        var r = total % Int128(d)
        if r < 0 { r += Int128(d) }
        return Int64(r)
    }

    /// `Time.IsDST`.
    public var isDST: Bool { location.lookup(seconds).isDST }

    /// `Time.GoString()`, as `%#v` prints times.
    public var goString: String {
        let c = civil
        var s = "time.Date(\(c.year), time.\(GoTimeLayout.longMonthNames[c.month - 1]), \(c.day), "
        s += "\(c.hour), \(c.minute), \(c.second), \(nanoseconds), "
        if location === GoLocation.utc {
            s += "time.UTC"
        } else if location === GoLocation.local {
            s += "time.Local"
        } else {
            s += "time.Location(" + GoTimeQuote.quote(location.name) + ")"
        }
        return s + ")"
    }
}
