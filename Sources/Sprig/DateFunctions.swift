import Values

/// Sprig's date functions (date.go), over Go's `time` package as modelled in Values
/// (`GoTime`, `GoDuration`, `GoLocation`). `time.Local` is what the process's `TZ` says,
/// as in Go; Helm's own tests and our oracle run with `TZ=UTC`.
enum DateFunctions {
    static let time = GoType.named("time.Time", .structure)

    static let all: [GoFunction] = {
        // Start the monotonic clock with the function table, so `{{ now }}` prints a
        // reading counted from about when rendering became possible, as Go's is from
        // process start.
        _ = GoClock.processStart
        let dateInZone = GoFunction.string("dateInZone", [.string, .interface, .string]) {
            format(at($0[1]), $0.string(0), zone: $0.string(2))
        }
        let mustDateModify = GoFunction("mustDateModify", [.string, time]) { args in
            do {
                return .object(timeArgument(args[1]).adding(try GoDuration.parse(args.string(0))))
            } catch {
                throw GoFunctionError("\(error)")
            }
        }
        let dateModify = GoFunction("dateModify", [.string, time]) { args in
            let t = timeArgument(args[1])
            guard let d = try? GoDuration.parse(args.string(0)) else { return .object(t) }
            return .object(t.adding(d))
        }
        return [
            GoFunction("now", []) { _ in .object(GoClock.now()) },
            .string("date", [.string, .interface]) { format(at($0[1]), $0.string(0), zone: "Local") },
            dateInZone, dateInZone.named("date_in_zone"),
            .string("htmlDate", [.interface]) { format(at($0[0]), "2006-01-02", zone: "Local") },
            .string("htmlDateInZone", [.interface, .string]) { format(at($0[0]), "2006-01-02", zone: $0.string(1)) },
            dateModify, dateModify.named("date_modify"),
            mustDateModify, mustDateModify.named("must_date_modify"),
            .string("ago", [.interface]) { args in
                GoClock.since(agoTime(args[0])).rounded(to: GoDuration.second).string
            },
            .string("duration", [.interface]) { duration($0[0]) },
            .string("durationRound", [.interface]) { durationRound($0[0]) },
            .string("unixEpoch", [time]) { String(timeArgument($0[0]).seconds) },
            // toDate drops the parse error and returns the zero time.
            GoFunction("toDate", [.string, .string]) { args in
                .object((try? GoTime.parse(layout: args.string(0), value: args.string(1), in: .local)) ?? .zero)
            },
            GoFunction("mustToDate", [.string, .string]) { args in
                do {
                    return .object(try GoTime.parse(layout: args.string(0), value: args.string(1), in: .local))
                } catch {
                    throw GoFunctionError("\(error)")
                }
            },
        ]
    }()

    static func timeArgument(_ v: Value) -> GoTime {
        if case .object(let t as GoTime) = v { return t }
        return .zero
    }

    /// `dateInZone`'s reading of its DATE argument: a `time.Time` (or pointer to one)
    /// as is, Go `int`/`int32`/`int64` as Unix seconds in Local, anything else (floats
    /// from values files, strings, nil) as the current time.
    static func at(_ v: Value) -> GoTime {
        switch v {
        case .object(let t as GoTime): return t
        case .int(let n, let type) where type == .int || type == .int64 || type == .int32:
            return GoTime(seconds: n, location: .local)
        default: return GoClock.now()
        }
    }

    /// `dateAgo`'s reading: like `at`, but without `int32` (Sprig lists only
    /// `time.Time`, `int64` and `int` there).
    static func agoTime(_ v: Value) -> GoTime {
        switch v {
        case .object(let t as GoTime): return t
        case .int(let n, let type) where type == .int || type == .int64:
            return GoTime(seconds: n, location: .local)
        default: return GoClock.now()
        }
    }

    /// `t.In(loc).Format(layout)`, where a zone `time.LoadLocation` rejects is UTC.
    static func format(_ t: GoTime, _ layout: String, zone: String) -> String {
        t.in(GoLocation.load(zone) ?? .utc).format(layout)
    }

    /// Sprig's `duration`: seconds (a string in base 10, or an int64) as
    /// `Duration.String()`; other types are 0. The multiplication wraps, as Go's does.
    static func duration(_ v: Value) -> String {
        var n: Int64 = 0
        switch v {
        case .string(let s): n = parseInt64(s)
        case .int(let i, .int64): n = i
        default: break
        }
        return GoDuration(n &* GoDuration.second).string
    }

    /// Sprig's `durationRound`: a duration (a `ParseDuration` string, int64
    /// nanoseconds, or the time since a `time.Time`) as its largest whole unit —
    /// `y` (365 days), `mo` (30 days), `d`, `h`, `m`, `s` — without a sign, since
    /// Sprig computes but never prints it; `0s` at a second or less.
    static func durationRound(_ v: Value) -> String {
        var d: Int64 = 0
        switch v {
        case .string(let s): d = (try? GoDuration.parse(s))?.nanoseconds ?? 0
        case .int(let i, .int64): d = i
        case .object(let t as GoTime): d = GoClock.since(t).nanoseconds
        default: break
        }
        let u = d.magnitude
        let hour = UInt64(GoDuration.hour)
        let units: [(UInt64, String)] = [
            (hour * 24 * 365, "y"), (hour * 24 * 30, "mo"), (hour * 24, "d"), (hour, "h"),
            (UInt64(GoDuration.minute), "m"), (UInt64(GoDuration.second), "s"),
        ]
        for (size, suffix) in units where u > size {
            return String(u / size) + suffix
        }
        return "0s"
    }

    /// `strconv.ParseInt(s, 10, 64)` as Sprig uses it, ignoring the error: 0 for
    /// syntax errors, the clamped bound for out-of-range values.
    static func parseInt64(_ s: String) -> Int64 {
        var bytes = s.utf8[...]
        var negative = false
        if let c = bytes.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        if bytes.isEmpty { return 0 }
        var magnitude: UInt64 = 0
        var overflow = false
        for c in bytes {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return 0 }
            if !overflow {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
                if o1 || o2 { overflow = true } else { magnitude = a }
            }
        }
        if negative {
            return overflow || magnitude > UInt64(Int64.max) + 1 ? Int64.min : Int64(bitPattern: 0 &- magnitude)
        }
        return overflow || magnitude > UInt64(Int64.max) ? Int64.max : Int64(magnitude)
    }
}
