import Values

/// The `release` value of a storage object, as Helm's `encodeRelease` makes it:
/// base64(gzip(JSON)). A Secret's `data.release` holds that base64 text as its bytes (so
/// it is base64 twice on the wire); a ConfigMap's `data.release` is the text itself.
public enum ReleasePayload {
    /// Payloads inflate to at most this: Kubernetes objects are capped near 1.5 MiB, and
    /// JSON compresses well, but not a thousandfold.
    public static let inflatedLimit = 256 * 1024 * 1024

    public static func encode(_ release: Release) throws -> String {
        let json = try release.jsonText()
        do {
            return StdBase64.encode(try ReleaseGzip.compress(Array(json.utf8)))
        } catch {
            throw ReleaseEncodingError(reason: "gzip: \(error.message)")
        }
    }

    /// Helm's `decodeRelease`: base64, then gunzip when the gzip magic is there (records
    /// from before compression are plain JSON), then JSON.
    public static func decode(_ text: String, labels: [String: String] = [:]) throws(ReleaseDecodingError) -> Release {
        guard var bytes = StdBase64.decode(text) else { throw .base64(field: "release") }
        if ReleaseGzip.hasMagic(bytes) {
            do { bytes = try ReleaseGzip.decompress(bytes, limit: inflatedLimit) } catch { throw .gzip(error.message) }
        }
        guard let json = String(validating: bytes, as: UTF8.self) else { throw .json("the payload is not UTF-8") }
        return try Release(jsonText: json, labels: labels)
    }
}

/// A release that cannot be written (a value JSON cannot hold).
public struct ReleaseEncodingError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { "cannot encode the release: \(reason)" }
}
