import Values

/// Sprig's random strings (goutils' `CryptoRandom*`), `randBytes` and `uuidv4`. They draw
/// from the system's secure generator, as Go's `crypto/rand` does; a negative count is
/// goutils' error, which Sprig turns into "".
enum RandomFunctions {
    static let all: [GoFunction] = [
        .string("randAlphaNum", [.int]) { random($0.int(0), from: letters + digits) },
        .string("randAlpha", [.int]) { random($0.int(0), from: letters) },
        .string("randNumeric", [.int]) { random($0.int(0), from: digits) },
        .string("randAscii", [.int]) { random($0.int(0), from: Array(32...126)) },
        // randBytes(count int) (string, error): base64 of count random bytes.
        .string("randBytes", [.int]) { args in
            let count = args.int(0)
            if count < 0 { throw GoPanic.makesliceLen }
            var rng = SystemRandomNumberGenerator()
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            return Base64.encode(bytes, alphabet: Base64.standard)
        },
        .string("uuidv4", []) { _ in uuidv4() },
    ]

    private static let letters: [UInt8] = Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
    private static let digits: [UInt8] = Array(UInt8(ascii: "0")...UInt8(ascii: "9"))

    static func random(_ count: Int, from alphabet: [UInt8]) -> String {
        guard count > 0 else { return "" }
        var rng = SystemRandomNumberGenerator()
        var out = [UInt8](repeating: 0, count: count)
        for i in 0..<count { out[i] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
        return String(decoding: out, as: UTF8.self)
    }

    /// A version 4 (random) UUID in its canonical lower-case text form.
    static func uuidv4() -> String {
        var rng = SystemRandomNumberGenerator()
        var b = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = Hex.encode(b)
        let u = Array(hex.utf8)
        return String(decoding: u[0..<8], as: UTF8.self) + "-" + String(decoding: u[8..<12], as: UTF8.self) + "-"
            + String(decoding: u[12..<16], as: UTF8.self) + "-" + String(decoding: u[16..<20], as: UTF8.self) + "-"
            + String(decoding: u[20..<32], as: UTF8.self)
    }
}
