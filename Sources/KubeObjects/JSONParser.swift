/// A malformed JSON text: the message reads like Go's `encoding/json` syntax errors
/// (`invalid character '}' looking for beginning of object key string`), which the API
/// server passes on to clients inside its 400 answers.
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    /// Byte offset of the offending character.
    public let offset: Int
    public var description: String { message }
}

extension JSONValue {
    /// Parses one JSON text (surrounding whitespace allowed, nothing else after it).
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONParseError> = text.withUTF8 { bytes in Result { () throws(JSONParseError) in try parse(bytes) } }
        return try result.get()
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) in try parse(buffer) }
        }
        return try result.get()
    }

    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(buffer)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.pos < buffer.count {
            throw reader.fail("invalid character \(reader.quoted(buffer[reader.pos])) after top-level value")
        }
        return value
    }
}

private struct JSONReader {
    let b: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// Go's decoder refuses nesting deeper than 10000; so do we, before the stack does.
    static let maxDepth = 10_000

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    func fail(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: pos) }

    func quoted(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\""): return "'\"'"
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(c)))'"
        default: return "'\\x\(String(c, radix: 16, uppercase: false))'"
        }
    }

    mutating func skipSpace() {
        while pos < b.count {
            switch b[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        skipSpace()
        guard pos < b.count else { throw fail("unexpected end of JSON input") }
        if depth > Self.maxDepth { throw fail("exceeded max depth") }
        switch b[pos] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case let c: throw fail("invalid character \(quoted(c)) looking for beginning of value")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for c in w {
            guard pos < b.count else { throw fail("unexpected end of JSON input") }
            guard b[pos] == c else { throw fail("invalid character \(quoted(b[pos])) in literal \(word)") }
            pos += 1
        }
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        pos += 1
        var out: [String: JSONValue] = [:]
        skipSpace()
        if pos < b.count, b[pos] == UInt8(ascii: "}") {
            pos += 1
            return .object(out)
        }
        while true {
            skipSpace()
            guard pos < b.count else { throw fail("unexpected end of JSON input") }
            guard b[pos] == UInt8(ascii: "\"") else {
                throw fail("invalid character \(quoted(b[pos])) looking for beginning of object key string")
            }
            let key = try string()
            skipSpace()
            guard pos < b.count else { throw fail("unexpected end of JSON input") }
            guard b[pos] == UInt8(ascii: ":") else {
                throw fail("invalid character \(quoted(b[pos])) after object key")
            }
            pos += 1
            out[key] = try value(depth: depth + 1)  // a repeated key: the last one wins, as in Go
            skipSpace()
            guard pos < b.count else { throw fail("unexpected end of JSON input") }
            switch b[pos] {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "}"):
                pos += 1
                return .object(out)
            case let c: throw fail("invalid character \(quoted(c)) after object key:value pair")
            }
        }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        pos += 1
        var out: [JSONValue] = []
        skipSpace()
        if pos < b.count, b[pos] == UInt8(ascii: "]") {
            pos += 1
            return .array(out)
        }
        while true {
            out.append(try value(depth: depth + 1))
            skipSpace()
            guard pos < b.count else { throw fail("unexpected end of JSON input") }
            switch b[pos] {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "]"):
                pos += 1
                return .array(out)
            case let c: throw fail("invalid character \(quoted(c)) after array element")
            }
        }
    }

    mutating func number() throws(JSONParseError) -> JSONValue {
        let start = pos
        var isInteger = true
        if b[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < b.count, isDigit(b[pos]) else {
            if pos < b.count { throw fail("invalid character \(quoted(b[pos])) in numeric literal") }
            throw fail("unexpected end of JSON input")
        }
        if b[pos] == UInt8(ascii: "0") {
            pos += 1
        } else {
            while pos < b.count, isDigit(b[pos]) { pos += 1 }
        }
        if pos < b.count, b[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < b.count, isDigit(b[pos]) else {
                throw fail(pos < b.count ? "invalid character \(quoted(b[pos])) after decimal point in numeric literal" : "unexpected end of JSON input")
            }
            while pos < b.count, isDigit(b[pos]) { pos += 1 }
        }
        if pos < b.count, b[pos] == UInt8(ascii: "e") || b[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < b.count, b[pos] == UInt8(ascii: "+") || b[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < b.count, isDigit(b[pos]) else {
                throw fail(pos < b.count ? "invalid character \(quoted(b[pos])) in exponent of numeric literal" : "unexpected end of JSON input")
            }
            while pos < b.count, isDigit(b[pos]) { pos += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<pos]), as: UTF8.self)
        if isInteger, let i = Int64(text) { return .int(i) }
        guard let d = Double(text), d.isFinite else {
            throw JSONParseError(message: "number \(text) is out of range", offset: start)
        }
        return .double(d)
    }

    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    mutating func string() throws(JSONParseError) -> String {
        pos += 1
        let start = pos
        // Fast path: no escapes, valid UTF-8 taken as is.
        while pos < b.count {
            let c = b[pos]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw fail("invalid character \(quoted(c)) in string literal") }
            pos += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<pos]))
        while pos < b.count {
            let c = b[pos]
            switch c {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                pos += 1
                guard pos < b.count else { throw fail("unexpected end of JSON input") }
                let e = b[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), pos + 1 < b.count, b[pos] == UInt8(ascii: "\\"),
                        b[pos + 1] == UInt8(ascii: "u")
                    {
                        let save = pos
                        pos += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            pos = save
                        }
                    }
                    // Go turns a lone surrogate into U+FFFD.
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    pos -= 1
                    throw fail("invalid character \(quoted(e)) in string escape code")
                }
            default:
                if c < 0x20 { throw fail("invalid character \(quoted(c)) in string literal") }
                out.append(c)
                pos += 1
            }
        }
        throw fail("unexpected end of JSON input")
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < b.count else { throw fail("unexpected end of JSON input") }
            let c = b[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("invalid character \(quoted(c)) in \\u hexadecimal character escape")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }
}
