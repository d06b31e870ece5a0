/// Go's `json.Marshal` / `json.MarshalIndent` writing straight into a byte buffer.
///
/// Mirrors encoding/json's encodeState: map keys sorted by bytes, floats in `'f'` form
/// unless tiny or huge (then `'e'` with `e-07` cleaned to `e-7`), `[]byte` as padded
/// standard base64, strings escaped by Go's `appendString` rules.
struct JSONWriter {
    private var out: [UInt8] = []
    private let escapeHTML: Bool
    /// (prefix, indent) for MarshalIndent; nil for compact output.
    private let indent: (prefix: [UInt8], unit: [UInt8])?

    init(escapeHTML: Bool, indent: ([UInt8], [UInt8])?) {
        self.escapeHTML = escapeHTML
        self.indent = indent.map { (prefix: $0.0, unit: $0.1) }
        out.reserveCapacity(256)
    }

    func finish() -> String { String(decoding: out, as: UTF8.self) }

    mutating func write(_ v: Value, depth: Int) throws(JSONError) {
        switch v {
        case .null:
            append("null")
        case .bool(let b):
            append(b ? "true" : "false")
        case .int(let i, let type):
            if type.isUnsignedInteger {
                appendDecimal(UInt64(bitPattern: i), negative: false)
            } else {
                appendDecimal(i.magnitude, negative: i < 0)
            }
        case .float(let f):
            try writeFloat(f)
        case .string(let s):
            writeString(s)
        case .bytes(let b):
            out.append(UInt8(ascii: "\""))
            StdBase64.appendEncoded(b, to: &out)
            out.append(UInt8(ascii: "\""))
        case .list(let items, let type):
            if type.underlying == .byteSlice {
                try write(.bytes(items.map { UInt8(truncatingIfNeeded: $0.uint64Value ?? 0) }), depth: depth)
                return
            }
            out.append(UInt8(ascii: "["))
            if items.isEmpty {
                out.append(UInt8(ascii: "]"))
                return
            }
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                try write(item, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .map(let entries, _):
            out.append(UInt8(ascii: "{"))
            if entries.isEmpty {
                out.append(UInt8(ascii: "}"))
                return
            }
            let keys = entries.keys.sorted(by: String.goLess)
            for (i, key) in keys.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(key)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                try write(entries[key] ?? .null, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        case .object(let o):
            guard let fields = o.jsonFields else {
                try write(o.jsonValue, depth: depth)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (i, field) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(field.name)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                try write(field.value, depth: depth + 1)
            }
            if !fields.isEmpty { newline(depth) }
            out.append(UInt8(ascii: "}"))
        case .function(let f):
            let params = f.parameters.map(\.name) + (f.variadic.map { ["..." + $0.name] } ?? [])
            throw JSONError(.unsupportedType, "json: unsupported type: func(" + params.joined(separator: ", ") + ")")
        }
    }

    private mutating func newline(_ depth: Int) {
        guard let indent else { return }
        out.append(0x0A)
        out.append(contentsOf: indent.prefix)
        for _ in 0..<depth { out.append(contentsOf: indent.unit) }
    }

    private mutating func append(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private mutating func appendDecimal(_ magnitude: UInt64, negative: Bool) {
        if negative { out.append(UInt8(ascii: "-")) }
        if magnitude < 10 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        var digits: [UInt8] = []
        var m = magnitude
        while m > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        }
        out.append(contentsOf: digits.reversed())
    }

    /// encoding/json's floatEncoder for float64.
    private mutating func writeFloat(_ f: Double) throws(JSONError) {
        guard f.isFinite else {
            throw JSONError(.unsupportedValue, "json: unsupported value: " + GoFloat.format(f, "g"))
        }
        let magnitude = f.magnitude
        // Whole numbers below 2^53 print as integers in 'f' form; skip the digit search.
        if magnitude < 9.0e15, f == f.rounded(.towardZero), !(f == 0 && f.sign == .minus) {
            appendDecimal(UInt64(magnitude), negative: f < 0)
            return
        }
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            var text = Array(GoFloat.format(f, "e").utf8)
            let n = text.count
            // Go cleans up e-09 to e-9.
            if n >= 4 && text[n - 4] == UInt8(ascii: "e") && text[n - 3] == UInt8(ascii: "-")
                && text[n - 2] == UInt8(ascii: "0")
            {
                text[n - 2] = text[n - 1]
                text.removeLast()
            }
            out.append(contentsOf: text)
        } else {
            out.append(contentsOf: GoFloat.format(f, "f").utf8)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Go's appendString: `"` and `\` escaped, `\b \f \n \r \t` short forms, other
    /// control bytes `\u00XX`, `<>&` as `\u003c`… when escaping HTML, and U+2028/U+2029
    /// always escaped (JSONP safety). Swift strings are valid UTF-8, so Go's `\ufffd`
    /// replacement of invalid bytes never applies.
    private mutating func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        let utf8 = s.utf8
        var i = utf8.startIndex
        var runStart = i
        let end = utf8.endIndex
        while i < end {
            let c = utf8[i]
            if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") && c < 0x80
                && !(escapeHTML && (c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "&")))
            {
                i = utf8.index(after: i)
                continue
            }
            if c >= 0x80 {
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                if c == 0xE2 {
                    let j = utf8.index(after: i)
                    if j < end, utf8[j] == 0x80 {
                        let k = utf8.index(after: j)
                        if k < end, utf8[k] == 0xA8 || utf8[k] == 0xA9 {
                            out.append(contentsOf: utf8[runStart..<i])
                            out.append(contentsOf: Array("\\u202".utf8))
                            out.append(utf8[k] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                            i = utf8.index(after: k)
                            runStart = i
                            continue
                        }
                    }
                }
                i = utf8.index(after: i)
                continue
            }
            out.append(contentsOf: utf8[runStart..<i])
            out.append(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(Self.hex[Int(c >> 4)])
                out.append(Self.hex[Int(c & 0xF)])
            }
            i = utf8.index(after: i)
            runStart = i
        }
        out.append(contentsOf: utf8[runStart..<end])
        out.append(UInt8(ascii: "\""))
    }
}

