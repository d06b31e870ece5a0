import Values

/// `application/vnd.kubernetes.protobuf` bodies: the 4-byte magic `k8s\0`, then a
/// `runtime.Unknown` (1 typeMeta{1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding,
/// 4 contentType) whose `raw` is the object's own message.
///
/// Typed Go clients (Helm's release storage, `kubectl create namespace|configmap|secret`)
/// send this on create, update and delete and never fall back to JSON after a 415, so the
/// API server must read it for the kinds they use. `decode` gives the `JSONValue` a JSON body
/// of the same object would give (`kind`/`apiVersion` from the envelope, Secret data in
/// base64); other kinds fail with `unsupportedKind`, which the server answers with 415.
public enum KubernetesProtobuf {
    public static let mediaType = "application/vnd.kubernetes.protobuf"
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// The kinds `decode` and `encode` understand.
    public static let supportedKinds: [GroupVersionKind] = [
        GroupVersionKind(group: "", version: "v1", kind: "Secret"),
        GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"),
        GroupVersionKind(group: "", version: "v1", kind: "Namespace"),
        GroupVersionKind(group: "", version: "v1", kind: "DeleteOptions"),
        GroupVersionKind(group: "meta.k8s.io", version: "v1", kind: "DeleteOptions"),
    ]

    /// The envelope's type, without decoding the object (to choose a 415 before anything else).
    public static func peekKind(_ body: [UInt8]) throws(ProtobufError) -> (apiVersion: String, kind: String) {
        let unknown = try envelope(body)
        return (unknown.apiVersion, unknown.kind)
    }

    public static func decode(_ body: [UInt8]) throws(ProtobufError) -> JSONValue {
        let unknown = try envelope(body)
        guard let gv = GroupVersion(apiVersion: unknown.apiVersion),
            let codec = ProtobufKinds.codec(for: GroupVersionKind(gv, kind: unknown.kind))
        else {
            throw .unsupportedKind(apiVersion: unknown.apiVersion, kind: unknown.kind)
        }
        if !unknown.contentEncoding.isEmpty {
            throw .malformed("unsupported content encoding \(GoQuote.quote(unknown.contentEncoding))")
        }
        var object = try codec.decode(ProtobufReader(body, range: unknown.raw))
        if !unknown.kind.isEmpty { object["kind"] = .string(unknown.kind) }
        if !unknown.apiVersion.isEmpty { object["apiVersion"] = .string(unknown.apiVersion) }
        return .object(object)
    }

    /// Encodes an object of a supported kind (its `apiVersion` and `kind` pick the message)
    /// into a full body, magic and envelope included.
    public static func encode(_ object: JSONValue) throws(ProtobufError) -> [UInt8] {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        guard let gv = GroupVersion(apiVersion: apiVersion), let codec = ProtobufKinds.codec(for: GroupVersionKind(gv, kind: kind))
        else {
            throw .unsupportedKind(apiVersion: apiVersion, kind: kind)
        }
        var raw = ProtobufWriter()
        try codec.encode(object, &raw)
        var unknown = ProtobufWriter()
        try unknown.message(1) { (t: inout ProtobufWriter) throws(ProtobufError) in
            t.string(1, apiVersion)
            t.string(2, kind)
        }
        unknown.bytes(2, raw.bytes)
        unknown.string(3, "")
        unknown.string(4, "")
        return magic + unknown.bytes
    }

    struct Unknown {
        var apiVersion = ""
        var kind = ""
        var raw: Range<Int> = 0..<0
        var contentEncoding = ""
    }

    static func envelope(_ body: [UInt8]) throws(ProtobufError) -> Unknown {
        guard body.count >= 4, Array(body[0..<4]) == magic else { throw .missingMagic }
        var reader = ProtobufReader(body, range: 4..<body.count)
        var u = Unknown(raw: body.count..<body.count)
        while let (field, value) = try reader.next() {
            guard let range = value.range else { continue }
            switch field {
            case 1:
                var t = reader.nested(range)
                while let (f, v) = try t.next() {
                    guard let rr = v.range else { continue }
                    if f == 1 { u.apiVersion = t.string(rr) }
                    if f == 2 { u.kind = t.string(rr) }
                }
            case 2: u.raw = range
            case 3: u.contentEncoding = reader.string(range)
            default: continue
            }
        }
        return u
    }
}

/// Why a protobuf body could not be read or written.
public enum ProtobufError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The body does not start with `k8s\0`.
    case missingMagic
    /// The bytes are not a well-formed message.
    case malformed(String)
    /// A kind without a codec here; the API server answers 415 UnsupportedMediaType.
    case unsupportedKind(apiVersion: String, kind: String)
    /// (Encoding) a JSON member has a type the Go struct could not hold, or bad base64.
    case invalidField(String, String)

    public var description: String {
        switch self {
        case .missingMagic: return "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"
        case .malformed(let why): return "unable to decode protobuf body: \(why)"
        case .unsupportedKind(let apiVersion, let kind):
            return "no protobuf serialization for \(apiVersion.isEmpty ? "/" : apiVersion), Kind=\(kind)"
        case .invalidField(let path, let why): return "\(path): \(why)"
        }
    }
}
