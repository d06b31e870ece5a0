/// Go's `time.ParseInLocation`, which Sprig's `toDate`/`mustToDate` call with
/// `time.Local`: the value is read chunk by chunk against the layout (the same chunks
/// `Format` writes), names match case-insensitively, a fractional second is accepted
/// after seconds even when the layout has none, and the errors are Go's own texts
/// (`parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006"`,
/// `parsing time "2021-02-29": day out of range`).
public struct GoTimeParseError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public var description: String { message }
}

extension GoTime {
    /// `time.ParseInLocation(layout, value, location)`.
    public static func parse(layout: String, value: String, in location: GoLocation) throws(GoTimeParseError)
        -> GoTime
    {
        var parser = GoTimeParser(layout: layout, value: Array(value.utf8), location: location)
        return try parser.run()
    }
}

/// The state of one parse, mirroring the locals of Go's `time.parse`.
struct GoTimeParser {
    let layout: String
    let original: [UInt8]
    let location: GoLocation
    /// The unread part of the value starts here.
    var v = 0

    var year = 0
    var month = -1
    var day = -1
    var yearDay = -1
    var hour = 0
    var minute = 0
    var second = 0
    var nanosecond = 0
    var fixedLocation: GoLocation?
    var zoneOffset = -1
    var zoneName = ""
    var amSet = false
    var pmSet = false

    init(layout: String, value: [UInt8], location: GoLocation) {
        self.layout = layout
        self.original = value
        self.location = location
    }

    private func failure(_ message: String) -> GoTimeParseError {
        GoTimeParseError(message: "parsing time " + GoTimeQuote.quote(original[...]) + message)
    }

    private func cannotParse(_ valueElem: Int, as layoutElem: Substring) -> GoTimeParseError {
        GoTimeParseError(
            message: "parsing time " + GoTimeQuote.quote(original[...]) + " as " + GoTimeQuote.quote(layout)
                + ": cannot parse " + GoTimeQuote.quote(original[valueElem...]) + " as "
                + GoTimeQuote.quote(layoutElem))
    }

    private func byte(_ i: Int) -> UInt8? { i < original.count ? original[i] : nil }
    private func isDigit(_ i: Int) -> Bool { byte(i).map(GoTimeQuote.isDigit) ?? false }
    private var remaining: Int { original.count - v }

    mutating func run() throws(GoTimeParseError) -> GoTime {
        let chunks = GoTimeLayout.chunks(layout)
        var index = 0
        while true {
            var prefix: Substring = ""
            if index < chunks.count, case .literal(let s) = chunks[index] {
                prefix = s
                index += 1
            }
            if !skip(prefix) { throw cannotParse(v, as: prefix) }
            guard index < chunks.count else {
                if v < original.count { throw failure(": extra text: " + GoTimeQuote.quote(original[v...])) }
                break
            }
            let chunk = chunks[index]
            index += 1
            let hold = v
            let next = chunks[index...].first(where: { if case .literal = $0 { return false } else { return true } })
            var rangeError = ""
            let ok = read(chunk, next: next, rangeError: &rangeError)
            if !rangeError.isEmpty { throw failure(": " + rangeError + " out of range") }
            if !ok { throw cannotParse(hold, as: Substring(GoTimeLayout.text(of: chunk))) }
        }
        return try finish()
    }

    /// Go's `skip`: the layout's literal text must be in the value, except that a run
    /// of spaces in the layout matches any run (even none at the value's end).
    mutating func skip(_ prefix: Substring) -> Bool {
        var p = prefix.utf8[...]
        while let c = p.first {
            if c == UInt8(ascii: " ") {
                if let b = byte(v), b != UInt8(ascii: " ") { return false }
                while p.first == UInt8(ascii: " ") { p = p.dropFirst() }
                while byte(v) == UInt8(ascii: " ") { v += 1 }
                continue
            }
            guard byte(v) == c else { return false }
            p = p.dropFirst()
            v += 1
        }
        return true
    }

    /// Reads one chunk; false for Go's `errBad`.
    mutating func read(_ chunk: GoTimeLayout.Chunk, next: GoTimeLayout.Chunk?, rangeError: inout String) -> Bool {
        switch chunk {
        case .literal: return true
        case .year:
            guard remaining >= 2, let y = atoi(v, v + 2) else { return false }
            v += 2
            year = y >= 69 ? y + 1900 : y + 2000
        case .longYear:
            guard remaining >= 4, isDigit(v), let y = atoi(v, v + 4) else { return false }
            v += 4
            year = y
        case .month:
            guard let m = lookup(GoTimeLayout.longMonthNames.map { String($0.prefix(3)) }) else { return false }
            month = m + 1
        case .longMonth:
            guard let m = lookup(GoTimeLayout.longMonthNames) else { return false }
            month = m + 1
        case .numMonth, .zeroMonth:
            guard let m = number(fixed: chunk == .zeroMonth) else { return false }
            month = m
            if m <= 0 || m > 12 { rangeError = "month" }
        case .weekDay:
            return lookup(GoTimeLayout.longDayNames.map { String($0.prefix(3)) }) != nil
        case .longWeekDay:
            return lookup(GoTimeLayout.longDayNames) != nil
        case .day, .underDay, .zeroDay:
            if chunk == .underDay && byte(v) == UInt8(ascii: " ") { v += 1 }
            guard let d = number(fixed: chunk == .zeroDay) else { return false }
            day = d
        case .underYearDay, .zeroYearDay:
            for _ in 0..<2 where chunk == .underYearDay && byte(v) == UInt8(ascii: " ") { v += 1 }
            var n = 0
            var i = 0
            while i < 3 && isDigit(v + i) {
                n = n * 10 + Int(original[v + i] - UInt8(ascii: "0"))
                i += 1
            }
            if i == 0 || (chunk == .zeroYearDay && i != 3) { return false }
            v += i
            yearDay = n
        case .hour:
            guard let h = number(fixed: false) else { return false }
            hour = h
            if h >= 24 { rangeError = "hour" }
        case .hour12, .zeroHour12:
            guard let h = number(fixed: chunk == .zeroHour12) else { return false }
            hour = h
            if h > 12 { rangeError = "hour" }
        case .minute, .zeroMinute:
            guard let m = number(fixed: chunk == .zeroMinute) else { return false }
            minute = m
            if m >= 60 { rangeError = "minute" }
        case .second, .zeroSecond:
            guard let s = number(fixed: chunk == .zeroSecond) else { return false }
            second = s
            if s >= 60 {
                rangeError = "second"
                return true
            }
            // A fractional second in the value that the layout does not ask for.
            if remaining >= 2, let b = byte(v), b == UInt8(ascii: ".") || b == UInt8(ascii: ","), isDigit(v + 1) {
                if case .fraction = next { return true }
                var n = 2
                while isDigit(v + n) { n += 1 }
                let ok = nanoseconds(count: n, rangeError: &rangeError)
                v += n
                return ok
            }
        case .pm, .lowerPM:
            guard remaining >= 2 else { return false }
            let p = String(decoding: original[v..<v + 2], as: UTF8.self)
            v += 2
            let (pm, am) = chunk == .pm ? ("PM", "AM") : ("pm", "am")
            if p == pm {
                pmSet = true
            } else if p == am {
                amSet = true
            } else {
                return false
            }
        case .numericTZ(let iso, let colon, let seconds, let short):
            if iso && byte(v) == UInt8(ascii: "Z") {
                v += 1
                fixedLocation = .utc
                return true
            }
            return readOffset(colon: colon, seconds: seconds, short: short, rangeError: &rangeError)
        case .tz:
            if remaining >= 3 && original[v..<v + 3].elementsEqual("UTC".utf8) {
                v += 3
                fixedLocation = .utc
                return true
            }
            guard let n = zoneNameLength() else { return false }
            zoneName = String(decoding: original[v..<v + n], as: UTF8.self)
            v += n
        case .fraction(let digits, let trim, _):
            if !trim {
                guard remaining >= 1 + digits else { return false }
                let ok = nanoseconds(count: 1 + digits, rangeError: &rangeError)
                v += 1 + digits
                return ok
            }
            guard remaining >= 2, let b = byte(v), b == UInt8(ascii: ".") || b == UInt8(ascii: ","), isDigit(v + 1)
            else { return true }  // fraction omitted
            var i = 0
            while isDigit(v + i + 1) { i += 1 }
            let ok = nanoseconds(count: 1 + i, rangeError: &rangeError)
            v += 1 + i
            return ok
        }
        return true
    }

    /// Go's `getnum`: one or two digits (exactly two when `fixed`).
    mutating func number(fixed: Bool) -> Int? {
        guard isDigit(v) else { return nil }
        guard isDigit(v + 1) else {
            if fixed { return nil }
            v += 1
            return Int(original[v - 1] - UInt8(ascii: "0"))
        }
        v += 2
        return Int(original[v - 2] - UInt8(ascii: "0")) * 10 + Int(original[v - 1] - UInt8(ascii: "0"))
    }

    /// Go's `atoi` on `original[from..<to]`: an optional sign, then only digits.
    func atoi(_ from: Int, _ to: Int) -> Int? { GoTimeQuote.atoi(original[from..<to]) }

    /// Go's `lookup`: the first name that prefixes the value, ignoring ASCII case.
    mutating func lookup(_ names: [String]) -> Int? {
        for (i, name) in names.enumerated() {
            let n = name.utf8.count
            guard remaining >= n else { continue }
            if zip(original[v..<v + n], name.utf8).allSatisfy({ a, b in
                a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
            }) {
                v += n
                return i
            }
        }
        return nil
    }

    /// Go's `parseNanoseconds` on `count` bytes: a point or comma, then digits (at most
    /// nine count), scaled to nanoseconds.
    mutating func nanoseconds(count: Int, rangeError: inout String) -> Bool {
        guard let b = byte(v), b == UInt8(ascii: ".") || b == UInt8(ascii: ",") else { return false }
        let n = min(count, 10)
        guard var ns = atoi(v + 1, v + n) else { return false }
        if ns < 0 {
            rangeError = "fractional second"
            return true
        }
        for _ in 0..<(10 - n) { ns *= 10 }
        nanosecond = ns
        return true
    }

    /// The numeric zone forms: `-0700`, `-07:00`, `-07`, `-070000`, `-07:00:00`.
    mutating func readOffset(colon: Bool, seconds: Bool, short: Bool, rangeError: inout String) -> Bool {
        let start = v
        var hh = start + 1
        var mm = -1
        var ss = -1
        let length: Int
        switch (colon, seconds, short) {
        case (true, false, _):
            length = 6
            guard remaining >= 6, original[start + 3] == UInt8(ascii: ":") else { return false }
            mm = start + 4
        case (_, _, true):
            length = 3
        case (true, true, _):
            length = 9
            guard remaining >= 9, original[start + 3] == UInt8(ascii: ":"), original[start + 6] == UInt8(ascii: ":")
            else { return false }
            mm = start + 4
            ss = start + 7
        case (false, true, _):
            length = 7
            mm = start + 3
            ss = start + 5
        default:
            length = 5
            mm = start + 3
        }
        guard remaining >= length else { return false }
        v += length
        hh = start + 1
        func two(_ i: Int) -> Int? {
            guard i >= 0 else { return 0 }
            guard GoTimeQuote.isDigit(original[i]), GoTimeQuote.isDigit(original[i + 1]) else { return nil }
            return Int(original[i] - UInt8(ascii: "0")) * 10 + Int(original[i + 1] - UInt8(ascii: "0"))
        }
        guard let h = two(hh), let m = two(mm), let s = two(ss) else { return false }
        if h > 24 { rangeError = "time zone offset hour" }
        if m > 60 { rangeError = "time zone offset minute" }
        if s > 60 { rangeError = "time zone offset second" }
        zoneOffset = (h * 60 + m) * 60 + s
        switch original[start] {
        case UInt8(ascii: "+"): break
        case UInt8(ascii: "-"): zoneOffset = -zoneOffset
        default: return false
        }
        return true
    }

    /// Go's `parseTimeZone`: how much of the value reads as a zone abbreviation.
    func zoneNameLength() -> Int? {
        guard remaining >= 3 else { return nil }
        let rest = original[v...]
        if remaining >= 4, rest.prefix(4).elementsEqual("ChST".utf8) || rest.prefix(4).elementsEqual("MeST".utf8) {
            return 4
        }
        if rest.prefix(3).elementsEqual("GMT".utf8) {
            return remaining == 3 ? 3 : 3 + signedOffsetLength(from: v + 3)
        }
        if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") {
            let n = signedOffsetLength(from: v)
            return n > 0 ? n : nil
        }
        var upper = 0
        while upper < 6, let c = byte(v + upper), c >= UInt8(ascii: "A"), c <= UInt8(ascii: "Z") { upper += 1 }
        switch upper {
        case 5: return original[v + 4] == UInt8(ascii: "T") ? 5 : nil
        case 4:
            return original[v + 3] == UInt8(ascii: "T") || rest.prefix(4).elementsEqual("WITA".utf8) ? 4 : nil
        case 3: return 3
        default: return nil
        }
    }

    /// Go's `parseSignedOffset`: `+h`/`-hh` up to 23, or 0 bytes.
    func signedOffsetLength(from i: Int) -> Int {
        guard let sign = byte(i), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return 0 }
        let digits = Array(original[(i + 1)...])
        var j = 0
        guard let x = GoTimeQuote.leadingInt(digits, &j), j > 0, x <= 23 else { return 0 }
        return 1 + j
    }

    /// After the last chunk: AM/PM, day of year, validation, and the zone.
    func finish() throws(GoTimeParseError) -> GoTime {
        var hour = self.hour
        var month = self.month
        var day = self.day
        if pmSet && hour < 12 {
            hour += 12
        } else if amSet && hour == 12 {
            hour = 0
        }
        if yearDay >= 0 {
            var yd = yearDay
            var d = 0
            var m = 0
            if GoCalendar.isLeap(year) {
                if yd == 31 + 29 {
                    m = 2
                    d = 29
                } else if yd > 31 + 29 {
                    yd -= 1
                }
            }
            if yd < 1 || yd > 365 { throw failure(": day-of-year out of range") }
            if m == 0 {
                m = (yd - 1) / 31 + 1
                if GoCalendar.daysBefore[m] < yd { m += 1 }
                d = yd - GoCalendar.daysBefore[m - 1]
            }
            if month >= 0 && month != m { throw failure(": day-of-year does not match month") }
            month = m
            if day >= 0 && day != d { throw failure(": day-of-year does not match day") }
            day = d
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        if day < 1 || day > GoCalendar.daysIn(month: month, year: year) { throw failure(": day out of range") }

        func date(_ location: GoLocation) -> GoTime {
            GoTime.date(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                nanosecond: nanosecond, location: location)
        }
        if let fixedLocation { return date(fixedLocation) }
        if zoneOffset != -1 {
            let t = date(.utc)
            let unix = t.seconds - Int64(zoneOffset)
            let l = location.lookup(unix)
            if l.offset == zoneOffset && (zoneName.isEmpty || l.name == zoneName) {
                return GoTime(seconds: unix, nanoseconds: t.nanoseconds, location: location)
            }
            return GoTime(seconds: unix, nanoseconds: t.nanoseconds, location: .fixed(name: zoneName, offset: zoneOffset))
        }
        if !zoneName.isEmpty {
            let t = date(.utc)
            if let offset = location.lookupName(zoneName, unix: t.seconds) {
                return GoTime(seconds: t.seconds - Int64(offset), nanoseconds: t.nanoseconds, location: location)
            }
            // An unknown abbreviation: a zone of that name at offset 0, except that
            // `GMT+3` gets its hours (but the clock reading is not shifted, as in Go).
            var offset = 0
            if zoneName.utf8.count > 3 && zoneName.hasPrefix("GMT") {
                offset = (GoTimeQuote.atoi(Array(zoneName.utf8.dropFirst(3))[...]) ?? 0) &* 3600
            }
            return GoTime(seconds: t.seconds, nanoseconds: t.nanoseconds, location: .fixed(name: zoneName, offset: offset))
        }
        return date(location)
    }
}

/// Helpers shared by the time parsers (`time.Parse`, `time.ParseDuration`).
enum GoTimeQuote {
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Go's `time.leadingInt`: the digits at `i` (advancing it), nil on overflow past 2^63.
    static func leadingInt(_ s: [UInt8], _ i: inout Int) -> UInt64? {
        var x: UInt64 = 0
        while i < s.count, isDigit(s[i]) {
            if x > (1 << 63) / 10 { return nil }
            x = x * 10 + UInt64(s[i] - UInt8(ascii: "0"))
            if x > 1 << 63 { return nil }
            i += 1
        }
        return x
    }

    /// Go's `time.atoi`: an optional sign, then only digits.
    static func atoi(_ s: ArraySlice<UInt8>) -> Int? {
        var digits = s
        var negative = false
        if let c = digits.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        let bytes = Array(digits)
        var j = 0
        guard let q = leadingInt(bytes, &j), j == bytes.count else { return nil }
        let x = Int(truncatingIfNeeded: q)
        return negative ? 0 &- x : x
    }

    /// Go's `time.quote`: double quotes, `\"` and `\\` escaped, and every byte of a
    /// non-ASCII or control character written as `\xNN`.
    static func quote(_ s: some Collection<UInt8>) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        let hex = Array("0123456789abcdef".utf8)
        for c in s {
            if c >= 0x80 || c < 0x20 {
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(c >> 4)], hex[Int(c & 0xF)]]
            } else {
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    static func quote(_ s: String) -> String { quote(s.utf8) }
    static func quote(_ s: Substring) -> String { quote(s.utf8) }
}
