/// bcrypt (Provos & Mazières, 1999) as `golang.org/x/crypto/bcrypt` computes it for Sprig's
/// `bcrypt` and `htpasswd`: version `2a`, cost 10, a random 16-byte salt, the password with a
/// NUL appended as the Blowfish key, and passwords over 72 bytes refused. Neither
/// swift-crypto nor BoringSSL offer bcrypt or the Blowfish it is built on, so the
/// expensive key schedule (EksBlowfish) is here; its output is checked against hashes
/// Helm produced.
enum Bcrypt {
    static let defaultCost = 10
    static let maxPasswordLength = 72

    /// bcrypt's own base64 alphabet, used without padding.
    private static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let magic = Array("OrpheanBeholderScryDoubt".utf8)

    struct PasswordTooLong: Error, CustomStringConvertible {
        var description: String { "bcrypt: password length exceeds 72 bytes" }
    }

    /// `bcrypt.GenerateFromPassword(password, bcrypt.DefaultCost)`.
    static func generate(password: [UInt8]) throws -> String {
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return try hash(password: password, salt: salt, cost: defaultCost)
    }

    /// The `$2a$` hash of `password` under a given 16-byte salt.
    static func hash(password: [UInt8], salt: [UInt8], cost: Int) throws -> String {
        guard password.count <= maxPasswordLength else { throw PasswordTooLong() }
        let key = password + [0]
        var state = BlowfishTables.initialState
        let cipher: [UInt8] = state.withUnsafeMutableBufferPointer { s in
            expandKey(s, key: key, salt: salt)
            for _ in 0..<(1 << cost) {
                expandKey(s, key: key, salt: nil)
                expandKey(s, key: salt, salt: nil)
            }
            var words = [UInt32](repeating: 0, count: 6)
            var j = 0
            for i in 0..<6 { words[i] = nextWord(magic, &j) }
            for i in stride(from: 0, to: 6, by: 2) {
                var l = words[i], r = words[i + 1]
                for _ in 0..<64 { encrypt(s, &l, &r) }
                words[i] = l
                words[i + 1] = r
            }
            return words.flatMap { [UInt8($0 >> 24), UInt8($0 >> 16 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 & 0xFF)] }
        }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$" + costText + "$" + encode(salt) + encode(Array(cipher[0..<23]))
    }

    private static func encode(_ bytes: [UInt8]) -> String {
        var text = Base64.encode(bytes, alphabet: alphabet)
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Blowfish's key schedule over the current state, cycling through `key`; with a salt
    /// (EksBlowfish's first step) each block is XORed with the next salt words before it
    /// is encrypted.
    private static func expandKey(_ s: UnsafeMutableBufferPointer<UInt32>, key: [UInt8], salt: [UInt8]?) {
        var j = 0
        for i in 0..<18 { s[i] ^= nextWord(key, &j) }
        var l: UInt32 = 0, r: UInt32 = 0
        var k = 0
        var i = 0
        while i < 1042 {
            if let salt {
                l ^= nextWord(salt, &k)
                r ^= nextWord(salt, &k)
            }
            encrypt(s, &l, &r)
            s[i] = l
            s[i + 1] = r
            i += 2
        }
    }

    /// The next big-endian word of `data`, wrapping around at its end.
    @inline(__always)
    private static func nextWord(_ data: [UInt8], _ j: inout Int) -> UInt32 {
        var w: UInt32 = 0
        for _ in 0..<4 {
            w = w << 8 | UInt32(data[j])
            j += 1
            if j == data.count { j = 0 }
        }
        return w
    }

    /// One Blowfish block encryption: 16 Feistel rounds with F(x) = ((S0[a] + S1[b]) ^ S2[c]) + S3[d].
    @inline(__always)
    private static func encrypt(_ s: UnsafeMutableBufferPointer<UInt32>, _ l: inout UInt32, _ r: inout UInt32) {
        var xl = l, xr = r
        for i in stride(from: 0, to: 16, by: 2) {
            xl ^= s[i]
            xr ^= f(s, xl)
            xr ^= s[i + 1]
            xl ^= f(s, xr)
        }
        xl ^= s[16]
        xr ^= s[17]
        l = xr
        r = xl
    }

    @inline(__always)
    private static func f(_ s: UnsafeMutableBufferPointer<UInt32>, _ x: UInt32) -> UInt32 {
        let a = s[18 + Int(x >> 24)], b = s[274 + Int(x >> 16 & 0xFF)]
        let c = s[530 + Int(x >> 8 & 0xFF)], d = s[786 + Int(x & 0xFF)]
        return ((a &+ b) ^ c) &+ d
    }
}
