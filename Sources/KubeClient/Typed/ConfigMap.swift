import Foundation

/// `v1 ConfigMap`: text in `data`, bytes in `binaryData` (base64 on the wire).
public struct ConfigMap: KubeResource, Hashable {
    public static let apiVersion = "v1"
    public static let kind = "ConfigMap"
    public static let plural = "configmaps"
    public static let isNamespaced = true

    public let apiVersion = ConfigMap.apiVersion
    public let kind = ConfigMap.kind
    public var metadata: ObjectMeta
    public var data: [String: String]?
    public var binaryData: [String: Data]?
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta = ObjectMeta(), data: [String: String]? = nil, binaryData: [String: Data]? = nil,
        immutable: Bool? = nil
    ) {
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
        self.immutable = immutable
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try Self.decodeTypeMeta(c, apiVersion: .apiVersion, kind: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        data = try c.decodeIfPresent([String: String].self, forKey: .data)
        binaryData = try Base64DataMap.decode(c, forKey: .binaryData)
        immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(apiVersion, forKey: .apiVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try c.encodeIfPresent(data, forKey: .data)
        try Base64DataMap.encode(binaryData, into: &c, forKey: .binaryData)
        try c.encodeIfPresent(immutable, forKey: .immutable)
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, data, binaryData, immutable
    }
}
