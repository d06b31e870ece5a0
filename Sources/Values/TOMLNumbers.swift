/// Integers, floats and datetimes: first cut out as BurntSushi/toml's lexer does
/// (a run that turns into a datetime at the first `-` or `:`, a float at `.`/`e`), then
/// checked and converted as its parser does (`Invalid integer "01": cannot have leading
/// zeroes`, `9223372036854775808 is out of range for int64`, `invalid datetime: "…"`).
extension TOMLReader {
    private enum NumberKind { case integer, float, datetime }

    /// A value starting with a digit.
    mutating func numberOrDate() throws(TOMLDecodeError) -> Value {
        let start = pos
        let first = try next()
        var kind = NumberKind.integer
        if first == UInt8(ascii: "0") {
            let c = try peek()
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                kind = try decimalOrDate()
            case UInt8(ascii: "_"):
                pos += 1
                kind = try decimalNumber()
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                pos += 1
                try floatTail()
                kind = .float
            case UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "x"):
                pos += 1
                try baseInteger(c)
            default: break
            }
        } else {
            kind = try decimalOrDate()
        }
        let text = String(decoding: b[start..<pos], as: UTF8.self)
        tokenLine = line
        switch kind {
        case .integer: return try integer(text)
        case .float: return try float(text)
        case .datetime:
            let trimmed = text.hasSuffix(" ") ? String(text.dropLast(text.reversed().prefix { $0 == " " }.count)) : text
            guard let t = TOMLDateTime.parse(trimmed) else {
                throw lexError("invalid datetime: \(GoQuote.quote(trimmed))")
            }
            return .object(t)
        }
    }

    /// A `+`/`-` value (`lexDecimalNumberStart`); `start` is the sign's position.
    mutating func signedNumber(start: Int) throws(TOMLDecodeError) -> Value {
        let r = try next()
        switch r {
        case UInt8(ascii: "i"), UInt8(ascii: "n"):
            let rest: [UInt8] = r == UInt8(ascii: "i") ? Array("nf".utf8) : Array("an".utf8)
            for expected in rest {
                guard try peek() == expected else {
                    throw lexError("invalid float: '\(String(decoding: b[start..<pos], as: UTF8.self))'")
                }
                pos += 1
            }
            tokenLine = line
            let text = String(decoding: b[start..<pos], as: UTF8.self)
            return try float(text)
        case UInt8(ascii: "0"):
            let p = try peek()
            if p == UInt8(ascii: "b") || p == UInt8(ascii: "o") || p == UInt8(ascii: "x") {
                let current = String(decoding: b[start..<pos], as: UTF8.self)
                throw lexError("cannot use sign with non-decimal numbers: '\(current)\(Character(Unicode.Scalar(p)))'")
            }
        case UInt8(ascii: "."):
            throw lexError("floats must start with a digit, not '.'")
        default:
            break
        }
        guard Self.isDigit(r) else {
            throw lexError("expected a digit but got \(quotedRune(at: pos - 1))")
        }
        let kind = try decimalNumber()
        let text = String(decoding: b[start..<pos], as: UTF8.self)
        tokenLine = line
        return kind == .float ? try float(text) : try integer(text)
    }

    /// `lexNumberOrDate`: digits, then a datetime, a float or the end of an integer.
    private mutating func decimalOrDate() throws(TOMLDecodeError) -> NumberKind {
        while true {
            let c = try peek()
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): pos += 1
            case UInt8(ascii: "-"), UInt8(ascii: ":"):
                pos += 1
                try datetimeTail()
                return .datetime
            case UInt8(ascii: "_"):
                pos += 1
                return try decimalNumber()
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                pos += 1
                try floatTail()
                return .float
            default: return .integer
            }
        }
    }

    /// `lexDecimalNumber`.
    private mutating func decimalNumber() throws(TOMLDecodeError) -> NumberKind {
        while true {
            let c = try peek()
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): pos += 1
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                pos += 1
                try floatTail()
                return .float
            default: return .integer
            }
        }
    }

    private mutating func floatTail() throws(TOMLDecodeError) {
        while true {
            switch try peek() {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"):
                pos += 1
            default: return
            }
        }
    }

    private mutating func datetimeTail() throws(TOMLDecodeError) {
        while true {
            switch try peek() {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "T"),
                UInt8(ascii: "t"), UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "Z"), UInt8(ascii: "z"),
                UInt8(ascii: "+"):
                pos += 1
            default: return
            }
        }
    }

    /// `0x…`, `0o…`, `0b…`; `pos` is past the base letter.
    private mutating func baseInteger(_ base: UInt8) throws(TOMLDecodeError) {
        func ok(_ c: UInt8) -> Bool {
            switch base {
            case UInt8(ascii: "b"): return c == UInt8(ascii: "0") || c == UInt8(ascii: "1")
            case UInt8(ascii: "o"): return c >= UInt8(ascii: "0") && c <= UInt8(ascii: "7")
            default:
                return Self.isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
                    || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
            }
        }
        let p = try peek()
        guard ok(p) else {
            let name = base == UInt8(ascii: "b") ? "binary" : base == UInt8(ascii: "o") ? "octal" : "hexadecimal"
            let article = base == UInt8(ascii: "o") ? "an" : "a"
            let current = String(decoding: b[(pos - 2)..<pos], as: UTF8.self)
            let shown = p == Self.eof ? "\\x00" : String(decoding: [p], as: UTF8.self)
            throw lexError("not \(article) \(name) number: '\(current)\(shown)'")
        }
        while true {
            let c = try peek()
            if ok(c) || c == UInt8(ascii: "_") { pos += 1 } else { return }
        }
    }

    // MARK: Parser checks and conversions

    private func underscoresOK(_ s: Substring) -> Bool {
        if ["nan", "+nan", "-nan", "inf", "-inf", "+inf"].contains(s) { return true }
        var accept = false
        for c in s.utf8 {
            if c == UInt8(ascii: "_") && !accept { return false }
            accept = Self.isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
                || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
        }
        return accept
    }

    private func hasLeadingZero(_ s: Substring) -> Bool {
        let u = Array(s.utf8)
        if u.count > 1 && u[0] == UInt8(ascii: "0")
            && !(u[1] == UInt8(ascii: "b") || u[1] == UInt8(ascii: "o") || u[1] == UInt8(ascii: "x"))
        {
            return true
        }
        return u.count > 2 && (u[0] == UInt8(ascii: "-") || u[0] == UInt8(ascii: "+")) && u[1] == UInt8(ascii: "0")
    }

    private func integer(_ text: String) throws(TOMLDecodeError) -> Value {
        if !underscoresOK(text[...]) {
            throw lexError("Invalid integer \(GoQuote.quote(text)): underscores must be surrounded by digits")
        }
        if hasLeadingZero(text[...]) {
            throw lexError("Invalid integer \(GoQuote.quote(text)): cannot have leading zeroes")
        }
        // strconv.ParseInt(text, 0, 64).
        var digits = Substring(text)
        var negative = false
        if let s = digits.first, s == "+" || s == "-" {
            negative = s == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        if digits.hasPrefix("0x") { radix = 16 } else if digits.hasPrefix("0o") { radix = 8 } else if digits.hasPrefix("0b") { radix = 2 }
        if radix != 10 { digits = digits.dropFirst(2) }
        let clean = digits.filter { $0 != "_" }
        guard let magnitude = UInt64(clean, radix: radix) else {
            if clean.allSatisfy({ $0.isHexDigit }) && !clean.isEmpty {
                throw lexError("\(text) is out of range for int64")
            }
            throw lexError("Invalid integer \(GoQuote.quote(text))")
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw lexError("\(text) is out of range for int64") }
            return .int64(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { throw lexError("\(text) is out of range for int64") }
        return .int64(Int64(magnitude))
    }

    private func float(_ text: String) throws(TOMLDecodeError) -> Value {
        let parts = text.split(whereSeparator: { $0 == "." || $0 == "e" || $0 == "E" })
        for part in parts where !underscoresOK(part) {
            throw lexError("Invalid float \(GoQuote.quote(text)): underscores must be surrounded by digits")
        }
        if let first = parts.first, hasLeadingZero(first) {
            throw lexError("Invalid float \(GoQuote.quote(text)): cannot have leading zeroes")
        }
        if periodsBad(text) {
            throw lexError("Invalid float \(GoQuote.quote(text)): '.' must be followed by one or more digits")
        }
        var clean = text.filter { $0 != "_" }
        var negativeNaN = false
        if clean == "+nan" || clean == "-nan" {
            negativeNaN = clean == "-nan"
            clean = "nan"
        }
        guard let f = Double(clean), clean.first != "." else {
            throw lexError("Invalid float value: \(GoQuote.quote(text))")
        }
        if f.isInfinite && !clean.hasSuffix("inf") { throw lexError("\(text) is out of range for float64") }
        return .float(negativeNaN ? -f : f)
    }

    /// `numPeriodsOK`: every `.` is followed by a digit.
    private func periodsBad(_ text: String) -> Bool {
        var period = false
        for c in text.utf8 {
            if period && !Self.isDigit(c) { return true }
            period = c == UInt8(ascii: ".")
        }
        return period
    }
}
