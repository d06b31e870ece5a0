import Foundation
import KubeObjects

/// Secret `data` and ConfigMap `binaryData`: `map[string][]byte`, which Go's JSON writes as
/// standard padded base64. Coded here with KubeObjects' `Base64` (Go's decoder: `\r` and `\n`
/// ignored, its error text) rather than the encoder's Data strategy, so the wire form does
/// not depend on how a caller configured its JSONEncoder, and a bad value is reported by
/// key and byte offset without ever echoing it.
enum Base64DataMap {
    static func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, forKey key: K) throws -> [String: Data]? {
        guard let encoded = try container.decodeIfPresent([String: String].self, forKey: key) else { return nil }
        var out: [String: Data] = [:]
        out.reserveCapacity(encoded.count)
        for (name, text) in encoded {
            switch Base64.decode(text) {
            case .success(let bytes): out[name] = Data(bytes)
            case .failure(let error):
                throw DecodingError.dataCorrupted(.init(
                    codingPath: container.codingPath + [key, MapKey(name)], debugDescription: error.message))
            }
        }
        return out
    }

    static func encode<K: CodingKey>(_ map: [String: Data]?, into container: inout KeyedEncodingContainer<K>, forKey key: K)
        throws
    {
        guard let map else { return }
        try container.encode(map.mapValues { Base64.encode($0) }, forKey: key)
    }

    /// A map key in a coding path.
    private struct MapKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
