import KubeObjects

/// Access reviews as kubectl's typed client sends them: Kubernetes protobuf (`k8s\0`, the
/// `runtime.Unknown` envelope, then the review), read into the JSON the review would have
/// been. Field numbers follow `k8s.io/api/authorization/v1/generated.proto`; metadata and
/// status are not needed for an answer and are skipped.
enum AccessReviewProtobuf {
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    static func decode(_ body: [UInt8]) throws(APIError) -> JSONValue {
        guard body.count >= magic.count, Array(body.prefix(magic.count)) == magic else {
            throw APIError.badRequest("the protobuf body does not start with the Kubernetes magic number")
        }
        var envelope = Reader(body, body.index(body.startIndex, offsetBy: magic.count)..<body.endIndex)
        var apiVersion = "", kind = ""
        var raw: Range<Int>?
        while let (field, value) = try envelope.next() {
            switch (field, value) {
            case (1, .bytes(let range)):
                var typeMeta = envelope.nested(range)
                while let (f, v) = try typeMeta.next() {
                    if case .bytes(let r) = v, f == 1 { apiVersion = typeMeta.string(r) }
                    if case .bytes(let r) = v, f == 2 { kind = typeMeta.string(r) }
                }
            case (2, .bytes(let range)): raw = range
            default: continue
            }
        }
        var review: JSONValue = ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .emptyObject]
        guard let raw else { return review }
        var message = envelope.nested(raw)
        while let (field, value) = try message.next() {
            if field == 2, case .bytes(let range) = value { review["spec"] = try spec(message.nested(range)) }
        }
        return review
    }

    /// Self and plain specs share 1 resourceAttributes and 2 nonResourceAttributes; the
    /// others add 3 user, 4 groups, 5 extra, 6 uid.
    private static func spec(_ reader: Reader) throws(APIError) -> JSONValue {
        var r = reader
        var spec: JSONValue = .emptyObject
        var groups: [JSONValue] = []
        var extra: [String: JSONValue] = [:]
        while let (field, value) = try r.next() {
            guard case .bytes(let range) = value else { continue }
            switch field {
            case 1:
                spec["resourceAttributes"] = try strings(
                    r.nested(range), [1: "namespace", 2: "verb", 3: "group", 4: "version", 5: "resource", 6: "subresource", 7: "name"])
            case 2: spec["nonResourceAttributes"] = try strings(r.nested(range), [1: "path", 2: "verb"])
            case 3: spec["user"] = .string(r.string(range))
            case 4: groups.append(.string(r.string(range)))
            case 5:
                var entry = r.nested(range)
                var key = ""
                var items: [JSONValue] = []
                while let (f, v) = try entry.next() {
                    guard case .bytes(let sub) = v else { continue }
                    if f == 1 { key = entry.string(sub) }
                    if f == 2 {
                        var list = entry.nested(sub)
                        while let (lf, lv) = try list.next() {
                            if lf == 1, case .bytes(let item) = lv { items.append(.string(list.string(item))) }
                        }
                    }
                }
                extra[key] = .array(items)
            case 6: spec["uid"] = .string(r.string(range))
            default: continue
            }
        }
        if !groups.isEmpty { spec["groups"] = .array(groups) }
        if !extra.isEmpty { spec["extra"] = .object(extra) }
        return spec
    }

    private static func strings(_ reader: Reader, _ names: [Int: String]) throws(APIError) -> JSONValue {
        var r = reader
        var object: JSONValue = .emptyObject
        while let (field, value) = try r.next() {
            if let name = names[field], case .bytes(let range) = value { object[name] = .string(r.string(range)) }
        }
        return object
    }

    /// Just enough of the protobuf wire format: varints, length-delimited fields, and the
    /// fixed-width ones skipped.
    struct Reader {
        enum Value {
            case varint(UInt64)
            case bytes(Range<Int>)
            case skipped
        }

        let buffer: [UInt8]
        var position: Int
        let end: Int

        init(_ buffer: [UInt8], _ range: Range<Int>) {
            self.buffer = buffer
            position = range.lowerBound
            end = range.upperBound
        }

        func nested(_ range: Range<Int>) -> Reader { Reader(buffer, range) }

        func string(_ range: Range<Int>) -> String { String(decoding: buffer[range], as: UTF8.self) }

        mutating func next() throws(APIError) -> (Int, Value)? {
            guard position < end else { return nil }
            let key = try varint()
            let field = Int(key >> 3)
            switch key & 7 {
            case 0: return (field, .varint(try varint()))
            case 1: try skip(8); return (field, .skipped)
            case 2:
                let length = try varint()
                guard length <= UInt64(end - position) else { throw Self.malformed }
                let start = position
                position += Int(length)
                return (field, .bytes(start..<position))
            case 5: try skip(4); return (field, .skipped)
            default: throw Self.malformed
            }
        }

        private mutating func skip(_ count: Int) throws(APIError) {
            guard end - position >= count else { throw Self.malformed }
            position += count
        }

        private mutating func varint() throws(APIError) -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while position < end, shift < 64 {
                let byte = buffer[position]
                position += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            throw Self.malformed
        }

        static let malformed = APIError.badRequest("the protobuf body is malformed")
    }
}
