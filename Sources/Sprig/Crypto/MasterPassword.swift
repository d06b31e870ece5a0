import Crypto
import Foundation
import _CryptoExtras

/// Sprig's `derivePassword`: Maarten Billemont's Master Password algorithm (v3). The user's
/// key is scrypt(password, "com.lyndir.masterpassword" ‖ len(user) ‖ user, N=32768, r=8,
/// p=2, 64 bytes); a site seed is HMAC-SHA256 of the scope, the site name and the counter
/// under that key; the seed's first byte picks a template for the password type and the
/// following bytes pick each character from the class the template names. Lengths are
/// big-endian uint32 byte counts, as Go's `binary.Write` puts them.
enum MasterPassword {
    private static let scope = Array("com.lyndir.masterpassword".utf8)

    private static let templates: [String: [String]] = [
        "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long": [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
            "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        "medium": ["CvcnoCvc", "CvcCvcno"],
        "short": ["Cvcn"],
        "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
        "pin": ["nnnn"],
    ]

    private static let characters: [UInt8: [UInt8]] = [
        UInt8(ascii: "V"): Array("AEIOU".utf8),
        UInt8(ascii: "C"): Array("BCDFGHJKLMNPQRSTVWXYZ".utf8),
        UInt8(ascii: "v"): Array("aeiou".utf8),
        UInt8(ascii: "c"): Array("bcdfghjklmnpqrstvwxyz".utf8),
        UInt8(ascii: "A"): Array("AEIOUBCDFGHJKLMNPQRSTVWXYZ".utf8),
        UInt8(ascii: "a"): Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz".utf8),
        UInt8(ascii: "n"): Array("0123456789".utf8),
        UInt8(ascii: "o"): Array("@&%?,=[]_:-+*$#!'^~;()/.".utf8),
        UInt8(ascii: "x"): Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()".utf8),
    ]

    /// `derivePassword(counter uint32, passwordType, password, user, site string) string`;
    /// an unknown type or a failed derivation comes back as text, as in Sprig.
    static func derive(counter: UInt32, type: String, password: String, user: String, site: String) -> String {
        guard let candidates = templates[type] else { return "cannot find password template \(type)" }
        let userBytes = Array(user.utf8), siteBytes = Array(site.utf8)
        let key: SymmetricKey
        do {
            key = try KDF.Scrypt.deriveKey(
                from: Array(password.utf8), salt: scope + bigEndian(UInt32(truncatingIfNeeded: userBytes.count)) + userBytes,
                outputByteCount: 64, rounds: 32768, blockSize: 8, parallelism: 2)
        } catch {
            return "failed to derive password: \(error)"
        }
        let message = scope + bigEndian(UInt32(truncatingIfNeeded: siteBytes.count)) + siteBytes + bigEndian(counter)
        let seed = Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        let template = Array(candidates[Int(seed[0]) % candidates.count].utf8)
        var out: [UInt8] = []
        out.reserveCapacity(template.count)
        for (i, cls) in template.enumerated() {
            let chars = characters[cls] ?? []
            out.append(chars[Int(seed[i + 1]) % chars.count])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }
}
