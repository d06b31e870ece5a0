/// Decodes one JSON value from the middle of a `--set-json` line, as Go's
/// `json.NewDecoder(r).Decode(&v)` with `v interface{}` does for Helm.
///
/// Helm decodes the text after `key=` with a streaming decoder and then skips exactly
/// `dec.InputOffset()` characters, so only the first complete value is taken and
/// whatever follows it is parsed again as strvals (`a=1x=2` sets `a` and `x`). The
/// rules kept here: numbers become float64 (a number out of float64's range is an
/// `UnmarshalTypeError`, reported only if the whole value is well-formed), a top-level
/// value ends at the first character that cannot continue it, a value cut short is
/// `unexpected EOF`, and syntax errors use Go's scanner wording
/// (`invalid character ']' looking for beginning of value`).
struct StrValsJSONDecoder {
    private let input: [Unicode.Scalar]
    private(set) var position: Int
    /// Go reports a number that overflows float64 only after the value proved well-formed.
    private var rangeError: String?

    init(_ input: [Unicode.Scalar], at position: Int) {
        self.input = input
        self.position = position
    }

    /// Decodes the value starting at `position` and leaves `position` just after it.
    mutating func decode() throws(StrValsError) -> Value {
        skipSpace()
        let value = try value()
        if let rangeError { throw .json(rangeError) }
        return value
    }

    private var atEnd: Bool { position >= input.count }

    private mutating func skipSpace() {
        while !atEnd {
            switch input[position] {
            case " ", "\t", "\n", "\r": position += 1
            default: return
            }
        }
    }

    private func unexpectedEOF() -> StrValsError { .json("unexpected EOF") }

    /// Go's scanner works on bytes, so a non-ASCII character is named by its first
    /// UTF-8 byte read as a rune (`é` is reported as `'Ã'`).
    private func invalid(_ context: String) -> StrValsError {
        let scalar = input[position]
        let byte = scalar.utf8.first ?? 0
        let shown: String
        switch byte {
        case UInt8(ascii: "'"): shown = "'\\''"
        case UInt8(ascii: "\""): shown = "'\"'"
        default:
            let quoted = StrValsGoText.quote(String(Unicode.Scalar(byte)))
            shown = "'" + quoted.dropFirst().dropLast() + "'"
        }
        return .json("invalid character \(shown) \(context)")
    }

    private mutating func value() throws(StrValsError) -> Value {
        guard !atEnd else { throw unexpectedEOF() }
        switch input[position] {
        case "{": return try object()
        case "[": return try array()
        case "\"": return .string(try string())
        case "t": try literal("true"); return .bool(true)
        case "f": try literal("false"); return .bool(false)
        case "n": try literal("null"); return .null
        case "-", "0"..."9": return try number()
        default: throw invalid("looking for beginning of value")
        }
    }

    private mutating func literal(_ word: String) throws(StrValsError) {
        for expected in word.unicodeScalars {
            guard !atEnd else { throw unexpectedEOF() }
            if input[position] != expected {
                throw invalid("in literal \(word) (expecting \(StrValsGoText.quoteRune(expected)))")
            }
            position += 1
        }
    }

    private mutating func object() throws(StrValsError) -> Value {
        position += 1
        var entries: [String: Value] = [:]
        skipSpace()
        guard !atEnd else { throw unexpectedEOF() }
        if input[position] == "}" {
            position += 1
            return .map(entries)
        }
        while true {
            guard !atEnd else { throw unexpectedEOF() }
            guard input[position] == "\"" else { throw invalid("looking for beginning of object key string") }
            let key = try string()
            skipSpace()
            guard !atEnd else { throw unexpectedEOF() }
            guard input[position] == ":" else { throw invalid("after object key") }
            position += 1
            skipSpace()
            entries[key] = try value()
            skipSpace()
            guard !atEnd else { throw unexpectedEOF() }
            switch input[position] {
            case ",":
                position += 1
                skipSpace()
            case "}":
                position += 1
                return .map(entries)
            default:
                throw invalid("after object key:value pair")
            }
        }
    }

    private mutating func array() throws(StrValsError) -> Value {
        position += 1
        var items: [Value] = []
        skipSpace()
        guard !atEnd else { throw unexpectedEOF() }
        if input[position] == "]" {
            position += 1
            return .list(items)
        }
        while true {
            items.append(try value())
            skipSpace()
            guard !atEnd else { throw unexpectedEOF() }
            switch input[position] {
            case ",":
                position += 1
                skipSpace()
            case "]":
                position += 1
                return .list(items)
            default:
                throw invalid("after array element")
            }
        }
    }

    private mutating func string() throws(StrValsError) -> String {
        position += 1
        var out = String.UnicodeScalarView()
        while true {
            guard !atEnd else { throw unexpectedEOF() }
            let c = input[position]
            switch c {
            case "\"":
                position += 1
                return String(out)
            case "\\":
                position += 1
                guard !atEnd else { throw unexpectedEOF() }
                let e = input[position]
                position += 1
                switch e {
                case "\"", "\\", "/": out.append(e)
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "u":
                    let unit = try hex4()
                    out.append(combineSurrogates(unit))
                default:
                    position -= 1
                    throw invalid("in string escape code")
                }
            default:
                if c.value < 0x20 { throw invalid("in string literal") }
                out.append(c)
                position += 1
            }
        }
    }

    private mutating func hex4() throws(StrValsError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard !atEnd else { throw unexpectedEOF() }
            let c = input[position]
            let digit: UInt32
            switch c {
            case "0"..."9": digit = c.value - 0x30
            case "a"..."f": digit = c.value - 0x61 + 10
            case "A"..."F": digit = c.value - 0x41 + 10
            default: throw invalid("in \\u hexadecimal character escape")
            }
            v = v * 16 + digit
            position += 1
        }
        return v
    }

    /// Go pairs a high surrogate with an immediately following `\uDC00…` escape; any
    /// other surrogate becomes U+FFFD (and the next escape is read on its own).
    private mutating func combineSurrogates(_ unit: UInt32) -> Unicode.Scalar {
        guard (0xD800..<0xE000).contains(unit) else { return Unicode.Scalar(unit) ?? "\u{FFFD}" }
        if unit < 0xDC00, position + 6 <= input.count, input[position] == "\\", input[position + 1] == "u" {
            var low: UInt32 = 0
            var valid = true
            for c in input[(position + 2)..<(position + 6)] {
                switch c {
                case "0"..."9": low = low * 16 + c.value - 0x30
                case "a"..."f": low = low * 16 + c.value - 0x61 + 10
                case "A"..."F": low = low * 16 + c.value - 0x41 + 10
                default: valid = false
                }
            }
            if valid, (0xDC00..<0xE000).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            {
                position += 6
                return scalar
            }
        }
        return "\u{FFFD}"
    }

    private mutating func number() throws(StrValsError) -> Value {
        let start = position
        if input[position] == "-" {
            position += 1
            guard !atEnd else { throw unexpectedEOF() }
            guard isDigit(input[position]) else { throw invalid("in numeric literal") }
        }
        if input[position] == "0" {
            position += 1
        } else {
            while !atEnd && isDigit(input[position]) { position += 1 }
        }
        if !atEnd && input[position] == "." {
            position += 1
            guard !atEnd else { throw unexpectedEOF() }
            guard isDigit(input[position]) else { throw invalid("after decimal point in numeric literal") }
            while !atEnd && isDigit(input[position]) { position += 1 }
        }
        if !atEnd && (input[position] == "e" || input[position] == "E") {
            position += 1
            guard !atEnd else { throw unexpectedEOF() }
            if input[position] == "+" || input[position] == "-" {
                position += 1
                guard !atEnd else { throw unexpectedEOF() }
            }
            guard isDigit(input[position]) else { throw invalid("in exponent of numeric literal") }
            while !atEnd && isDigit(input[position]) { position += 1 }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: input[start..<position])
        let literal = String(text)
        guard let d = Double(literal), d.isFinite else {
            if rangeError == nil {
                rangeError = "json: cannot unmarshal number \(literal) into Go value of type float64"
            }
            return .null
        }
        return .float(d)
    }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
}
