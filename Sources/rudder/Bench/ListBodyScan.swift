/// What the list phase checks of a List body: how many items it holds and the
/// `metadata.resourceVersion` and `metadata.continue` strings.
///
/// A single pass over the bytes that builds no objects. Foundation's JSONSerialization
/// takes seconds over ten 5000-item lists and, in this process, would swell the peak
/// memory the benchmark reports as the server's.
struct ListBodyScan {
    var items = 0
    var resourceVersion = ""
    var continueToken: String?

    /// An open container: whether it is an object, and the key it is the value of.
    private struct Level {
        var object: Bool
        var key: [UInt8]?
    }

    private static let itemsKey = Array("items".utf8)
    private static let metadataKey = Array("metadata".utf8)

    init(_ body: [UInt8]) throws(BenchError) {
        var stack: [Level] = []
        var key: [UInt8]?
        var sawColon = false
        var sawItems = false
        var i = 0
        while i < body.count {
            let byte = body[i]
            switch byte {
            case UInt8(ascii: "\""):
                let (text, next) = try Self.string(body, from: i)
                i = next
                guard let top = stack.last else { throw BenchError.protocolViolation("a list body is not an object") }
                if top.object && !sawColon {
                    key = text
                    continue
                }
                if stack.count == 2, top.key == Self.metadataKey, let key {
                    let value = String(decoding: text, as: UTF8.self)
                    if key == Array("resourceVersion".utf8) { resourceVersion = value }
                    if key == Array("continue".utf8) { continueToken = value }
                }
                (key, sawColon) = (nil, false)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.count == 2, !stack[1].object, stack[1].key == Self.itemsKey { items += 1 }
                if stack.count == 1, key == Self.itemsKey, byte == UInt8(ascii: "[") { sawItems = true }
                if stack.isEmpty, byte != UInt8(ascii: "{") { throw BenchError.protocolViolation("a list body is not an object") }
                stack.append(Level(object: byte == UInt8(ascii: "{"), key: stack.last?.object == true ? key : nil))
                (key, sawColon) = (nil, false)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard stack.popLast()?.object == (byte == UInt8(ascii: "}")) else {
                    throw BenchError.protocolViolation("a list body's brackets do not match")
                }
                (key, sawColon) = (nil, false)
                if stack.isEmpty {
                    guard sawItems else { throw BenchError.protocolViolation("a list body has no items array") }
                    return
                }
            case UInt8(ascii: ":"):
                sawColon = true
            case UInt8(ascii: ","):
                (key, sawColon) = (nil, false)
            default:
                break  // whitespace and the bytes of numbers, true, false, null
            }
            i += 1
        }
        throw BenchError.protocolViolation("a list body ends before it closes")
    }

    /// The decoded bytes of the string starting at `start` (a quote) and the index after
    /// its closing quote. Escapes other than \uXXXX stand for the byte after the backslash
    /// (or its control character); \u escapes decode to UTF-8.
    private static func string(_ body: [UInt8], from start: Int) throws(BenchError) -> ([UInt8], Int) {
        var text: [UInt8] = []
        var i = start + 1
        while i < body.count {
            let byte = body[i]
            if byte == UInt8(ascii: "\"") { return (text, i + 1) }
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                i += 1
                continue
            }
            guard i + 1 < body.count else { break }
            let escaped = body[i + 1]
            switch escaped {
            case UInt8(ascii: "u"):
                guard i + 6 <= body.count, let code = UInt32(String(decoding: body[i + 2..<i + 6], as: UTF8.self), radix: 16) else {
                    throw BenchError.protocolViolation("a bad \\u escape in a list body")
                }
                text.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
                i += 6
                continue
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            default: text.append(escaped)
            }
            i += 2
        }
        throw BenchError.protocolViolation("a list body ends inside a string")
    }
}
