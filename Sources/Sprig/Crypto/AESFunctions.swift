import Crypto
import Foundation
import Values
import _CryptoExtras

/// Sprig's `encryptAES`/`decryptAES`: AES-256-CBC whose key is the password's bytes cut or
/// zero-padded to 32, PKCS#7 padding, and base64 of IV ‖ ciphertext. Decryption trusts the
/// last byte as the padding length without checking it, so malformed input fails with the
/// Go runtime panics Sprig hits (which the template engine reports as errors).
enum AESFunctions {
    static let all: [GoFunction] = [
        .string("encryptAES", [.string, .string]) { try encrypt(password: $0.string(0), plaintext: $0.string(1)) },
        .string("decryptAES", [.string, .string]) { try decrypt(password: $0.string(0), base64: $0.string(1)) },
    ]

    private static func key(_ password: String) -> SymmetricKey {
        var bytes = Array(password.utf8.prefix(32))
        bytes += [UInt8](repeating: 0, count: 32 - bytes.count)
        return SymmetricKey(data: bytes)
    }

    static func encrypt(password: String, plaintext: String) throws -> String {
        if plaintext.isEmpty { return "" }
        var content = Array(plaintext.utf8)
        let padding = 16 - content.count % 16
        content += [UInt8](repeating: UInt8(padding), count: padding)
        var rng = SystemRandomNumberGenerator()
        let ivBytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let iv = try AES._CBC.IV(ivBytes: ivBytes)
        let ciphertext = try AES._CBC.encrypt(content, using: key(password), iv: iv, noPadding: true)
        return Base64.encode(ivBytes + Array(ciphertext), alphabet: Base64.standard)
    }

    static func decrypt(password: String, base64: String) throws -> String {
        if base64.isEmpty { return "" }
        let crypt: [UInt8]
        switch Base64.decode(base64) {
        case .success(let bytes): crypt = bytes
        case .failure(let error): throw GoFunctionError(error.message)
        }
        guard crypt.count >= 16 else {
            // `crypt[:aes.BlockSize]` on the slice `DecodeString` allocated.
            throw GoFunctionError("runtime error: slice bounds out of range [:16] with capacity \(base64.utf8.count / 4 * 3)")
        }
        let body = crypt[16...]
        guard body.count % 16 == 0 else { throw GoFunctionError("crypto/cipher: input not full blocks") }
        guard !body.isEmpty else { throw GoFunctionError("runtime error: index out of range [-1]") }
        let iv = try AES._CBC.IV(ivBytes: crypt[0..<16])
        let decrypted = Array(try AES._CBC.decrypt(body, using: key(password), iv: iv, noPadding: true))
        let end = decrypted.count - Int(decrypted[decrypted.count - 1])
        guard end >= 0 else { throw GoFunctionError("runtime error: slice bounds out of range [:\(end)]") }
        return String(decoding: decrypted[..<end], as: UTF8.self)
    }
}
