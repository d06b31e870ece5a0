/// `metav1.ObjectMeta` and the messages inside it, between protobuf (field numbers from
/// apimachinery's `generated.proto`) and the JSON Go would write for the same value:
/// `omitempty` strings and numbers left out when empty, `creationTimestamp` always present
/// (`null` when unset), maps as objects.
///
/// Encoding mirrors Go's generated marshallers: every non-pointer field is written even when
/// empty (strings, `generation`, an empty `creationTimestamp`), pointer fields only when set.
enum ProtobufObjectMeta {
    // MARK: Decoding

    static func decode(_ r: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = r
        var m: [String: JSONValue] = [:]
        var creation = JSONValue.null
        var labels: [String: JSONValue] = [:]
        var annotations: [String: JSONValue] = [:]
        var owners: [JSONValue] = []
        var finalizers: [JSONValue] = []
        var managed: [JSONValue] = []
        let stringFields = [1: "name", 2: "generateName", 3: "namespace", 4: "selfLink", 5: "uid", 6: "resourceVersion"]
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (1...6, .bytes(let range)):
                let s = reader.string(range)
                if !s.isEmpty, let key = stringFields[field] { m[key] = .string(s) }
            case (7, .varint):
                if let g = value.int64, g != 0 { m["generation"] = .int(g) }
            case (8, .bytes(let range)):
                creation = try time(reader.nested(range))
            case (9, .bytes(let range)):
                m["deletionTimestamp"] = try time(reader.nested(range))
            case (10, .varint):
                m["deletionGracePeriodSeconds"] = .int(value.int64 ?? 0)
            case (11, .bytes(let range)):
                let (k, v) = try mapEntry(reader.nested(range))
                labels[k] = .string(reader.string(v))
            case (12, .bytes(let range)):
                let (k, v) = try mapEntry(reader.nested(range))
                annotations[k] = .string(reader.string(v))
            case (13, .bytes(let range)):
                owners.append(try ownerReference(reader.nested(range)))
            case (14, .bytes(let range)):
                finalizers.append(.string(reader.string(range)))
            case (17, .bytes(let range)):
                managed.append(try managedFieldsEntry(reader.nested(range)))
            default:
                continue
            }
        }
        m["creationTimestamp"] = creation
        if !labels.isEmpty { m["labels"] = .object(labels) }
        if !annotations.isEmpty { m["annotations"] = .object(annotations) }
        if !owners.isEmpty { m["ownerReferences"] = .array(owners) }
        if !finalizers.isEmpty { m["finalizers"] = .array(finalizers) }
        if !managed.isEmpty { m["managedFields"] = .array(managed) }
        return .object(m)
    }

    /// `metav1.Time`: an empty message is the zero time (`null` in JSON); otherwise seconds
    /// only — Kubernetes ignores `nanos` on read.
    static func time(_ r: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = r
        guard reader.position < reader.end else { return .null }
        var seconds: Int64 = 0
        while let (field, value) = try reader.next() {
            if field == 1, let s = value.int64 { seconds = s }
        }
        return .string(KubeTime(secondsSinceEpoch: seconds).rfc3339)
    }

    /// A map entry message: key 1, value 2 (the value's range, read as string or bytes).
    static func mapEntry(_ r: ProtobufReader) throws(ProtobufError) -> (String, Range<Int>) {
        var reader = r
        var key = ""
        var valueRange = r.end..<r.end
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (1, .bytes(let range)): key = reader.string(range)
            case (2, .bytes(let range)): valueRange = range
            default: continue
            }
        }
        return (key, valueRange)
    }

    /// `OwnerReference`: apiVersion, kind, name and uid are not `omitempty` in Go's JSON.
    static func ownerReference(_ r: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = r
        var o: [String: JSONValue] = ["apiVersion": "", "kind": "", "name": "", "uid": ""]
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (1, .bytes(let range)): o["kind"] = .string(reader.string(range))
            case (3, .bytes(let range)): o["name"] = .string(reader.string(range))
            case (4, .bytes(let range)): o["uid"] = .string(reader.string(range))
            case (5, .bytes(let range)): o["apiVersion"] = .string(reader.string(range))
            case (6, .varint): o["controller"] = .bool(value.bool ?? false)
            case (7, .varint): o["blockOwnerDeletion"] = .bool(value.bool ?? false)
            default: continue
            }
        }
        return .object(o)
    }

    /// `ManagedFieldsEntry`; `fieldsV1` carries raw JSON bytes, which JSON shows inline.
    static func managedFieldsEntry(_ r: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = r
        var e: [String: JSONValue] = [:]
        let names = [1: "manager", 2: "operation", 3: "apiVersion", 6: "fieldsType", 8: "subresource"]
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (1...3, .bytes(let range)), (6, .bytes(let range)), (8, .bytes(let range)):
                let s = reader.string(range)
                if !s.isEmpty, let key = names[field] { e[key] = .string(s) }
            case (4, .bytes(let range)):
                e["time"] = try time(reader.nested(range))
            case (7, .bytes(let range)):
                var inner = reader.nested(range)
                var raw: Range<Int>?
                while let (f, v) = try inner.next() {
                    if f == 1, let rr = v.range { raw = rr }
                }
                if let raw, !raw.isEmpty {
                    do { e["fieldsV1"] = try JSONValue.parse(Array(reader.bytes(raw))) } catch {
                        throw .malformed("managedFields fieldsV1 is not JSON: \(error.message)")
                    }
                } else {
                    e["fieldsV1"] = .null
                }
            default: continue
            }
        }
        return .object(e)
    }

    // MARK: Encoding

    static func encode(_ meta: JSONValue?, into w: inout ProtobufWriter) throws(ProtobufError) {
        let m = meta ?? .emptyObject
        let p = "metadata"
        for (field, key) in [(1, "name"), (2, "generateName"), (3, "namespace"), (4, "selfLink"), (5, "uid"), (6, "resourceVersion")] {
            w.string(field, try ProtobufJSON.string(m[key], "\(p).\(key)") ?? "")
        }
        w.int64(7, try ProtobufJSON.int(m["generation"], "\(p).generation") ?? 0)
        try encodeTime(8, m["creationTimestamp"], "\(p).creationTimestamp", required: true, into: &w)
        try encodeTime(9, m["deletionTimestamp"], "\(p).deletionTimestamp", required: false, into: &w)
        if let grace = try ProtobufJSON.int(m["deletionGracePeriodSeconds"], "\(p).deletionGracePeriodSeconds") {
            w.int64(10, grace)
        }
        w.map(11, try ProtobufJSON.stringMap(m["labels"], "\(p).labels").map { ($0, Array($1.utf8)) })
        w.map(12, try ProtobufJSON.stringMap(m["annotations"], "\(p).annotations").map { ($0, Array($1.utf8)) })
        for (i, owner) in (try ProtobufJSON.array(m["ownerReferences"], "\(p).ownerReferences")).enumerated() {
            let op = "\(p).ownerReferences[\(i)]"
            try w.message(13) { (o: inout ProtobufWriter) throws(ProtobufError) in
                o.string(1, try ProtobufJSON.string(owner["kind"], "\(op).kind") ?? "")
                o.string(3, try ProtobufJSON.string(owner["name"], "\(op).name") ?? "")
                o.string(4, try ProtobufJSON.string(owner["uid"], "\(op).uid") ?? "")
                o.string(5, try ProtobufJSON.string(owner["apiVersion"], "\(op).apiVersion") ?? "")
                if let c = try ProtobufJSON.bool(owner["controller"], "\(op).controller") { o.bool(6, c) }
                if let b = try ProtobufJSON.bool(owner["blockOwnerDeletion"], "\(op).blockOwnerDeletion") { o.bool(7, b) }
            }
        }
        for f in try ProtobufJSON.stringArray(m["finalizers"], "\(p).finalizers") { w.string(14, f) }
        for (i, entry) in (try ProtobufJSON.array(m["managedFields"], "\(p).managedFields")).enumerated() {
            let ep = "\(p).managedFields[\(i)]"
            try w.message(17) { (e: inout ProtobufWriter) throws(ProtobufError) in
                for (field, key) in [(1, "manager"), (2, "operation"), (3, "apiVersion")] {
                    e.string(field, try ProtobufJSON.string(entry[key], "\(ep).\(key)") ?? "")
                }
                try encodeTime(4, entry["time"], "\(ep).time", required: false, into: &e)
                e.string(6, try ProtobufJSON.string(entry["fieldsType"], "\(ep).fieldsType") ?? "")
                if let fields = entry["fieldsV1"], !fields.isNull {
                    e.bytes(7, { var inner = ProtobufWriter(); inner.bytes(1, fields.serializedBytes()); return inner.bytes }())
                }
                e.string(8, try ProtobufJSON.string(entry["subresource"], "\(ep).subresource") ?? "")
            }
        }
    }

    /// A `metav1.Time` field: `required` (a non-pointer Time) writes an empty message for
    /// null, as Go does for the zero time.
    static func encodeTime(_ field: Int, _ value: JSONValue?, _ path: String, required: Bool, into w: inout ProtobufWriter)
        throws(ProtobufError)
    {
        guard let value, !value.isNull else {
            if required { w.bytes(field, [UInt8]()) }
            return
        }
        guard let s = value.stringValue, let t = KubeTime(rfc3339: s) else {
            throw .invalidField(path, "expected an RFC 3339 time, got \(value.serialized())")
        }
        var inner = ProtobufWriter()
        inner.int64(1, t.secondsSinceEpoch)
        w.bytes(field, inner.bytes)
    }
}

/// Reading JSON members with the types a typed Go struct would demand; a mismatch is an
/// `invalidField` naming the member's path.
enum ProtobufJSON {
    static func string(_ v: JSONValue?, _ path: String) throws(ProtobufError) -> String? {
        guard let v, !v.isNull else { return nil }
        guard let s = v.stringValue else { throw .invalidField(path, "expected a string, got \(v.typeName)") }
        return s
    }

    static func int(_ v: JSONValue?, _ path: String) throws(ProtobufError) -> Int64? {
        guard let v, !v.isNull else { return nil }
        guard let i = v.intValue else { throw .invalidField(path, "expected an integer, got \(v.typeName)") }
        return i
    }

    static func bool(_ v: JSONValue?, _ path: String) throws(ProtobufError) -> Bool? {
        guard let v, !v.isNull else { return nil }
        guard let b = v.boolValue else { throw .invalidField(path, "expected a boolean, got \(v.typeName)") }
        return b
    }

    static func array(_ v: JSONValue?, _ path: String) throws(ProtobufError) -> [JSONValue] {
        guard let v, !v.isNull else { return [] }
        guard let a = v.arrayValue else { throw .invalidField(path, "expected an array, got \(v.typeName)") }
        return a
    }

    static func stringArray(_ v: JSONValue?, _ path: String) throws(ProtobufError) -> [String] {
        var out: [String] = []
        for (i, item) in try array(v, path).enumerated() { out.append(try string(item, "\(path)[\(i)]") ?? "") }
        return out
    }

    static func object(_ v: JSONValue?, _ path: String) throws(ProtobufError) -> [String: JSONValue] {
        guard let v, !v.isNull else { return [:] }
        guard let o = v.objectValue else { throw .invalidField(path, "expected an object, got \(v.typeName)") }
        return o
    }

    static func stringMap(_ v: JSONValue?, _ path: String) throws(ProtobufError) -> [(String, String)] {
        var out: [(String, String)] = []
        for (k, item) in try object(v, path) { out.append((k, try string(item, "\(path).\(k)") ?? "")) }
        return out
    }

    /// A `map[string][]byte`: JSON values are standard base64.
    static func bytesMap(_ v: JSONValue?, _ path: String) throws(ProtobufError) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        for (k, item) in try object(v, path) {
            switch Base64.decode(try string(item, "\(path).\(k)") ?? "") {
            case .success(let bytes): out.append((k, bytes))
            case .failure(let error): throw .invalidField("\(path).\(k)", error.message)
            }
        }
        return out
    }
}
