/// TOML datetimes as BurntSushi/toml v1.6.0 turns them into Go `time.Time` values.
///
/// After folding `z`/`t`/space to `Z`/`T`, the text must match one of the parser's
/// layouts in full, tried in its order: RFC 3339 with offset, local datetime, local
/// date, local time, then the TOML 1.1 forms without seconds. Go's `time.Parse` checks
/// the ranges (February 30 fails). Offset times are shown in a zone named by Go's
/// rules under TZ=UTC: offset 0 is `UTC`, any other a nameless fixed zone
/// (`+0530 +0530`); local kinds carry BurntSushi's `datetime-local`, `date-local` and
/// `time-local` zones, which `toToml` writes back in their short forms.
enum TOMLDateTime {
    static func parse(_ raw: String) -> GoTime? {
        var s = Array(raw.utf8)
        for i in s.indices {
            switch s[i] {
            case UInt8(ascii: "z"): s[i] = UInt8(ascii: "Z")
            case UInt8(ascii: "t"), UInt8(ascii: " "): s[i] = UInt8(ascii: "T")
            default: break
            }
        }
        var i = 0
        var date: (year: Int, month: Int, day: Int)?
        if s.count >= 10, s[4] == UInt8(ascii: "-") {
            guard let y = number(s, 0, 4), s[4] == UInt8(ascii: "-"), let m = number(s, 5, 2),
                s[7] == UInt8(ascii: "-"), let d = number(s, 8, 2)
            else { return nil }
            date = (y, m, d)
            i = 10
            if i < s.count {
                guard s[i] == UInt8(ascii: "T") else { return nil }
                i += 1
            } else {
                guard validDate(y, m, d) else { return nil }
                return GoTime(year: y, month: m, day: d, zone: "date-local")
            }
        }
        // A time: HH:MM, optionally :SS and a fraction.
        guard i + 5 <= s.count, let hour = number(s, i, 2), s[i + 2] == UInt8(ascii: ":"),
            let minute = number(s, i + 3, 2)
        else { return nil }
        i += 5
        var second = 0
        var nanos = 0
        var hasSeconds = false
        if i < s.count && s[i] == UInt8(ascii: ":") {
            guard let sec = number(s, i + 1, 2) else { return nil }
            second = sec
            hasSeconds = true
            i += 3
            if i + 1 < s.count && (s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",")) && isDigit(s[i + 1]) {
                i += 1
                var digits = 0
                while i < s.count && isDigit(s[i]) {
                    if digits < 9 { nanos = nanos * 10 + Int(s[i] - 48) }
                    digits += 1
                    i += 1
                }
                for _ in min(digits, 9)..<9 { nanos *= 10 }
            }
        }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        guard let (y, m, d) = date else {
            // A local time: Go's year 0, January 1.
            guard i == s.count else { return nil }
            return GoTime(
                year: 0, month: 1, day: 1, hour: hour, minute: minute, second: second, nanosecond: nanos,
                zone: "time-local")
        }
        guard validDate(y, m, d) else { return nil }
        if i == s.count {
            return GoTime(
                year: y, month: m, day: d, hour: hour, minute: minute, second: second, nanosecond: nanos,
                zone: "datetime-local")
        }
        _ = hasSeconds
        var offset = 0
        if s[i] == UInt8(ascii: "Z") {
            i += 1
        } else {
            guard s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-"), i + 6 <= s.count,
                let oh = number(s, i + 1, 2), s[i + 3] == UInt8(ascii: ":"), let om = number(s, i + 4, 2),
                oh <= 24, om <= 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (s[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        }
        guard i == s.count else { return nil }
        return GoTime(
            year: y, month: m, day: d, hour: hour, minute: minute, second: second, nanosecond: nanos,
            offset: offset, zone: offset == 0 ? "UTC" : "")
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func number(_ s: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at + count <= s.count else { return nil }
        var v = 0
        for j in at..<at + count {
            guard isDigit(s[j]) else { return nil }
            v = v * 10 + Int(s[j] - 48)
        }
        return v
    }

    private static func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}
