/// The protobuf wire format, just enough for Kubernetes' generated messages: varints,
/// 64- and 32-bit fixed fields (skipped), and length-delimited fields (strings, bytes,
/// nested messages, map entries). Unknown fields are skipped, as Go's unmarshallers do.
struct ProtobufReader {
    enum Value {
        case varint(UInt64)
        case bytes(Range<Int>)
        case fixed
    }

    let buffer: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ buffer: [UInt8], range: Range<Int>) {
        self.buffer = buffer
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    init(_ buffer: [UInt8]) { self.init(buffer, range: 0..<buffer.count) }

    /// A reader over a nested message.
    func nested(_ range: Range<Int>) -> ProtobufReader { ProtobufReader(buffer, range: range) }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(ProtobufError) -> (field: Int, value: Value)? {
        guard position < end else { return nil }
        let key = try varint()
        let field = Int(key >> 3)
        guard field > 0 else { throw .malformed("invalid field number 0 at byte \(position)") }
        switch key & 7 {
        case 0:
            return (field, .varint(try varint()))
        case 1:
            try skip(8)
            return (field, .fixed)
        case 2:
            let length = try varint()
            guard length <= UInt64(end - position) else { throw .malformed("length \(length) overruns the message at byte \(position)") }
            let start = position
            position += Int(length)
            return (field, .bytes(start..<position))
        case 5:
            try skip(4)
            return (field, .fixed)
        default:
            throw .malformed("unsupported wire type \(key & 7) at byte \(position)")
        }
    }

    private mutating func skip(_ n: Int) throws(ProtobufError) {
        guard end - position >= n else { throw .malformed("unexpected end of message at byte \(position)") }
        position += n
    }

    private mutating func varint() throws(ProtobufError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw .malformed("unexpected end of message at byte \(position)") }
            let b = buffer[position]
            position += 1
            guard shift < 64 else { throw .malformed("varint overflows 64 bits at byte \(position)") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    func string(_ range: Range<Int>) -> String { String(decoding: buffer[range], as: UTF8.self) }
    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> { buffer[range] }
}

extension ProtobufReader.Value {
    var int64: Int64? {
        if case .varint(let v) = self { return Int64(bitPattern: v) }
        return nil
    }

    var bool: Bool? {
        if case .varint(let v) = self { return v != 0 }
        return nil
    }

    var range: Range<Int>? {
        if case .bytes(let r) = self { return r }
        return nil
    }
}

/// Writes fields in the order asked; Kubernetes' marshallers emit ascending field numbers
/// and sorted map keys, and the callers here do the same so output is deterministic.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func key(_ field: Int, _ wireType: UInt64) { varint(UInt64(field) << 3 | wireType) }

    mutating func int64(_ field: Int, _ value: Int64) {
        key(field, 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func bool(_ field: Int, _ value: Bool) {
        key(field, 0)
        varint(value ? 1 : 0)
    }

    mutating func bytes<C: Collection>(_ field: Int, _ value: C) where C.Element == UInt8 {
        key(field, 2)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ field: Int, _ value: String) { bytes(field, value.utf8) }

    mutating func message(_ field: Int, _ build: (inout ProtobufWriter) throws(ProtobufError) -> Void) throws(ProtobufError) {
        var inner = ProtobufWriter()
        try build(&inner)
        bytes(field, inner.bytes)
    }

    /// A `map<string, string>` or `map<string, bytes>`: one entry message per key, sorted.
    mutating func map(_ field: Int, _ entries: [(String, [UInt8])]) {
        for (k, v) in entries.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }) {
            var entry = ProtobufWriter()
            entry.string(1, k)
            entry.bytes(2, v)
            bytes(field, entry.bytes)
        }
    }
}
