/// The protobuf wire format, write side, as far as gnostic's `openapi_v2` messages need it:
/// varints (bool, int64), 64-bit doubles and length-delimited fields (strings, nested
/// messages). proto3 rules: a scalar holding its zero value is left out, except inside a
/// `oneof`, where presence is the point (`writeZero`).
///
/// Fields are written in the order asked; callers ask in ascending field number, as Go's
/// marshaller does, so the bytes are deterministic.
struct ProtobufWireEncoder {
    private(set) var bytes: [UInt8] = []

    private mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func key(_ field: Int, _ wireType: UInt64) {
        varint(UInt64(field) << 3 | wireType)
    }

    mutating func string(_ field: Int, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        key(field, 2)
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func strings(_ field: Int, _ values: [String]) {
        for v in values {
            // Repeated strings keep empty entries (each is an element).
            key(field, 2)
            varint(UInt64(v.utf8.count))
            bytes.append(contentsOf: v.utf8)
        }
    }

    mutating func bool(_ field: Int, _ value: Bool?, writeZero: Bool = false) {
        guard let value, value || writeZero else { return }
        key(field, 0)
        varint(value ? 1 : 0)
    }

    mutating func int64(_ field: Int, _ value: Int64?) {
        guard let value, value != 0 else { return }
        key(field, 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func double(_ field: Int, _ value: Double?) {
        guard let value, value != 0 || value.sign == .minus else { return }
        key(field, 1)
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(bits & 0xFF))
            bits >>= 8
        }
    }

    /// A nested message, written even when empty (its presence is information: an empty
    /// `Schema` in `items` is still one item).
    mutating func message(_ field: Int, _ build: (inout ProtobufWireEncoder) -> Void) {
        var inner = ProtobufWireEncoder()
        build(&inner)
        key(field, 2)
        varint(UInt64(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }
}
