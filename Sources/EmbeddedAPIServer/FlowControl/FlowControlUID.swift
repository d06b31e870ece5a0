import Crypto

/// Stable UIDs for the built-in flow schemas and priority levels: UUID-shaped like a real
/// object's `metadata.uid`, and the same on every start, so a client or a test can compare
/// a response header with `FlowSchema.uid`.
enum FlowControlUID {
    static func make(kind: String, name: String) -> String {
        var bytes = Array(SHA256.hash(data: Array("flowcontrol.apiserver.k8s.io/\(kind)/\(name)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5 (name-based)
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
