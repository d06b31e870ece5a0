/// Go's `Time.Format`: layouts written as the reference time
/// `Mon Jan 2 15:04:05 MST 2006` (Sprig's `date "2006-01-02"`, `dateInZone`, `htmlDate`).
///
/// The layout is cut into chunks exactly as Go's `nextStdChunk` does — the first match
/// wins, so `Jan` only counts when not followed by a lower-case letter (`Janet` stays
/// literal), `_2006` is a literal `_` then the year, and `.000`/`.999` are fractional
/// seconds only when no digit follows — and anything else is copied through.
public enum GoTimeLayout {
    public static let rfc3339 = "2006-01-02T15:04:05Z07:00"
    public static let rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00"

    enum Chunk: Equatable {
        case literal(Substring)
        case longMonth, month, numMonth, zeroMonth
        case longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12
        case minute, zeroMinute, second, zeroSecond
        case longYear, year
        case pm, lowerPM
        case tz
        /// Numeric zones: `Z` variants print `Z` for UTC; `colon`/`seconds`/`short`
        /// say which of `-07:00`, `-070000`, `-07` it is.
        case numericTZ(iso: Bool, colon: Bool, seconds: Bool, short: Bool)
        /// `.000` (fixed digits) or `.999` (trailing zeros trimmed), `,` or `.` separator.
        case fraction(digits: Int, trim: Bool, separator: Character)
    }

    static let longDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let longMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The layout text a chunk stands for, as `time.Parse` errors quote it.
    static func text(of chunk: Chunk) -> String {
        switch chunk {
        case .literal(let s): return String(s)
        case .longMonth: return "January"
        case .month: return "Jan"
        case .numMonth: return "1"
        case .zeroMonth: return "01"
        case .longWeekDay: return "Monday"
        case .weekDay: return "Mon"
        case .day: return "2"
        case .underDay: return "_2"
        case .zeroDay: return "02"
        case .underYearDay: return "__2"
        case .zeroYearDay: return "002"
        case .hour: return "15"
        case .hour12: return "3"
        case .zeroHour12: return "03"
        case .minute: return "4"
        case .zeroMinute: return "04"
        case .second: return "5"
        case .zeroSecond: return "05"
        case .longYear: return "2006"
        case .year: return "06"
        case .pm: return "PM"
        case .lowerPM: return "pm"
        case .tz: return "MST"
        case .numericTZ(let iso, let colon, let seconds, let short):
            var t = iso ? "Z07" : "-07"
            if !short { t += colon ? ":00" : "00" }
            if seconds { t += colon ? ":00" : "00" }
            return t
        case .fraction(let digits, let trim, let separator):
            return String(separator) + String(repeating: trim ? "9" : "0", count: digits)
        }
    }

    /// Go's `nextStdChunk`, applied to the whole layout.
    static func chunks(_ layout: String) -> [Chunk] {
        let b = Array(layout.utf8)
        var result: [Chunk] = []
        var literalStart = 0
        var i = 0
        func has(_ s: String, at j: Int) -> Bool {
            let u = Array(s.utf8)
            return j + u.count <= b.count && Array(b[j..<j + u.count]) == u
        }
        func startsWithLower(_ j: Int) -> Bool { j < b.count && b[j] >= 0x61 && b[j] <= 0x7A }
        func isDigit(_ j: Int) -> Bool { j < b.count && b[j] >= 0x30 && b[j] <= 0x39 }
        while i < b.count {
            var match: (Chunk, Int)?  // chunk and its length
            var literalPrefix = 0  // bytes of the match that stay literal (`_2006`)
            switch b[i] {
            case UInt8(ascii: "J"):
                if has("Jan", at: i) {
                    if has("January", at: i) {
                        match = (.longMonth, 7)
                    } else if !startsWithLower(i + 3) {
                        match = (.month, 3)
                    }
                }
            case UInt8(ascii: "M"):
                if has("Mon", at: i) {
                    if has("Monday", at: i) {
                        match = (.longWeekDay, 6)
                    } else if !startsWithLower(i + 3) {
                        match = (.weekDay, 3)
                    }
                }
                if match == nil && has("MST", at: i) { match = (.tz, 3) }
            case UInt8(ascii: "0"):
                if i + 1 < b.count, b[i + 1] >= UInt8(ascii: "1"), b[i + 1] <= UInt8(ascii: "6") {
                    let table: [Chunk] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                    match = (table[Int(b[i + 1] - UInt8(ascii: "1"))], 2)
                } else if has("002", at: i) {
                    match = (.zeroYearDay, 3)
                }
            case UInt8(ascii: "1"):
                match = i + 1 < b.count && b[i + 1] == UInt8(ascii: "5") ? (.hour, 2) : (.numMonth, 1)
            case UInt8(ascii: "2"):
                match = has("2006", at: i) ? (.longYear, 4) : (.day, 1)
            case UInt8(ascii: "_"):
                if i + 1 < b.count && b[i + 1] == UInt8(ascii: "2") {
                    if has("2006", at: i + 1) {
                        match = (.longYear, 5)
                        literalPrefix = 1
                    } else {
                        match = (.underDay, 2)
                    }
                } else if has("__2", at: i) {
                    match = (.underYearDay, 3)
                }
            case UInt8(ascii: "3"): match = (.hour12, 1)
            case UInt8(ascii: "4"): match = (.minute, 1)
            case UInt8(ascii: "5"): match = (.second, 1)
            case UInt8(ascii: "P"):
                if has("PM", at: i) { match = (.pm, 2) }
            case UInt8(ascii: "p"):
                if has("pm", at: i) { match = (.lowerPM, 2) }
            case UInt8(ascii: "-"), UInt8(ascii: "Z"):
                let iso = b[i] == UInt8(ascii: "Z")
                if has(iso ? "Z070000" : "-070000", at: i) {
                    match = (.numericTZ(iso: iso, colon: false, seconds: true, short: false), 7)
                } else if has(iso ? "Z07:00:00" : "-07:00:00", at: i) {
                    match = (.numericTZ(iso: iso, colon: true, seconds: true, short: false), 9)
                } else if has(iso ? "Z0700" : "-0700", at: i) {
                    match = (.numericTZ(iso: iso, colon: false, seconds: false, short: false), 5)
                } else if has(iso ? "Z07:00" : "-07:00", at: i) {
                    match = (.numericTZ(iso: iso, colon: true, seconds: false, short: false), 6)
                } else if has(iso ? "Z07" : "-07", at: i) {
                    match = (.numericTZ(iso: iso, colon: false, seconds: false, short: true), 3)
                }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if i + 1 < b.count, b[i + 1] == UInt8(ascii: "0") || b[i + 1] == UInt8(ascii: "9") {
                    let ch = b[i + 1]
                    var j = i + 1
                    while j < b.count && b[j] == ch { j += 1 }
                    if !isDigit(j) {
                        let sep: Character = b[i] == UInt8(ascii: ".") ? "." : ","
                        match = (.fraction(digits: j - (i + 1), trim: ch == UInt8(ascii: "9"), separator: sep), j - i)
                    }
                }
            default: break
            }
            guard let (chunk, length) = match else {
                i += 1
                continue
            }
            let literalEnd = i + literalPrefix
            if literalEnd > literalStart {
                result.append(.literal(Substring(decoding: b[literalStart..<literalEnd])))
            }
            result.append(chunk)
            i += length
            literalStart = i
        }
        if literalStart < b.count { result.append(.literal(Substring(decoding: b[literalStart...]))) }
        return result
    }
}

extension Substring {
    fileprivate init(decoding bytes: ArraySlice<UInt8>) {
        self = Substring(String(decoding: bytes, as: UTF8.self))
    }
}

extension GoTime {
    /// Go's `Time.Format(layout)`.
    public func format(_ layout: String) -> String {
        let c = civil
        var out = ""
        out.reserveCapacity(layout.utf8.count + 10)
        for chunk in GoTimeLayout.chunks(layout) {
            switch chunk {
            case .literal(let s): out += s
            case .year: out += pad(abs(c.year) % 100, 2)
            case .longYear: out += pad(c.year, 4)
            case .month: out += GoTimeLayout.longMonthNames[c.month - 1].prefix(3)
            case .longMonth: out += GoTimeLayout.longMonthNames[c.month - 1]
            case .numMonth: out += String(c.month)
            case .zeroMonth: out += pad(c.month, 2)
            case .weekDay: out += GoTimeLayout.longDayNames[c.weekday].prefix(3)
            case .longWeekDay: out += GoTimeLayout.longDayNames[c.weekday]
            case .day: out += String(c.day)
            case .underDay: out += (c.day < 10 ? " " : "") + String(c.day)
            case .zeroDay: out += pad(c.day, 2)
            case .underYearDay:
                out += (c.yearDay < 100 ? " " : "") + (c.yearDay < 10 ? " " : "") + String(c.yearDay)
            case .zeroYearDay: out += pad(c.yearDay, 3)
            case .hour: out += pad(c.hour, 2)
            case .hour12: out += String(c.hour % 12 == 0 ? 12 : c.hour % 12)
            case .zeroHour12: out += pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2)
            case .minute: out += String(c.minute)
            case .zeroMinute: out += pad(c.minute, 2)
            case .second: out += String(c.second)
            case .zeroSecond: out += pad(c.second, 2)
            case .pm: out += c.hour >= 12 ? "PM" : "AM"
            case .lowerPM: out += c.hour >= 12 ? "pm" : "am"
            case .tz:
                if !zone.isEmpty {
                    out += zone
                } else {
                    // No name known: Go prints the -0700 form.
                    out += numericZone(colon: false, seconds: false, short: false)
                }
            case .numericTZ(let iso, let colon, let seconds, let short):
                if iso && offset == 0 {
                    out += "Z"
                } else {
                    out += numericZone(colon: colon, seconds: seconds, short: short)
                }
            case .fraction(let digits, let trim, let separator):
                out += fraction(digits: digits, trim: trim, separator: separator)
            }
        }
        return out
    }

    /// Go's `appendInt(b, x, width)`: zero-padded, sign before the padding.
    private func pad(_ x: Int, _ width: Int) -> String {
        let digits = String(x.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (x < 0 ? "-" : "") + zeros + digits
    }

    private func numericZone(colon: Bool, seconds: Bool, short: Bool) -> String {
        var zoneMinutes = offset / 60  // truncates toward zero, as Go's
        var absOffset = offset
        var s = "+"
        if zoneMinutes < 0 {
            s = "-"
            zoneMinutes = -zoneMinutes
            absOffset = -absOffset
        }
        s += pad(zoneMinutes / 60, 2)
        if colon { s += ":" }
        if !short { s += pad(zoneMinutes % 60, 2) }
        if seconds {
            if colon { s += ":" }
            s += pad(absOffset % 60, 2)
        }
        return s
    }

    /// Go's `appendNano`.
    private func fraction(digits: Int, trim: Bool, separator: Character) -> String {
        if trim && (digits == 0 || nanoseconds == 0) { return "" }
        var text = Array(pad(Int(nanoseconds), 9))
        if digits < 9 { text.removeLast(9 - digits) }
        if trim {
            while text.last == "0" { text.removeLast() }
            if text.isEmpty { return "" }
        }
        return String(separator) + String(text)
    }
}
