/// TOML's four string forms, read as BurntSushi/toml's lexer reads them (its error
/// texts: `unexpected EOF; expected '"'`, `strings cannot contain newlines`,
/// `invalid escape in string '\q'`) and unescaped as its parser does.
extension TOMLReader {
    /// A "basic" string; `pos` is just past the opening quote.
    mutating func basicString() throws(TOMLDecodeError) -> String {
        let contentStart = pos
        var out: [UInt8] = []
        while true {
            let start = pos
            let c = try next()
            switch c {
            case Self.eof:
                throw lexError("unexpected EOF; expected '\"'")
            case 0x0A, 0x0D:
                throw lexError("strings cannot contain newlines", line: lineAt(start))
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &out, contentStart: contentStart)
            default:
                out.append(c)
            }
        }
    }

    /// A 'literal' string: no escapes.
    mutating func literalString() throws(TOMLDecodeError) -> String {
        let start = pos
        while true {
            let here = pos
            let c = try next()
            switch c {
            case Self.eof: throw lexError("unexpected EOF; expected \"'\"")
            case 0x0A, 0x0D: throw lexError("strings cannot contain newlines", line: lineAt(here))
            case UInt8(ascii: "'"): return String(decoding: b[start..<here], as: UTF8.self)
            default: continue
            }
        }
    }

    /// A """multi-line basic""" string: the newline right after the opening quotes is
    /// dropped, a backslash at the end of a line swallows the following whitespace, and
    /// up to two quotes may sit before the closing three.
    mutating func multilineBasicString() throws(TOMLDecodeError) -> String {
        let contentStart = pos
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            let c = try next()
            switch c {
            case Self.eof:
                throw lexError("unexpected EOF; expected '\"\"\"'")
            case UInt8(ascii: "\""):
                if closesMultiline(UInt8(ascii: "\"")) {
                    pos += 2
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(c)
            case UInt8(ascii: "\\"):
                // A line-ending backslash: optional blanks, a newline, then all whitespace.
                var j = pos
                while j < b.count && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
                if j < b.count && (b[j] == 0x0A || (b[j] == 0x0D && j + 1 < b.count && b[j + 1] == 0x0A)) {
                    while pos < b.count && [0x20, 0x09, 0x0A, 0x0D].contains(b[pos]) { _ = try next() }
                    continue
                }
                try escape(into: &out, contentStart: contentStart)
            default:
                out.append(c)
            }
        }
    }

    /// A '''multi-line literal''' string.
    mutating func multilineLiteralString() throws(TOMLDecodeError) -> String {
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            let c = try next()
            switch c {
            case Self.eof:
                throw lexError("unexpected EOF; expected \"'''\"")
            case UInt8(ascii: "'"):
                if closesMultiline(UInt8(ascii: "'")) {
                    pos += 2
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(c)
            default:
                out.append(c)
            }
        }
    }

    private mutating func skipFirstNewline() {
        if pos < b.count && b[pos] == 0x0A {
            pos += 1
            line += 1
        } else if pos + 1 < b.count && b[pos] == 0x0D && b[pos + 1] == 0x0A {
            pos += 2
            line += 1
        }
    }

    /// Whether the quote just read starts the closing three (the last three of a run
    /// of up to five quotes close the string).
    private func closesMultiline(_ q: UInt8) -> Bool {
        guard pos + 1 < b.count, b[pos] == q, b[pos + 1] == q else { return false }
        return !(pos + 2 < b.count && b[pos + 2] == q)
    }

    /// One escape after a backslash (`\e` and `\xHH` are TOML 1.1, which v1.6.0 reads).
    private mutating func escape(into out: inout [UInt8], contentStart: Int) throws(TOMLDecodeError) {
        let c = try next()
        switch c {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
        case UInt8(ascii: "x"): try unicodeEscape(2, "two", "x", into: &out, contentStart: contentStart)
        case UInt8(ascii: "u"): try unicodeEscape(4, "four", "u", into: &out, contentStart: contentStart)
        case UInt8(ascii: "U"): try unicodeEscape(8, "eight", "U", into: &out, contentStart: contentStart)
        default:
            let shown = c == Self.eof ? "\u{0}" : String(decoding: [c], as: UTF8.self)
            throw lexError("invalid escape in string '\\" + shown + "'")
        }
    }

    private mutating func unicodeEscape(
        _ count: Int, _ word: String, _ letter: String, into out: inout [UInt8], contentStart: Int
    ) throws(TOMLDecodeError) {
        let digitsStart = pos
        var v: UInt32 = 0
        for _ in 0..<count {
            let c = try next()
            guard let d = hexValue(c) else {
                let current = String(decoding: b[contentStart..<pos], as: UTF8.self)
                throw lexError(
                    "expected \(word) hexadecimal digits after '\\\(letter)', but got \(GoQuote.quote(current)) instead")
            }
            v = v << 4 | d
        }
        guard let scalar = Unicode.Scalar(v) else {
            let written = String(decoding: b[digitsStart..<pos], as: UTF8.self)
            throw lexError("Escaped character '\\\(letter)\(written)' is not valid UTF-8.")
        }
        UTF8.encode(scalar) { out.append($0) }
    }

    private func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
