/// Go's `json.Unmarshal` into an `interface {}`, over the input's UTF-8 bytes.
///
/// Go first validates the whole input with its scanner, then decodes; a syntax error
/// therefore wins over any decoding error, and the error texts are the scanner's
/// (`invalid character '}' after object key`). At the end of the input the scanner is
/// fed one space, so an unfinished literal or number reports that space
/// (`invalid character ' ' in literal true (expecting 'e')`) while an unfinished
/// container or string reports `unexpected end of JSON input`.
///
/// Containers are parsed with an explicit stack rather than recursion, so Go's
/// nesting limit of 10000 cannot exhaust a thread's stack.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var pos = 0
    /// The first decoding (not syntax) error: Go records it, stores nil, and goes on.
    private var firstError: JSONError?

    /// Go's `maxNestingDepth` in encoding/json's scanner.
    static let maxDepth = 10000

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The decoded value with the first decoding error; throws syntax errors.
    static func parse(_ text: String) throws(JSONError) -> (value: Value, error: JSONError?) {
        var text = text
        let outcome: Result<(Value, JSONError?), JSONError> = text.withUTF8 { buffer in
            var reader = JSONReader(buffer)
            do throws(JSONError) {
                let value = try reader.parseDocument()
                return .success((value, reader.firstError))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private enum Frame {
        case array([Value])
        case object([String: Value], key: String)
    }

    private mutating func parseDocument() throws(JSONError) -> Value {
        var stack: [Frame] = []
        nextValue: while true {
            skipSpace()
            guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
            let c = bytes[pos]
            var value: Value
            switch c {
            case UInt8(ascii: "{"):
                try checkDepth(stack.count, c)
                pos += 1
                skipSpace()
                guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
                if bytes[pos] == UInt8(ascii: "}") {
                    pos += 1
                    value = .map([:])
                } else {
                    stack.append(.object([:], key: try parseKey()))
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try checkDepth(stack.count, c)
                pos += 1
                skipSpace()
                guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
                if bytes[pos] == UInt8(ascii: "]") {
                    pos += 1
                    value = .list([])
                } else {
                    stack.append(.array([]))
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                value = .null
            default:
                throw .invalidCharacter(c, "looking for beginning of value", offset: pos)
            }

            // Attach the finished value to the open containers, closing those that end.
            while true {
                guard let frame = stack.popLast() else {
                    skipSpace()
                    if pos < bytes.count {
                        throw .invalidCharacter(bytes[pos], "after top-level value", offset: pos)
                    }
                    return value
                }
                switch frame {
                case .array(var items):
                    items.append(value)
                    skipSpace()
                    guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
                    let c = bytes[pos]
                    pos += 1
                    if c == UInt8(ascii: ",") {
                        stack.append(.array(items))
                        continue nextValue
                    }
                    if c != UInt8(ascii: "]") {
                        throw .invalidCharacter(c, "after array element", offset: pos - 1)
                    }
                    value = .list(items)
                case .object(var entries, let key):
                    entries[key] = value
                    skipSpace()
                    guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
                    let c = bytes[pos]
                    pos += 1
                    if c == UInt8(ascii: ",") {
                        skipSpace()
                        guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
                        stack.append(.object(entries, key: try parseKey()))
                        continue nextValue
                    }
                    if c != UInt8(ascii: "}") {
                        throw .invalidCharacter(c, "after object key:value pair", offset: pos - 1)
                    }
                    value = .map(entries)
                }
            }
        }
    }

    private func checkDepth(_ open: Int, _ c: UInt8) throws(JSONError) {
        if open + 1 > Self.maxDepth { throw .invalidCharacter(c, "exceeded max depth", offset: pos) }
    }

    private mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    /// The byte at `pos`, or the space Go's scanner is fed at the end of the input.
    private func current() -> UInt8 { pos < bytes.count ? bytes[pos] : 0x20 }

    /// An object key and its colon; `pos` is at the key's first byte.
    private mutating func parseKey() throws(JSONError) -> String {
        let c = bytes[pos]
        guard c == UInt8(ascii: "\"") else {
            throw .invalidCharacter(c, "looking for beginning of object key string", offset: pos)
        }
        let key = try parseString()
        skipSpace()
        guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
        guard bytes[pos] == UInt8(ascii: ":") else {
            throw .invalidCharacter(bytes[pos], "after object key", offset: pos)
        }
        pos += 1
        return key
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONError) {
        let name = word.description
        pos += 1
        for i in 1..<word.utf8CodeUnitCount {
            let expected = word.utf8Start[i]
            let c = current()
            guard c == expected else {
                let context = "in literal " + name + " (expecting '" + String(Unicode.Scalar(expected)) + "')"
                throw .invalidCharacter(c, context, offset: pos)
            }
            pos += 1
        }
    }

    // MARK: Numbers

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private mutating func parseNumber() throws(JSONError) -> Value {
        let start = pos
        var simple = true  // only an optional sign and digits
        if bytes[pos] == UInt8(ascii: "-") {
            pos += 1
            guard Self.isDigit(current()) else {
                throw .invalidCharacter(current(), "in numeric literal", offset: pos)
            }
        }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
        } else {
            while pos < bytes.count && Self.isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count && bytes[pos] == UInt8(ascii: ".") {
            simple = false
            pos += 1
            guard Self.isDigit(current()) else {
                throw .invalidCharacter(current(), "after decimal point in numeric literal", offset: pos)
            }
            while pos < bytes.count && Self.isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count && (bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E")) {
            simple = false
            pos += 1
            if pos < bytes.count && (bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-")) {
                pos += 1
            }
            guard Self.isDigit(current()) else {
                throw .invalidCharacter(current(), "in exponent of numeric literal", offset: pos)
            }
            while pos < bytes.count && Self.isDigit(bytes[pos]) { pos += 1 }
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<pos])
        // Up to 15 digits an integer converts to float64 exactly.
        if simple && slice.count <= 16 {
            var magnitude: Int64 = 0
            var negative = false
            var digits = 0
            for c in slice {
                if c == UInt8(ascii: "-") { negative = true; continue }
                magnitude = magnitude * 10 + Int64(c - UInt8(ascii: "0"))
                digits += 1
            }
            if digits <= 15 {
                return .float(negative ? (magnitude == 0 ? -0.0 : -Double(magnitude)) : Double(magnitude))
            }
        }
        // Go's strconv.ParseFloat: correctly rounded; overflow is an error, underflow is 0.
        let text = String(decoding: slice, as: UTF8.self)
        guard let f = Double(text), f.isFinite else {
            if firstError == nil {
                firstError = .unmarshalType("number " + text, into: "float64", offset: start)
            }
            return .null
        }
        return .float(f)
    }

    // MARK: Strings

    /// A string literal; `pos` is at its opening quote. Go replaces lone surrogates in
    /// `\u` escapes with U+FFFD.
    private mutating func parseString() throws(JSONError) -> String {
        pos += 1
        let start = pos
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw .invalidCharacter(c, "in string literal", offset: pos) }
            pos += 1
        }
        guard pos < bytes.count else { throw .unexpectedEnd(offset: pos) }
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<pos]))
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw .invalidCharacter(c, "in string literal", offset: pos) }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                pos += 1
                continue
            }
            pos += 1
            let e = current()
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                pos += 1
                var scalar = try parseHex4()
                if (0xD800..<0xDC00).contains(scalar), pos + 1 < bytes.count,
                    bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u")
                {
                    let save = pos
                    pos += 2
                    let low = try parseHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save  // the second escape is decoded on its own
                    }
                }
                appendScalar(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
                continue
            default:
                throw .invalidCharacter(e, "in string escape code", offset: pos)
            }
            pos += 1
        }
        throw .unexpectedEnd(offset: pos)
    }

    private mutating func parseHex4() throws(JSONError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = current()
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default:
                throw .invalidCharacter(c, "in \\u hexadecimal character escape", offset: pos)
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    private func appendScalar(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(s) { out.append($0) }
    }
}
