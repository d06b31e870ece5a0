/// The object kinds whose protobuf bodies Rudder reads and writes: the ones Helm's release
/// storage and `kubectl create namespace|configmap|secret` send (Secret, ConfigMap,
/// Namespace) and the `DeleteOptions` of Helm's release deletes. Field numbers follow
/// `k8s.io/api/core/v1/generated.proto` and apimachinery's `meta/v1/generated.proto`.
enum ProtobufKinds {
    struct Codec: Sendable {
        let decode: @Sendable (ProtobufReader) throws(ProtobufError) -> [String: JSONValue]
        let encode: @Sendable (JSONValue, inout ProtobufWriter) throws(ProtobufError) -> Void
    }

    static func codec(for gvk: GroupVersionKind) -> Codec? {
        switch (gvk.group, gvk.version, gvk.kind) {
        case ("", "v1", "Secret"): return Codec(decode: decodeSecret, encode: encodeSecret)
        case ("", "v1", "ConfigMap"): return Codec(decode: decodeConfigMap, encode: encodeConfigMap)
        case ("", "v1", "Namespace"): return Codec(decode: decodeNamespace, encode: encodeNamespace)
        case ("", "v1", "DeleteOptions"), ("meta.k8s.io", "v1", "DeleteOptions"):
            return Codec(decode: decodeDeleteOptions, encode: encodeDeleteOptions)
        default: return nil
        }
    }

    // MARK: Secret: 1 metadata, 2 data (string→bytes), 3 type, 4 stringData, 5 immutable

    static func decodeSecret(_ r: ProtobufReader) throws(ProtobufError) -> [String: JSONValue] {
        var reader = r
        var o: [String: JSONValue] = ["metadata": .emptyObject]
        var data: [String: JSONValue] = [:]
        var stringData: [String: JSONValue] = [:]
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (1, .bytes(let range)): o["metadata"] = try ProtobufObjectMeta.decode(reader.nested(range))
            case (2, .bytes(let range)):
                let (k, v) = try ProtobufObjectMeta.mapEntry(reader.nested(range))
                data[k] = .string(Base64.encode(reader.bytes(v)))
            case (3, .bytes(let range)):
                let t = reader.string(range)
                if !t.isEmpty { o["type"] = .string(t) }
            case (4, .bytes(let range)):
                let (k, v) = try ProtobufObjectMeta.mapEntry(reader.nested(range))
                stringData[k] = .string(reader.string(v))
            case (5, .varint): o["immutable"] = .bool(value.bool ?? false)
            default: continue
            }
        }
        if !data.isEmpty { o["data"] = .object(data) }
        if !stringData.isEmpty { o["stringData"] = .object(stringData) }
        return o
    }

    static func encodeSecret(_ obj: JSONValue, _ w: inout ProtobufWriter) throws(ProtobufError) {
        try w.message(1) { (m: inout ProtobufWriter) throws(ProtobufError) in try ProtobufObjectMeta.encode(obj["metadata"], into: &m) }
        w.map(2, try ProtobufJSON.bytesMap(obj["data"], "data"))
        w.string(3, try ProtobufJSON.string(obj["type"], "type") ?? "")
        w.map(4, try ProtobufJSON.stringMap(obj["stringData"], "stringData").map { ($0, Array($1.utf8)) })
        if let immutable = try ProtobufJSON.bool(obj["immutable"], "immutable") { w.bool(5, immutable) }
    }

    // MARK: ConfigMap: 1 metadata, 2 data, 3 binaryData (string→bytes), 4 immutable

    static func decodeConfigMap(_ r: ProtobufReader) throws(ProtobufError) -> [String: JSONValue] {
        var reader = r
        var o: [String: JSONValue] = ["metadata": .emptyObject]
        var data: [String: JSONValue] = [:]
        var binary: [String: JSONValue] = [:]
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (1, .bytes(let range)): o["metadata"] = try ProtobufObjectMeta.decode(reader.nested(range))
            case (2, .bytes(let range)):
                let (k, v) = try ProtobufObjectMeta.mapEntry(reader.nested(range))
                data[k] = .string(reader.string(v))
            case (3, .bytes(let range)):
                let (k, v) = try ProtobufObjectMeta.mapEntry(reader.nested(range))
                binary[k] = .string(Base64.encode(reader.bytes(v)))
            case (4, .varint): o["immutable"] = .bool(value.bool ?? false)
            default: continue
            }
        }
        if !data.isEmpty { o["data"] = .object(data) }
        if !binary.isEmpty { o["binaryData"] = .object(binary) }
        return o
    }

    static func encodeConfigMap(_ obj: JSONValue, _ w: inout ProtobufWriter) throws(ProtobufError) {
        try w.message(1) { (m: inout ProtobufWriter) throws(ProtobufError) in try ProtobufObjectMeta.encode(obj["metadata"], into: &m) }
        w.map(2, try ProtobufJSON.stringMap(obj["data"], "data").map { ($0, Array($1.utf8)) })
        w.map(3, try ProtobufJSON.bytesMap(obj["binaryData"], "binaryData"))
        if let immutable = try ProtobufJSON.bool(obj["immutable"], "immutable") { w.bool(4, immutable) }
    }

    // MARK: Namespace: 1 metadata, 2 spec{1 finalizers}, 3 status{1 phase, 2 conditions}

    /// Go writes `spec` and `status` even when empty (`omitempty` does not apply to structs),
    /// as kubectl 1.20's JSON `{"spec":{},"status":{}}` shows.
    static func decodeNamespace(_ r: ProtobufReader) throws(ProtobufError) -> [String: JSONValue] {
        var reader = r
        var o: [String: JSONValue] = ["metadata": .emptyObject, "spec": .emptyObject, "status": .emptyObject]
        while let (field, value) = try reader.next() {
            guard case .bytes(let range) = value else { continue }
            switch field {
            case 1: o["metadata"] = try ProtobufObjectMeta.decode(reader.nested(range))
            case 2:
                var spec = reader.nested(range)
                var finalizers: [JSONValue] = []
                while let (f, v) = try spec.next() {
                    if f == 1, let rr = v.range { finalizers.append(.string(spec.string(rr))) }
                }
                o["spec"] = finalizers.isEmpty ? .emptyObject : ["finalizers": .array(finalizers)]
            case 3:
                var status = reader.nested(range)
                var s: [String: JSONValue] = [:]
                var conditions: [JSONValue] = []
                while let (f, v) = try status.next() {
                    guard let rr = v.range else { continue }
                    if f == 1, !rr.isEmpty { s["phase"] = .string(status.string(rr)) }
                    if f == 2 { conditions.append(try namespaceCondition(status.nested(rr))) }
                }
                if !conditions.isEmpty { s["conditions"] = .array(conditions) }
                o["status"] = .object(s)
            default: continue
            }
        }
        return o
    }

    /// `NamespaceCondition`: 1 type, 2 status, 4 lastTransitionTime, 5 reason, 6 message.
    static func namespaceCondition(_ r: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = r
        var c: [String: JSONValue] = ["type": "", "status": "", "lastTransitionTime": .null]
        while let (field, value) = try reader.next() {
            guard let range = value.range else { continue }
            switch field {
            case 1: c["type"] = .string(reader.string(range))
            case 2: c["status"] = .string(reader.string(range))
            case 4: c["lastTransitionTime"] = try ProtobufObjectMeta.time(reader.nested(range))
            case 5 where !range.isEmpty: c["reason"] = .string(reader.string(range))
            case 6 where !range.isEmpty: c["message"] = .string(reader.string(range))
            default: continue
            }
        }
        return .object(c)
    }

    static func encodeNamespace(_ obj: JSONValue, _ w: inout ProtobufWriter) throws(ProtobufError) {
        try w.message(1) { (m: inout ProtobufWriter) throws(ProtobufError) in try ProtobufObjectMeta.encode(obj["metadata"], into: &m) }
        try w.message(2) { (spec: inout ProtobufWriter) throws(ProtobufError) in
            for f in try ProtobufJSON.stringArray(obj[path: ["spec", "finalizers"]], "spec.finalizers") { spec.string(1, f) }
        }
        try w.message(3) { (status: inout ProtobufWriter) throws(ProtobufError) in
            status.string(1, try ProtobufJSON.string(obj[path: ["status", "phase"]], "status.phase") ?? "")
            for (i, c) in (try ProtobufJSON.array(obj[path: ["status", "conditions"]], "status.conditions")).enumerated() {
                let p = "status.conditions[\(i)]"
                try status.message(2) { (cw: inout ProtobufWriter) throws(ProtobufError) in
                    cw.string(1, try ProtobufJSON.string(c["type"], "\(p).type") ?? "")
                    cw.string(2, try ProtobufJSON.string(c["status"], "\(p).status") ?? "")
                    try ProtobufObjectMeta.encodeTime(4, c["lastTransitionTime"], "\(p).lastTransitionTime", required: true, into: &cw)
                    cw.string(5, try ProtobufJSON.string(c["reason"], "\(p).reason") ?? "")
                    cw.string(6, try ProtobufJSON.string(c["message"], "\(p).message") ?? "")
                }
            }
        }
    }

    // MARK: DeleteOptions: 1 gracePeriodSeconds, 2 preconditions{1 uid, 2 resourceVersion},
    // 3 orphanDependents, 4 propagationPolicy, 5 dryRun, 6 ignoreStoreReadErrorWithClusterBreakingPotential

    static func decodeDeleteOptions(_ r: ProtobufReader) throws(ProtobufError) -> [String: JSONValue] {
        var reader = r
        var o: [String: JSONValue] = [:]
        var dryRun: [JSONValue] = []
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (1, .varint): o["gracePeriodSeconds"] = .int(value.int64 ?? 0)
            case (2, .bytes(let range)):
                var pre = reader.nested(range)
                var p: [String: JSONValue] = [:]
                while let (f, v) = try pre.next() {
                    guard let rr = v.range else { continue }
                    if f == 1 { p["uid"] = .string(pre.string(rr)) }
                    if f == 2 { p["resourceVersion"] = .string(pre.string(rr)) }
                }
                o["preconditions"] = .object(p)
            case (3, .varint): o["orphanDependents"] = .bool(value.bool ?? false)
            case (4, .bytes(let range)): o["propagationPolicy"] = .string(reader.string(range))
            case (5, .bytes(let range)): dryRun.append(.string(reader.string(range)))
            case (6, .varint): o["ignoreStoreReadErrorWithClusterBreakingPotential"] = .bool(value.bool ?? false)
            default: continue
            }
        }
        if !dryRun.isEmpty { o["dryRun"] = .array(dryRun) }
        return o
    }

    static func encodeDeleteOptions(_ obj: JSONValue, _ w: inout ProtobufWriter) throws(ProtobufError) {
        if let g = try ProtobufJSON.int(obj["gracePeriodSeconds"], "gracePeriodSeconds") { w.int64(1, g) }
        if let pre = obj["preconditions"], !pre.isNull {
            try w.message(2) { (p: inout ProtobufWriter) throws(ProtobufError) in
                if let uid = try ProtobufJSON.string(pre["uid"], "preconditions.uid") { p.string(1, uid) }
                if let rv = try ProtobufJSON.string(pre["resourceVersion"], "preconditions.resourceVersion") { p.string(2, rv) }
            }
        }
        if let orphan = try ProtobufJSON.bool(obj["orphanDependents"], "orphanDependents") { w.bool(3, orphan) }
        if let policy = try ProtobufJSON.string(obj["propagationPolicy"], "propagationPolicy") { w.string(4, policy) }
        for d in try ProtobufJSON.stringArray(obj["dryRun"], "dryRun") { w.string(5, d) }
        if let ignore = try ProtobufJSON.bool(
            obj["ignoreStoreReadErrorWithClusterBreakingPotential"], "ignoreStoreReadErrorWithClusterBreakingPotential")
        {
            w.bool(6, ignore)
        }
    }
}
