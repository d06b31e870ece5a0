#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `*time.Location`: a named set of zones and the instants at which each starts.
///
/// Sprig's `dateInZone "…" t "America/New_York"` calls `time.LoadLocation`, which reads
/// the system's TZif file, and `t.In(loc).Format` then shows the offset and abbreviation
/// in force at that instant (`EST` in February, `EDT` in July). Times after the file's
/// last transition follow its POSIX TZ footer (`EST5EDT,M3.2.0,M11.1.0`), as Go does.
/// Lookups mirror Go's `Location.lookup` so that every instant gets Go's answer,
/// including those before the first transition.
public final class GoLocation: Sendable, Hashable, CustomStringConvertible {
    /// One of the location's zones (`EST`, -18000, standard).
    public struct Zone: Equatable, Sendable {
        public var name: String
        /// Seconds east of UTC.
        public var offset: Int
        public var isDST: Bool
    }

    /// What Go's `lookup` answers for an instant: the zone in force and the span of
    /// Unix seconds over which it stays in force.
    public struct Lookup: Equatable, Sendable {
        public var name: String
        public var offset: Int
        public var start: Int64
        public var end: Int64
        public var isDST: Bool
    }

    /// Go's `alpha` and `omega`: the ends of time for zone spans.
    static let alpha = Int64.min
    static let omega = Int64.max

    /// The name `Location.String()` returns (`UTC`, `Local`, `Asia/Tokyo`, or a fixed
    /// zone's name, possibly empty).
    public let name: String
    let zones: [Zone]
    /// Transition instants (Unix seconds), ascending, and the zone each starts.
    let transitionTimes: [Int64]
    let transitionZones: [UInt8]
    /// The POSIX TZ rule for instants after the last transition (the TZif footer).
    let extend: String

    init(name: String, zones: [Zone], transitionTimes: [Int64], transitionZones: [UInt8], extend: String) {
        self.name = name
        self.zones = zones
        self.transitionTimes = transitionTimes
        self.transitionZones = transitionZones
        self.extend = extend
    }

    /// Go's `time.UTC`: no zones at all; lookups answer `UTC`, 0.
    public static let utc = GoLocation(name: "UTC", zones: [], transitionTimes: [], transitionZones: [], extend: "")

    /// Go's `time.FixedZone(name, offset)`: one zone for all time.
    public static func fixed(name: String, offset: Int) -> GoLocation {
        GoLocation(
            name: name, zones: [Zone(name: name, offset: offset, isDST: false)], transitionTimes: [alpha],
            transitionZones: [0], extend: "")
    }

    /// Go's `time.Local`, initialized as Go's `initLocal` does on Unix: `TZ` unset reads
    /// /etc/localtime (named `Local`); `TZ=""` or `TZ=UTC` is UTC; `TZ=:/path` or
    /// `TZ=/path` reads that file; `TZ=Area/City` reads it from the zoneinfo folders;
    /// anything that fails to load falls back to UTC.
    public static let local: GoLocation = loadLocal(environment: getenv("TZ").map { String(cString: $0) })

    static func loadLocal(environment tz: String?) -> GoLocation {
        // Go's fallback: Local is then a location of its own named UTC, not time.UTC
        // (so `GoString` still says `time.Local`).
        let fallback = GoLocation(name: "UTC", zones: [], transitionTimes: [], transitionZones: [], extend: "")
        guard var tz else {
            if let l = TZif.load(name: "Local", path: "/etc/localtime") { return l }
            return fallback
        }
        if tz.hasPrefix(":") { tz.removeFirst() }
        if tz.hasPrefix("/") {
            if let l = TZif.load(name: tz == "/etc/localtime" ? "Local" : tz, path: tz) { return l }
        } else if !tz.isEmpty && tz != "UTC" {
            if let l = TZif.loadFromSystem(name: tz) { return l }
        }
        return fallback
    }

    /// Go's `time.LoadLocation`: `""` and `UTC` are UTC, `Local` is Local, other names
    /// are read from the system's zoneinfo. Nil where Go returns an error (unknown
    /// names, names with `..` or a leading slash), which Sprig turns into UTC.
    public static func load(_ name: String) -> GoLocation? {
        if name.isEmpty || name == "UTC" { return utc }
        if name == "Local" { return local }
        if name.contains("..") || name.hasPrefix("/") || name.hasPrefix("\\") { return nil }
        return TZif.loadFromSystem(name: name)
    }

    public var description: String { name }

    public static func == (a: GoLocation, b: GoLocation) -> Bool {
        a === b
            || (a.name == b.name && a.zones == b.zones && a.transitionTimes == b.transitionTimes
                && a.transitionZones == b.transitionZones && a.extend == b.extend)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Go's `Location.lookup(sec)`.
    public func lookup(_ sec: Int64) -> Lookup {
        if zones.isEmpty {
            return Lookup(name: "UTC", offset: 0, start: Self.alpha, end: Self.omega, isDST: false)
        }
        if transitionTimes.isEmpty || sec < transitionTimes[0] {
            let zone = zones[firstZoneIndex]
            return Lookup(
                name: zone.name, offset: zone.offset, start: Self.alpha,
                end: transitionTimes.first ?? Self.omega, isDST: zone.isDST)
        }
        // Binary search for the last transition at or before sec.
        var end = Self.omega
        var lo = 0
        var hi = transitionTimes.count
        while hi - lo > 1 {
            let m = (lo + hi) / 2
            let lim = transitionTimes[m]
            if sec < lim {
                end = lim
                hi = m
            } else {
                lo = m
            }
        }
        let zone = zones[Int(transitionZones[lo])]
        let start = transitionTimes[lo]
        if lo == transitionTimes.count - 1, !extend.isEmpty,
            let rule = GoZoneRule.lookup(extend, lastTransition: start, sec: sec)
        {
            return rule
        }
        return Lookup(name: zone.name, offset: zone.offset, start: start, end: end, isDST: zone.isDST)
    }

    /// Go's `lookupFirstZone`: the zone for instants before the first transition.
    private var firstZoneIndex: Int {
        if !transitionZones.contains(0) { return 0 }
        if let first = transitionZones.first, zones[Int(first)].isDST {
            var zi = Int(first) - 1
            while zi >= 0 {
                if !zones[zi].isDST { return zi }
                zi -= 1
            }
        }
        return zones.firstIndex(where: { !$0.isDST }) ?? 0
    }

    /// Go's `Location.lookupName`: the offset of a zone abbreviation (as `time.Parse`
    /// reads `MST`), preferring a zone of that name actually in force near `unix`.
    func lookupName(_ name: String, unix: Int64) -> Int? {
        for zone in zones where zone.name == name {
            let l = lookup(unix &- Int64(zone.offset))
            if l.name == zone.name { return l.offset }
        }
        return zones.first(where: { $0.name == name })?.offset
    }
}
