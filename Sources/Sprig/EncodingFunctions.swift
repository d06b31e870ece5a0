import Values

/// Sprig's encodings and digests. Decoders return Go's error text as their result
/// (Sprig's `b64dec` does `return err.Error()`), never an error.
enum EncodingFunctions {
    static let all: [GoFunction] = [
        .string("b64enc", [.string]) { Base64.encode(Array($0.string(0).utf8), alphabet: Base64.standard) },
        .string("b64dec", [.string]) { decoded(Base64.decode($0.string(0))) },
        .string("b32enc", [.string]) { Base32.encode(Array($0.string(0).utf8)) },
        .string("b32dec", [.string]) { decoded(Base32.decode($0.string(0))) },
        .string("sha1sum", [.string]) { Hex.encode(Hashes.sha1(Array($0.string(0).utf8))) },
        .string("sha256sum", [.string]) { Hex.encode(Hashes.sha256(Array($0.string(0).utf8))) },
        .string("sha512sum", [.string]) { Hex.encode(Hashes.sha512(Array($0.string(0).utf8))) },
        .string("adler32sum", [.string]) { String(Hashes.adler32(Array($0.string(0).utf8))) },
    ]

    private static func decoded(_ r: Result<[UInt8], Base64.DecodeError>) -> String {
        switch r {
        case .success(let bytes): return GoValue.string(bytes)
        case .failure(let e): return e.message
        }
    }
}
