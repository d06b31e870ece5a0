/// POSIX TZ rules (`EST5EDT,M3.2.0,M11.1.0`), as Go's `tzset` applies a TZif footer to
/// instants after the file's last transition. Modern zone files stop listing
/// transitions around 2037 (or, when built "slim", much earlier) and rely on this rule.
enum GoZoneRule {
    private static let secondsPerDay = 86_400
    private static let secondsPerHour = 3600

    enum Kind { case julian, dayOfYear, monthWeekDay }

    struct Rule {
        var kind: Kind
        var day = 0
        var week = 0
        var month = 0
        /// Seconds after local midnight at which the change happens.
        var time = 0
    }

    /// Go's `tzset(s, lastTxSec, sec)`; nil when the rule does not parse.
    static func lookup(_ text: String, lastTransition: Int64, sec: Int64) -> GoLocation.Lookup? {
        var s = Substring(text)
        guard var stdName = name(&s), var stdOffset = offset(&s) else { return nil }
        // TZ offsets are added to local time to get UTC; Go's are the reverse.
        stdOffset = -stdOffset
        if s.isEmpty || s.first == "," {
            return .init(name: stdName, offset: stdOffset, start: lastTransition, end: GoLocation.omega, isDST: false)
        }
        guard var dstName = name(&s) else { return nil }
        var dstOffset: Int
        if s.isEmpty || s.first == "," {
            dstOffset = stdOffset + secondsPerHour
        } else {
            guard let o = offset(&s) else { return nil }
            dstOffset = -o
        }
        if s.isEmpty { s = ",M3.2.0,M11.1.0" }  // tzcode's default rules
        guard s.first == "," || s.first == ";" else { return nil }
        s = s.dropFirst()
        guard let startRule = rule(&s), s.first == "," else { return nil }
        s = s.dropFirst()
        guard let endRule = rule(&s), s.isEmpty else { return nil }

        // The year of sec, and the seconds from its start.
        let civil = GoCalendar.civil(seconds: sec)
        let year = civil.year
        let ysec = Int64((civil.yearDay - 1) * secondsPerDay) + sec % Int64(secondsPerDay)
        let yearStart = GoCalendar.daysFromCivil(year: year, month: 1, day: 1) * Int64(secondsPerDay)
        var startSec = Int64(ruleTime(year: year, startRule, offset: stdOffset))
        var endSec = Int64(ruleTime(year: year, endRule, offset: dstOffset))
        var dstIsDST = true
        var stdIsDST = false
        // Southern hemisphere: DST spans the new year, so the roles swap (as Go does).
        if endSec < startSec {
            swap(&startSec, &endSec)
            swap(&stdName, &dstName)
            swap(&stdOffset, &dstOffset)
            swap(&stdIsDST, &dstIsDST)
        }
        if ysec < startSec {
            return .init(name: stdName, offset: stdOffset, start: yearStart, end: startSec + yearStart, isDST: stdIsDST)
        } else if ysec >= endSec {
            return .init(
                name: stdName, offset: stdOffset, start: endSec + yearStart,
                end: yearStart + 365 * Int64(secondsPerDay), isDST: stdIsDST)
        }
        return .init(
            name: dstName, offset: dstOffset, start: startSec + yearStart, end: endSec + yearStart, isDST: dstIsDST)
    }

    /// Go's `tzsetName`: three or more characters up to a digit, sign or comma, or a
    /// `<…>`-quoted name.
    static func name(_ s: inout Substring) -> String? {
        guard let first = s.first else { return nil }
        if first != "<" {
            // Go counts bytes here; the characters that end a name are all ASCII.
            for (i, c) in s.utf8.enumerated() {
                if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ",")
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                {
                    if i < 3 { return nil }
                    let end = s.utf8.index(s.startIndex, offsetBy: i)
                    defer { s = s[end...] }
                    return String(s[..<end])
                }
            }
            if s.utf8.count < 3 { return nil }
            defer { s = "" }
            return String(s)
        }
        guard let close = s.firstIndex(of: ">") else { return nil }
        let n = String(s[s.index(after: s.startIndex)..<close])
        s = s[s.index(after: close)...]
        return n
    }

    /// Go's `tzsetOffset`: `[+-]hh[:mm[:ss]]`, hours up to 24*7.
    static func offset(_ s: inout Substring) -> Int? {
        guard let first = s.first else { return nil }
        var negative = false
        if first == "+" {
            s = s.dropFirst()
        } else if first == "-" {
            s = s.dropFirst()
            negative = true
        }
        guard let hours = number(&s, min: 0, max: 24 * 7) else { return nil }
        var off = hours * secondsPerHour
        if s.first == ":" {
            s = s.dropFirst()
            guard let mins = number(&s, min: 0, max: 59) else { return nil }
            off += mins * 60
            if s.first == ":" {
                s = s.dropFirst()
                guard let secs = number(&s, min: 0, max: 59) else { return nil }
                off += secs
            }
        }
        return negative ? -off : off
    }

    /// Go's `tzsetRule`: `Jn`, `n` or `Mm.w.d`, optionally `/time`.
    static func rule(_ s: inout Substring) -> Rule? {
        guard let first = s.first else { return nil }
        var r: Rule
        if first == "J" {
            s = s.dropFirst()
            guard let day = number(&s, min: 1, max: 365) else { return nil }
            r = Rule(kind: .julian, day: day)
        } else if first == "M" {
            s = s.dropFirst()
            guard let month = number(&s, min: 1, max: 12), s.first == "." else { return nil }
            s = s.dropFirst()
            guard let week = number(&s, min: 1, max: 5), s.first == "." else { return nil }
            s = s.dropFirst()
            guard let day = number(&s, min: 0, max: 6) else { return nil }
            r = Rule(kind: .monthWeekDay, day: day, week: week, month: month)
        } else {
            guard let day = number(&s, min: 0, max: 365) else { return nil }
            r = Rule(kind: .dayOfYear, day: day)
        }
        if s.first != "/" {
            r.time = 2 * secondsPerHour
            return r
        }
        s = s.dropFirst()
        guard let time = offset(&s) else { return nil }
        r.time = time
        return r
    }

    /// Go's `tzsetNum`.
    static func number(_ s: inout Substring, min: Int, max: Int) -> Int? {
        var num = 0
        var count = 0
        for c in s.utf8 {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { break }
            num = num * 10 + Int(c - UInt8(ascii: "0"))
            if num > max { return nil }
            count += 1
        }
        if count == 0 || num < min { return nil }
        s = s.dropFirst(count)
        return num
    }

    /// Go's `tzruleTime`: seconds from the start of `year` (UTC) to the rule's change.
    static func ruleTime(year: Int, _ r: Rule, offset: Int) -> Int {
        let leap = GoCalendar.isLeap(year)
        var s: Int
        switch r.kind {
        case .julian:
            s = (r.day - 1) * secondsPerDay
            if leap && r.day >= 60 { s += secondsPerDay }
        case .dayOfYear:
            s = r.day * secondsPerDay
        case .monthWeekDay:
            // Zeller's congruence for the weekday of the month's first day.
            let m1 = (r.month + 9) % 12 + 1
            var yy0 = year
            if r.month <= 2 { yy0 -= 1 }
            let yy1 = yy0 / 100
            let yy2 = yy0 % 100
            var dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7
            if dow < 0 { dow += 7 }
            var d = r.day - dow
            if d < 0 { d += 7 }
            for _ in 1..<max(r.week, 1) {
                if d + 7 >= GoCalendar.daysIn(month: r.month, year: year) { break }
                d += 7
            }
            d += GoCalendar.daysBefore[r.month - 1]
            if leap && r.month > 2 { d += 1 }
            s = d * secondsPerDay
        }
        return s + r.time - offset
    }
}
