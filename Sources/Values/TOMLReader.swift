/// BurntSushi/toml v1.6.0's `toml.Unmarshal` into a `map[string]interface {}`.
///
/// A hand-written reader that follows the library's lexer states closely enough to give
/// its error texts at the same points (`expected value but found "x" instead`, the line
/// of the offending character, the `last key` being defined), with the TOML 1.1 features
/// v1.6.0 accepts (`\e`, `\xHH`, seconds-less times, newlines and a trailing comma in
/// inline tables). Integers are int64, floats float64, datetimes `time.Time` — local
/// ones in BurntSushi's `datetime-local`/`date-local`/`time-local` zones.
struct TOMLReader {
    let b: [UInt8]
    var pos = 0
    var line = 1
    /// The line at which the last token ended (the parser's position for its own errors).
    var tokenLine = 1
    var tree = TOMLTree()
    var currentKey = ""

    init(_ text: String) { b = Array(text.utf8) }

    static func parse(_ text: String) throws(TOMLDecodeError) -> [String: Value] {
        var reader = TOMLReader(text)
        try reader.document()
        return TOMLTree.value(of: reader.tree.root)
    }

    // MARK: Errors

    func lexError(_ message: String, line errorLine: Int? = nil) -> TOMLDecodeError {
        TOMLDecodeError(line: errorLine ?? line, lastKey: tree.current(currentKey), message: message)
    }

    func semantic(_ e: TOMLTree.SemanticError, lastKey: String? = nil) -> TOMLDecodeError {
        TOMLDecodeError(line: tokenLine, lastKey: lastKey ?? e.lastKey, message: e.message)
    }

    // MARK: Characters

    static let eof: UInt8 = 0

    /// The byte at `pos` (0 at the end), refusing control characters the way the
    /// lexer's `next` does whenever it reads one.
    func peek() throws(TOMLDecodeError) -> UInt8 {
        guard pos < b.count else { return Self.eof }
        let c = b[pos]
        if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F
            || (c == 0x0D && (pos + 1 >= b.count || b[pos + 1] != 0x0A))
        {
            throw lexError("TOML files cannot contain control characters: '0x" + hex2(c) + "'")
        }
        return c
    }

    mutating func next() throws(TOMLDecodeError) -> UInt8 {
        let c = try peek()
        if pos < b.count {
            pos += 1
            if c == 0x0A { line += 1 }
        }
        return c
    }

    mutating func skipWhitespace() throws(TOMLDecodeError) {
        while true {
            let c = try peek()
            guard c == 0x20 || c == 0x09 else { return }
            pos += 1
        }
    }

    func hex2(_ c: UInt8) -> String {
        let d = Array("0123456789abcdef")
        return String([d[Int(c >> 4)], d[Int(c & 15)]])
    }

    /// Go's `%q` of the rune starting at `at` (`'\x00'` at the end of input).
    func quotedRune(at i: Int) -> String {
        guard i < b.count else { return "'\\x00'" }
        let c = b[i]
        switch c {
        case 0x0A: return "'\\n'"
        case 0x09: return "'\\t'"
        case 0x0D: return "'\\r'"
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\\"): return "'\\\\'"
        default: break
        }
        if c < 0x80 { return "'" + String(Unicode.Scalar(c)) + "'" }
        var it = b[i...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&it) {
            let q = GoQuote.quote(String(s))
            return "'" + q.dropFirst().dropLast() + "'"
        }
        return "'\\ufffd'"
    }

    static func isBare(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    // MARK: Document

    mutating func document() throws(TOMLDecodeError) {
        while true {
            let c = try peek()
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                _ = try next()
            case UInt8(ascii: "#"):
                try comment()
            case UInt8(ascii: "["):
                pos += 1
                try tableHeader()
                try topEnd()
            case Self.eof:
                return
            default:
                try keyValue()
                try topEnd()
            }
        }
    }

    mutating func comment() throws(TOMLDecodeError) {
        pos += 1
        while true {
            let c = try peek()
            if c == Self.eof || c == 0x0A { return }
            if c == 0x0D && pos + 1 < b.count && b[pos + 1] == 0x0A { return }
            pos += 1
        }
    }

    /// `lexTopEnd`: after an item only whitespace, a comment or a newline may follow.
    mutating func topEnd() throws(TOMLDecodeError) {
        while true {
            let start = pos
            let c = try next()
            switch c {
            case 0x20, 0x09: continue
            case UInt8(ascii: "#"):
                pos = start
                try comment()
                return
            case 0x0A, 0x0D, Self.eof: return
            default:
                throw lexError(
                    "expected a top-level item to end with a newline, comment, or EOF, but got "
                        + quotedRune(at: start) + " instead")
            }
        }
    }

    mutating func tableHeader() throws(TOMLDecodeError) {
        let array = pos < b.count && b[pos] == UInt8(ascii: "[")
        if array { pos += 1 }
        var key: [String] = []
        while true {
            try skipWhitespace()
            let c = try peek()
            if c == UInt8(ascii: "]") || c == Self.eof {
                throw lexError("unexpected end of table name (table names cannot be empty)")
            }
            if c == UInt8(ascii: ".") {
                throw lexError("unexpected table separator (table names cannot be empty)")
            }
            key.append(try keyPart())
            try skipWhitespace()
            let start = pos
            let e = try next()
            if e == UInt8(ascii: ".") { continue }
            if e == UInt8(ascii: "]") { break }
            throw lexError(
                "expected '.' or ']' to end table name, but got \(quotedRune(at: start)) instead",
                line: lineAt(start))
        }
        if array {
            let start = pos
            if try next() != UInt8(ascii: "]") {
                throw lexError(
                    "expected end of table array name delimiter ']', but got \(quotedRune(at: start)) instead",
                    line: lineAt(start))
            }
        }
        tokenLine = line
        do {
            try tree.addContext(key, array: array, currentKey: "")
        } catch {
            throw semantic(error)
        }
    }

    /// The line of a position already consumed (a newline reports the line it ends).
    func lineAt(_ i: Int) -> Int {
        i < b.count && b[i] == 0x0A ? line - 1 : line
    }

    /// One part of a key: bare, "basic" or 'literal'.
    mutating func keyPart() throws(TOMLDecodeError) -> String {
        let c = try peek()
        if c == UInt8(ascii: "\"") {
            pos += 1
            return try basicString()
        }
        if c == UInt8(ascii: "'") {
            pos += 1
            return try literalString()
        }
        let start = pos
        while pos < b.count && Self.isBare(b[pos]) { pos += 1 }
        return String(decoding: b[start..<pos], as: UTF8.self)
    }

    /// `key = value`, at the top level or inside an inline table.
    /// `inInlineTable`: the parser keeps the key as "last key" after an inline table's
    /// entry (errors on its terminator name it), but forgets it after a top-level line.
    mutating func keyValue(inInlineTable: Bool = false) throws(TOMLDecodeError) {
        try skipWhitespace()
        let first = try peek()
        if first == UInt8(ascii: "=") || first == Self.eof {
            throw lexError("unexpected '=': key name appears blank")
        }
        if first == UInt8(ascii: ".") { throw lexError("unexpected '.': keys cannot start with a '.'") }
        var key: [String] = []
        while true {
            try skipWhitespace()
            let c = try peek()
            if c == UInt8(ascii: "=") || c == Self.eof { throw lexError("unexpected '='") }
            if c == UInt8(ascii: ".") { throw lexError("unexpected '.'") }
            key.append(try keyPart())
            try skipWhitespace()
            let start = pos
            let e = try next()
            if e == UInt8(ascii: ".") { continue }
            if e == UInt8(ascii: "=") { break }
            if e == Self.eof { throw lexError("unexpected EOF; expected key separator '='") }
            throw lexError(
                "expected '.' or '=', but got \(quotedRune(at: start)) instead", line: lineAt(start))
        }
        let outer = tree.context
        let last = key[key.count - 1]
        currentKey = last
        let fullKey = TOMLTree.keyString(outer + key.dropLast()).isEmpty
            ? last : TOMLTree.keyString(outer + key.dropLast()) + "." + last
        tokenLine = line
        do {
            for i in 0..<(key.count - 1) {
                try tree.addImplicitContext(tree.context + [key[i]], currentKey: last)
            }
        } catch {
            throw semantic(error, lastKey: fullKey)
        }
        try skipWhitespace()
        if try peek() == UInt8(ascii: "{") {
            pos += 1
            try inlineTableInTree()
            tokenLine = line
            do {
                try tree.setValue(last, .value(.null), currentKey: last)
            } catch {
                throw semantic(error, lastKey: fullKey)
            }
        } else {
            let v = try value()
            tokenLine = line
            do {
                try tree.setValue(last, .value(v), currentKey: last)
            } catch {
                throw semantic(error, lastKey: fullKey)
            }
        }
        tree.context = outer
        if !inInlineTable { currentKey = "" }
    }

    /// An inline table as a key's value: the parser opens it as an implicit table in the
    /// document tree itself (which is why later headers and dotted keys may extend it).
    mutating func inlineTableInTree() throws(TOMLDecodeError) {
        let outerContext = tree.context
        let outerKey = currentKey
        let ctx = tree.context + [currentKey]
        currentKey = ""
        tree.addImplicit(ctx)
        do {
            try tree.addContext(ctx, array: false, currentKey: "")
        } catch {
            throw semantic(error)
        }
        try inlineTableEntries()
        tree.context = outerContext
        currentKey = outerKey
    }

    /// The entries of an inline table up to its `}`, as `lexInlineTableValue` and
    /// `lexInlineTableValueEnd` read them.
    mutating func inlineTableEntries() throws(TOMLDecodeError) {
        let prevContext = tree.context
        while true {
            // lexInlineTableValue
            let c = try peek()
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                _ = try next()
                continue
            case UInt8(ascii: "#"):
                try comment()
                continue
            case UInt8(ascii: ","):
                pos += 1
                throw lexError("unexpected comma")
            case UInt8(ascii: "}"):
                pos += 1
                return
            default: break
            }
            try keyValue(inInlineTable: true)
            tree.context = prevContext
            // lexInlineTableValueEnd
            while true {
                let start = pos
                let e = try next()
                switch e {
                case 0x20, 0x09, 0x0A, 0x0D: continue
                case UInt8(ascii: "#"):
                    pos = start
                    try comment()
                    continue
                case UInt8(ascii: "}"): return
                case UInt8(ascii: ","): break
                default:
                    let got = e == Self.eof ? "end of file" : quotedRune(at: start)
                    throw lexError(
                        "expected a comma or an inline table terminator '}', but got \(got) instead",
                        line: lineAt(start))
                }
                break
            }
        }
    }

    /// An inline table inside an array: a table of its own, not part of the document tree.
    mutating func detachedInlineTable() throws(TOMLDecodeError) -> Value {
        let saved = tree
        let savedKey = currentKey
        tree = TOMLTree()
        currentKey = ""
        defer {
            tree = saved
            currentKey = savedKey
        }
        try inlineTableEntries()
        return .map(TOMLTree.value(of: tree.root))
    }

    // MARK: Values

    mutating func value() throws(TOMLDecodeError) -> Value {
        try skipWhitespace()
        let start = pos
        let c = try next()
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            pos = start
            return try numberOrDate()
        case UInt8(ascii: "["):
            return try array()
        case UInt8(ascii: "{"):
            return try detachedInlineTable()
        case UInt8(ascii: "\""):
            if pos + 1 < b.count && b[pos] == UInt8(ascii: "\"") && b[pos + 1] == UInt8(ascii: "\"") {
                pos += 2
                return .string(try multilineBasicString())
            }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if pos + 1 < b.count && b[pos] == UInt8(ascii: "'") && b[pos + 1] == UInt8(ascii: "'") {
                pos += 2
                return .string(try multilineLiteralString())
            }
            return .string(try literalString())
        case UInt8(ascii: "."):
            throw lexError("floats must start with a digit, not '.'")
        case UInt8(ascii: "i") where has("nf", at: pos):
            pos += 2
            return .float(.infinity)
        case UInt8(ascii: "n") where has("an", at: pos):
            pos += 2
            return .float(.nan)
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return try signedNumber(start: start)
        case Self.eof:
            throw lexError("unexpected EOF; expected value")
        default:
            pos = start
            let word = letters()
            if word.isEmpty {
                throw lexError("expected value but found \(quotedRune(at: start)) instead", line: lineAt(start))
            }
            if word == "true" { return .bool(true) }
            if word == "false" { return .bool(false) }
            throw lexError("expected value but found \(GoQuote.quote(word)) instead")
        }
    }

    func has(_ s: String, at i: Int) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= b.count && Array(b[i..<i + u.count]) == u
    }

    /// The run of letters at `pos` (`lexBool`).
    mutating func letters() -> String {
        let start = pos
        var it = b[pos...].makeIterator()
        var decoder = UTF8()
        var end = pos
        while case .scalarValue(let s) = decoder.decode(&it), s.properties.isAlphabetic {
            end += String(s).utf8.count
        }
        pos = end
        return String(decoding: b[start..<end], as: UTF8.self)
    }

    mutating func array() throws(TOMLDecodeError) -> Value {
        var items: [Value] = []
        while true {
            // lexArrayValue
            let c = try peek()
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                _ = try next()
                continue
            case UInt8(ascii: "#"):
                try comment()
                continue
            case UInt8(ascii: ","):
                pos += 1
                throw lexError("unexpected comma")
            case UInt8(ascii: "]"):
                pos += 1
                return .list(items)
            default: break
            }
            items.append(try value())
            // lexArrayValueEnd
            while true {
                let start = pos
                let e = try next()
                switch e {
                case 0x20, 0x09, 0x0A, 0x0D: continue
                case UInt8(ascii: "#"):
                    pos = start
                    try comment()
                    continue
                case UInt8(ascii: "]"): return .list(items)
                case UInt8(ascii: ","): break
                default:
                    let got = e == Self.eof ? "end of file" : quotedRune(at: start)
                    throw lexError(
                        "expected a comma (',') or array terminator (']'), but got \(got)", line: lineAt(start))
                }
                break
            }
        }
    }
}
