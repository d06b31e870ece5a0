/// The methods templates may call on `time.Time`, `time.Duration`, `time.Month`,
/// `time.Weekday` and `*time.Location`, with Go's signatures (the executor checks and
/// converts arguments against them: `(now).Add 3600` passes a `time.Duration`).
///
/// Methods with several results (`Date`, `Clock`, `Zone`, `ISOWeek`) are not listed:
/// Go's `text/template` refuses to call them anyway.
enum GoTimeTypes {
    static let time: GoType = .named("time.Time", .structure)
    static let duration: GoType = GoDuration.goType
    static let location: GoType = .pointer(.named("time.Location", .structure))

    /// A `time.Duration` argument: a converted integer constant or a Duration value.
    static func duration(_ v: Value) -> GoDuration {
        switch v {
        case .int(let n, _): return GoDuration(n)
        case .object(let o as GoDuration): return o
        default: return GoDuration(0)
        }
    }

    static func time(_ v: Value) -> GoTime {
        if case .object(let o as GoTime) = v { return o }
        return .zero
    }
}

extension GoTime {
    public func method(_ name: String) -> GoFunction? {
        let t = self
        func int(_ body: @escaping @Sendable (GoTime) -> Int) -> GoFunction {
            GoFunction(name, []) { _ in .int(body(t)) }
        }
        func int64(_ body: @escaping @Sendable (GoTime) -> Int64) -> GoFunction {
            GoFunction(name, []) { _ in .int64(body(t)) }
        }
        func time(_ params: [GoType] = [], _ body: @escaping @Sendable (GoTime, [Value]) throws -> GoTime)
            -> GoFunction
        {
            GoFunction(name, params) { .object(try body(t, $0)) }
        }
        func compare(_ body: @escaping @Sendable (GoTime, GoTime) -> Value) -> GoFunction {
            GoFunction(name, [GoTimeTypes.time]) { body(t, GoTimeTypes.time($0[0])) }
        }
        switch name {
        case "Format":
            return GoFunction(name, [.string]) { args in .string(t.format(args[0].stringValue ?? "")) }
        case "String": return GoFunction(name, []) { _ in .string(t.stringer ?? "") }
        case "GoString": return GoFunction(name, []) { _ in .string(t.goString) }
        case "Unix": return int64 { $0.seconds }
        case "UnixNano": return int64 { $0.unixNano }
        case "UnixMilli": return int64 { $0.unixSubsecond(1_000) }
        case "UnixMicro": return int64 { $0.unixSubsecond(1_000_000) }
        case "Year": return int { $0.civil.year }
        case "YearDay": return int { $0.civil.yearDay }
        case "Day": return int { $0.civil.day }
        case "Hour": return int { $0.civil.hour }
        case "Minute": return int { $0.civil.minute }
        case "Second": return int { $0.civil.second }
        case "Nanosecond": return int { Int($0.nanoseconds) }
        case "Month": return GoFunction(name, []) { _ in .object(GoMonth(t.civil.month)) }
        case "Weekday": return GoFunction(name, []) { _ in .object(GoWeekday(t.civil.weekday)) }
        case "IsZero": return GoFunction(name, []) { _ in .bool(t.isZero) }
        case "IsDST": return GoFunction(name, []) { _ in .bool(t.isDST) }
        case "Location": return GoFunction(name, []) { _ in .object(GoLocationValue(t.location)) }
        case "UTC": return time { t, _ in t.utc }
        case "Local": return time { t, _ in t.in(.local) }
        case "In":
            return time([GoTimeTypes.location]) { t, args in
                guard case .object(let l as GoLocationValue) = args[0] else {
                    throw GoFunctionError("time: missing Location in call to Time.In")
                }
                return t.in(l.location)
            }
        case "Add": return time([GoTimeTypes.duration]) { t, args in t.adding(GoTimeTypes.duration(args[0])) }
        case "AddDate":
            return time([.int, .int, .int]) { t, args in
                func n(_ i: Int) -> Int {
                    if case .int(let v, _) = args[i] { return Int(truncatingIfNeeded: v) }
                    return 0
                }
                return t.addingDate(years: n(0), months: n(1), days: n(2))
            }
        case "Truncate":
            return time([GoTimeTypes.duration]) { t, args in t.truncated(to: GoTimeTypes.duration(args[0])) }
        case "Round":
            return time([GoTimeTypes.duration]) { t, args in t.rounded(to: GoTimeTypes.duration(args[0])) }
        case "Sub":
            return GoFunction(name, [GoTimeTypes.time]) { args in .object(t.subtracting(GoTimeTypes.time(args[0]))) }
        case "After": return compare { .bool($0.compare(to: $1) > 0) }
        case "Before": return compare { .bool($0.compare(to: $1) < 0) }
        case "Equal": return compare { .bool($0.isEqual(to: $1)) }
        case "Compare": return compare { .int($0.compare(to: $1)) }
        default: return nil
        }
    }

    /// `UnixMilli`/`UnixMicro`: seconds scaled plus the truncated fraction.
    private func unixSubsecond(_ perSecond: Int64) -> Int64 {
        seconds &* perSecond &+ Int64(nanoseconds) / (1_000_000_000 / perSecond)
    }
}

extension GoDuration {
    public func method(_ name: String) -> GoFunction? {
        let d = self
        let ns = nanoseconds
        func float(_ unit: Int64) -> GoFunction {
            GoFunction(name, []) { _ in .float(Double(ns / unit) + Double(ns % unit) / Double(unit)) }
        }
        func duration(_ body: @escaping @Sendable (GoDuration, GoDuration) -> GoDuration) -> GoFunction {
            GoFunction(name, [GoTimeTypes.duration]) { .object(body(d, GoTimeTypes.duration($0[0]))) }
        }
        switch name {
        case "String": return GoFunction(name, []) { _ in .string(d.string) }
        case "Hours": return float(GoDuration.hour)
        case "Minutes": return float(GoDuration.minute)
        case "Seconds": return float(GoDuration.second)
        case "Milliseconds": return GoFunction(name, []) { _ in .int64(ns / GoDuration.millisecond) }
        case "Microseconds": return GoFunction(name, []) { _ in .int64(ns / GoDuration.microsecond) }
        case "Nanoseconds": return GoFunction(name, []) { _ in .int64(ns) }
        case "Abs":
            return GoFunction(name, []) { _ in
                .object(GoDuration(ns >= 0 ? ns : (ns == Int64.min ? Int64.max : -ns)))
            }
        case "Round": return duration { $0.rounded(to: $1.nanoseconds) }
        case "Truncate": return duration { $0.truncated(to: $1.nanoseconds) }
        default: return nil
        }
    }
}

/// An object whose Go kind is an integer (`time.Month`, `time.Weekday`,
/// `time.Duration`). Go's `eq`/`lt` compare such values as integers and `%d` prints
/// the number, while `%v` and `{{ }}` use their `String()`; the comparison and `fmt`
/// code can read the number here.
public protocol GoIntegerObject: GoObject {
    var integerValue: Int64 { get }
}

extension GoMonth: GoIntegerObject {
    public var integerValue: Int64 { Int64(value) }
}

extension GoWeekday: GoIntegerObject {
    public var integerValue: Int64 { Int64(value) }
}

extension GoDuration: GoIntegerObject {
    public var integerValue: Int64 { nanoseconds }
}

/// Go's `time.Month`: an `int` that prints as its English name (`November`), and as
/// `%!Month(13)` out of range.
public struct GoMonth: GoObject, Hashable {
    public var value: Int
    public init(_ value: Int) { self.value = value }
    public var goType: GoType { .named("time.Month", .int) }
    public var stringer: String? {
        (1...12).contains(value) ? GoTimeLayout.longMonthNames[value - 1] : "%!Month(\(value))"
    }
    public var structFields: [(name: String, value: Value)] { [] }
    public var jsonValue: Value { .int(value) }
    public var isTruthy: Bool { value != 0 }
    public func isIdentical(to other: any GoObject) -> Bool { (other as? GoMonth) == self }
    public func method(_ name: String) -> GoFunction? {
        let s = stringer ?? ""
        return name == "String" ? GoFunction(name, []) { _ in .string(s) } : nil
    }
}

/// Go's `time.Weekday`: an `int` (Sunday is 0) that prints as the day's name.
public struct GoWeekday: GoObject, Hashable {
    public var value: Int
    public init(_ value: Int) { self.value = value }
    public var goType: GoType { .named("time.Weekday", .int) }
    public var stringer: String? {
        (0...6).contains(value) ? GoTimeLayout.longDayNames[value] : "%!Weekday(\(value))"
    }
    public var structFields: [(name: String, value: Value)] { [] }
    public var jsonValue: Value { .int(value) }
    public var isTruthy: Bool { value != 0 }
    public func isIdentical(to other: any GoObject) -> Bool { (other as? GoWeekday) == self }
    public func method(_ name: String) -> GoFunction? {
        let s = stringer ?? ""
        return name == "String" ? GoFunction(name, []) { _ in .string(s) } : nil
    }
}

/// A `*time.Location` as `Time.Location` returns it: prints its name (`UTC`, `Local`,
/// `Asia/Tokyo`); its fields are unexported, so JSON sees `{}`.
public struct GoLocationValue: GoObject, Hashable {
    public var location: GoLocation
    public init(_ location: GoLocation) { self.location = location }
    public var goType: GoType { GoTimeTypes.location }
    public var stringer: String? { location.name }
    public var structFields: [(name: String, value: Value)] { [] }
    public var jsonValue: Value { .map([:]) }
    public func isIdentical(to other: any GoObject) -> Bool { (other as? GoLocationValue)?.location === location }
    public func method(_ name: String) -> GoFunction? {
        let s = location.name
        return name == "String" ? GoFunction(name, []) { _ in .string(s) } : nil
    }
}
