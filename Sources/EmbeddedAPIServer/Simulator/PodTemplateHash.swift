import KubeObjects

/// The `pod-template-hash` a Deployment's ReplicaSets are named and labelled by. The real
/// controller hashes the template with 32-bit FNV-1a, prints the number in decimal and
/// "safe-encodes" each digit into an alphabet without vowels (so a hash never spells a
/// word). Here the template's canonical JSON (sorted keys) is what is hashed, and the
/// decimal is zero-padded so every hash has 10 characters; equal templates always give
/// equal hashes, which is all clients rely on.
enum PodTemplateHash {
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    static func of(_ template: JSONValue) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in template.serializedBytes() {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        var decimal = String(hash)
        while decimal.count < 10 { decimal = "0" + decimal }
        return String(decoding: decimal.utf8.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }
}
