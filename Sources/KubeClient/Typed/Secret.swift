import Foundation

/// `v1 Secret`. `data` holds the decoded bytes (base64 on the wire, as Kubernetes writes
/// it); `stringData` is write-only on the server (merged into `data` on write, never read
/// back).
///
/// Printing a Secret — `description`, `debugDescription`, `dump`, string interpolation in a
/// log line or a test failure — shows its keys and never its values. The same goes for the
/// `kubectl.kubernetes.io/last-applied-configuration` annotation, which `kubectl apply`
/// fills with the whole Secret, data included.
public struct Secret: KubeResource, Hashable {
    public static let apiVersion = "v1"
    public static let kind = "Secret"
    public static let plural = "secrets"
    public static let isNamespaced = true

    public let apiVersion = Secret.apiVersion
    public let kind = Secret.kind
    public var metadata: ObjectMeta
    public var data: [String: Data]?
    public var stringData: [String: String]?
    /// `Opaque`, `kubernetes.io/tls`, `helm.sh/release.v1`, …
    public var type: String?
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta = ObjectMeta(), data: [String: Data]? = nil, stringData: [String: String]? = nil,
        type: String? = nil, immutable: Bool? = nil
    ) {
        self.metadata = metadata
        self.data = data
        self.stringData = stringData
        self.type = type
        self.immutable = immutable
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try Self.decodeTypeMeta(c, apiVersion: .apiVersion, kind: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        data = try Base64DataMap.decode(c, forKey: .data)
        stringData = try c.decodeIfPresent([String: String].self, forKey: .stringData)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(apiVersion, forKey: .apiVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try Base64DataMap.encode(data, into: &c, forKey: .data)
        try c.encodeIfPresent(stringData, forKey: .stringData)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(immutable, forKey: .immutable)
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, data, stringData, type, immutable
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var parts = ["\(metadata.namespace.map { "\($0)/" } ?? "")\(metadata.name ?? "")"]
        if let type { parts.append("type: \(type)") }
        if let data { parts.append("data: \(Self.redacted(data.keys))") }
        if let stringData { parts.append("stringData: \(Self.redacted(stringData.keys))") }
        return "Secret(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        var meta = metadata
        if meta.annotations?[Self.lastAppliedAnnotation] != nil {
            meta.annotations?[Self.lastAppliedAnnotation] = "<redacted>"
        }
        return Mirror(
            self,
            children: [
                "metadata": meta, "type": type as Any, "immutable": immutable as Any,
                "data": data.map { Self.redacted($0.keys) } as Any,
                "stringData": stringData.map { Self.redacted($0.keys) } as Any,
            ], displayStyle: .struct)
    }

    static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// `[password: <redacted>, username: <redacted>]`, keys sorted so the text is stable.
    private static func redacted(_ keys: some Sequence<String>) -> String {
        "[" + keys.sorted().map { "\($0): <redacted>" }.joined(separator: ", ") + "]"
    }
}
