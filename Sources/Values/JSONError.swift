/// An error of Go's `encoding/json`, whose `description` is Go's `err.Error()` text
/// exactly (Helm's `fromJson` stores that text under the `Error` key, and the `must…`
/// functions report it as `error calling mustFromJson: …`).
public struct JSONError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `*json.SyntaxError` (and Go's "unexpected end of JSON input").
        case syntax
        /// `*json.UnmarshalTypeError`.
        case unmarshalType
        /// `*json.UnsupportedValueError` (NaN, ±Inf).
        case unsupportedValue
        /// `*json.UnsupportedTypeError` (functions, channels).
        case unsupportedType
    }

    public let kind: Kind
    public let message: String
    /// The byte offset in the input where decoding failed, as Go's `Offset`.
    public let offset: Int

    public init(_ kind: Kind, _ message: String, offset: Int = 0) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    public var description: String { message }

    static func unexpectedEnd(offset: Int) -> JSONError {
        JSONError(.syntax, "unexpected end of JSON input", offset: offset)
    }

    /// Go's scanner error: `invalid character 'x' looking for beginning of value`.
    static func invalidCharacter(_ byte: UInt8, _ context: String, offset: Int) -> JSONError {
        JSONError(.syntax, "invalid character " + quoteChar(byte) + " " + context, offset: offset)
    }

    static func unmarshalType(_ value: String, into type: String, offset: Int = 0) -> JSONError {
        JSONError(.unmarshalType, "json: cannot unmarshal " + value + " into Go value of type " + type, offset: offset)
    }

    /// Go's `quoteChar`: the byte read as a rune (so the first byte of `é` shows as `Ã`),
    /// quoted the way `strconv.Quote` would, between single quotes.
    static func quoteChar(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\""): return "'\"'"
        case UInt8(ascii: "\\"): return "'\\\\'"
        case 0x07: return "'\\a'"
        case 0x08: return "'\\b'"
        case 0x0C: return "'\\f'"
        case 0x0A: return "'\\n'"
        case 0x0D: return "'\\r'"
        case 0x09: return "'\\t'"
        case 0x0B: return "'\\v'"
        case 0..<0x20, 0x7F: return "'\\x" + hex2(c) + "'"
        // U+0080–U+00A0 and U+00AD are not printable for strconv.IsPrint.
        case 0x80...0xA0, 0xAD: return "'\\u00" + hex2(c) + "'"
        default: return "'" + String(Unicode.Scalar(c)) + "'"
        }
    }

    private static func hex2(_ c: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(c >> 4)], digits[Int(c & 15)]])
    }
}
