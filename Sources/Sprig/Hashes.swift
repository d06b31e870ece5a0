import Crypto

/// The digests behind `sha1sum`, `sha256sum`, `sha512sum` (swift-crypto's, the same FIPS 180-4
/// functions Go's `crypto/sha*` compute) and `adler32sum` (RFC 1950, which Go takes from
/// `hash/adler32` and swift-crypto does not offer).
public enum Hashes {
    static func sha1(_ message: [UInt8]) -> [UInt8] { Array(Insecure.SHA1.hash(data: message)) }

    public static func sha256(_ message: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: message)) }

    static func sha512(_ message: [UInt8]) -> [UInt8] { Array(SHA512.hash(data: message)) }

    static func adler32(_ message: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in message {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }
}
