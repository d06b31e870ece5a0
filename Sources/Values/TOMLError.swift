/// Why BurntSushi/toml's encoder failed.
///
/// Helm's `toToml` returns `err.Error()` as its text for the errors the encoder
/// reports itself (`toml: cannot encode array with nil element`), but a Go runtime
/// panic inside the encoder (encoding an untyped nil) escapes to the template engine
/// and fails the render as `error calling toToml: …`. The two cases stay apart so the
/// caller can do either.
public enum TOMLEncodeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// An error `Encode` returns; its text is the description.
    case encoding(String)
    /// A Go panic the encoder does not recover.
    case panic(String)

    public var description: String {
        switch self {
        case .encoding(let m), .panic(let m): return m
        }
    }
}

/// A TOML syntax or structure error, worded as BurntSushi/toml's `ParseError.Error()`:
/// `toml: line 2 (last key "a"): Key 'a' has already been defined.`
public struct TOMLDecodeError: Error, CustomStringConvertible, Sendable, Equatable {
    public let line: Int
    /// The dotted key being defined when the error happened ("" when none).
    public let lastKey: String
    public let message: String

    public init(line: Int, lastKey: String, message: String) {
        self.line = line
        self.lastKey = lastKey
        self.message = message
    }

    public var description: String {
        if lastKey.isEmpty { return "toml: line \(line): \(message)" }
        return "toml: line \(line) (last key \(GoQuote.quote(lastKey))): \(message)"
    }
}

/// Go's `strconv.Quote` for the `%q` verb in error texts (TOML, label selectors, JSONPath,
/// CRD validation messages all quote as Go does).
public enum GoQuote {
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, 2)
                } else if !GoUnicode.isPrint(scalar) {
                    out += scalar.value > 0xFFFF ? "\\U" + hex(scalar.value, 8) : "\\u" + hex(scalar.value, 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

