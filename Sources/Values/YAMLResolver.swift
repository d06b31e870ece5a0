/// How go-yaml v2 reads an untagged plain scalar (its `resolve`), the YAML 1.1 rules
/// behind every values file and every `toYaml` quoting decision.
///
/// Helm's `sigs.k8s.io/yaml` decodes with go-yaml v2, whose rules are neither YAML 1.2's
/// nor Yams': `y`/`yes`/`on`/`off` are booleans (but not `yEs`), `010` is octal 8, `0b`,
/// `0o` and `0x` prefixes and `_` separators are honoured, `1e400` stays a string
/// (`ParseFloat` fails with a range error), timestamps stay strings, and base-60 numbers
/// (`1:20`) are strings that the encoder still quotes.
enum YAMLResolver {
    /// What a scalar resolves to.
    enum Resolved: Equatable {
        case null
        case bool(Bool)
        /// Go `int`/`int64`.
        case int(Int64)
        /// Go `uint64` (positive values above `Int64.max`).
        case uint(UInt64)
        case float(Double)
        /// Looks like a timestamp; go-yaml v2 keeps the text when decoding into `interface{}`.
        case timestamp
        case string
        /// The `<<` merge key is recognised by the decoder, not here (v2's hint table
        /// has no entry for `<`, so `resolve` calls `<<` a string).
    }

    /// go-yaml v2's `resolve("", s)`: the tag a plain scalar gets.
    static func resolve(_ s: String) -> Resolved {
        var s = s
        return s.withUTF8 { resolve(bytes: $0) }
    }

    static func resolve(bytes b: UnsafeBufferPointer<UInt8>) -> Resolved {
        guard let first = b.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return lookup(b) ?? .string
        case UInt8(ascii: "."):
            if let v = lookup(b) { return v }
            if let f = parseDotFloat(b) { return .float(f) }
            return .string
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let v = lookup(b) { return v }
            if isTimestamp(b) { return .timestamp }
            return resolveNumber(b) ?? .string
        default:
            return .string
        }
    }

    /// The fixed words of go-yaml v2's `resolveMap`.
    private static func lookup(_ b: UnsafeBufferPointer<UInt8>) -> Resolved? {
        guard b.count <= 6 else { return nil }
        switch String(decoding: b, as: UTF8.self) {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        case "~", "null", "Null", "NULL": return .null
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        default: return nil
        }
    }

    /// Ints (via Go's `ParseInt(s, 0, 64)`, then `ParseUint`), then floats matching
    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, all after removing `_`.
    private static func resolveNumber(_ b: UnsafeBufferPointer<UInt8>) -> Resolved? {
        var plain: [UInt8] = []
        plain.reserveCapacity(b.count)
        for c in b where c != UInt8(ascii: "_") { plain.append(c) }
        if let v = YAMLIntParse.parseInt(plain) { return .int(v) }
        if let v = YAMLIntParse.parseUint(plain) { return .uint(v) }
        if isYAMLStyleFloat(plain), let f = parseFiniteDouble(plain) { return .float(f) }
        return nil
    }

    private static func isYAMLStyleFloat(_ p: [UInt8]) -> Bool {
        var i = 0
        let n = p.count
        func digits() -> Int {
            let start = i
            while i < n, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        } else {
            if digits() == 0 { return false }
            if i < n, p[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == n
    }

    /// `strconv.ParseFloat(s, 64)` for a scalar starting with `.`: only `.digits[e±digits]`
    /// parses, and out-of-range values fail (so stay strings).
    private static func parseDotFloat(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let p = Array(b)
        guard p.count >= 2, p[1] >= UInt8(ascii: "0"), p[1] <= UInt8(ascii: "9"), isYAMLStyleFloat(p) else {
            return nil
        }
        return parseFiniteDouble(p)
    }

    /// Go's `ParseFloat`: correctly rounded; overflow is an error (nil), underflow is 0.
    static func parseFiniteDouble(_ p: [UInt8]) -> Double? {
        guard let d = Double(String(decoding: p, as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    // MARK: Timestamps and base 60

    /// go-yaml v2's `parseTimestamp`: `YYYY-M-D`, optionally with `T`/`t`/space and a
    /// time `h:m:s[.frac]`, and (for `T`/`t`) a zone `Z` or `±hh:mm`, as Go's `time.Parse`
    /// reads the layouts `2006-1-2T15:4:5.999999999Z07:00`, `2006-1-2t…`,
    /// `2006-1-2 15:4:5.999999999` and `2006-1-2`.
    static func isTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        while i < n, isDigit(b[i]) { i += 1 }
        guard i == 4, i < n, b[i] == UInt8(ascii: "-") else { return false }
        let year = number(b, 0, 4)
        i = 5
        guard let (month, afterMonth) = oneOrTwoDigits(b, i), month >= 1, month <= 12 else { return false }
        i = afterMonth
        guard i < n, b[i] == UInt8(ascii: "-") else { return false }
        guard let (day, afterDay) = oneOrTwoDigits(b, i + 1) else { return false }
        i = afterDay
        guard day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if i == n { return true }
        let sep = b[i]
        let withZone: Bool
        switch sep {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): withZone = true
        case UInt8(ascii: " "): withZone = false
        default: return false
        }
        i += 1
        guard let (hour, h) = oneOrTwoDigits(b, i), hour < 24, h < n, b[h] == UInt8(ascii: ":") else { return false }
        guard let (minute, m) = oneOrTwoDigits(b, h + 1), minute < 60, m < n, b[m] == UInt8(ascii: ":") else {
            return false
        }
        guard let (second, s) = oneOrTwoDigits(b, m + 1), second < 60 else { return false }
        i = s
        if i + 1 < n, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ","), isDigit(b[i + 1]) {
            i += 1
            while i < n, isDigit(b[i]) { i += 1 }
        }
        if !withZone { return i == n }
        guard i < n else { return false }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == n }
        guard n - i == 6, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), isDigit(b[i + 1]),
            isDigit(b[i + 2]), b[i + 3] == UInt8(ascii: ":"), isDigit(b[i + 4]), isDigit(b[i + 5])
        else { return false }
        return number(b, i + 1, 2) <= 24 && number(b, i + 4, 2) <= 60
    }

    /// go-yaml v2's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    /// Such strings decode as strings but are quoted on output for older parsers.
    static func isBase60Float(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, isDigit(b[i]) else { return false }
        i += 1
        while i < n, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < n, b[i] == UInt8(ascii: ":") {
            i += 1
            let start = i
            while i < n, isDigit(b[i]), i - start < 2 { i += 1 }
            let len = i - start
            if len == 0 { return false }
            if len == 2, b[start] > UInt8(ascii: "5") {
                // `[0-5]?[0-9]`: a first digit above 5 can only be the single digit.
                return false
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == n
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int {
        var v = 0
        for k in start..<(start + count) { v = v * 10 + Int(b[k] - UInt8(ascii: "0")) }
        return v
    }

    /// Go's `getnum` for the one-or-two-digit layout fields `1`, `2`, `15`, `4`, `5`.
    private static func oneOrTwoDigits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Int)? {
        guard i < b.count, isDigit(b[i]) else { return nil }
        if i + 1 < b.count, isDigit(b[i + 1]) {
            return (Int(b[i] - 48) * 10 + Int(b[i + 1] - 48), i + 2)
        }
        return (Int(b[i] - 48), i + 1)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)` and `ParseUint(s, 0, 64)` on ASCII bytes: an optional
/// sign (signed only), then `0x`/`0X`, `0b`/`0B`, `0o`/`0O`, a leading `0` (octal) or
/// decimal digits; out of range is a failure.
enum YAMLIntParse {
    static func parseInt(_ p: [UInt8]) -> Int64? {
        guard !p.isEmpty else { return nil }
        var negative = false
        var body = p[...]
        if p[0] == UInt8(ascii: "+") || p[0] == UInt8(ascii: "-") {
            negative = p[0] == UInt8(ascii: "-")
            body = p.dropFirst()
        }
        guard let mag = parseMagnitude(body) else { return nil }
        if negative {
            if mag > UInt64(Int64.max) + 1 { return nil }
            return mag == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mag)
        }
        return mag > UInt64(Int64.max) ? nil : Int64(mag)
    }

    static func parseUint(_ p: [UInt8]) -> UInt64? {
        parseMagnitude(p[...])
    }

    private static func parseMagnitude(_ s: ArraySlice<UInt8>) -> UInt64? {
        guard let first = s.first else { return nil }
        var base: UInt64 = 10
        var digits = s
        if first == UInt8(ascii: "0"), s.count > 1 {
            let second = s[s.startIndex + 1] | 0x20
            switch second {
            case UInt8(ascii: "x"): base = 16; digits = s.dropFirst(2)
            case UInt8(ascii: "b"): base = 2; digits = s.dropFirst(2)
            case UInt8(ascii: "o"): base = 8; digits = s.dropFirst(2)
            default: base = 8; digits = s.dropFirst(1)
            }
        }
        guard !digits.isEmpty else { return nil }
        var v: UInt64 = 0
        for c in digits {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard d < base else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            v = a
        }
        return v
    }
}
