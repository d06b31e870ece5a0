/// Go's `encoding/base64` and `encoding/base32` standard encodings. Sprig's `b64dec` and
/// `b32dec` return the decoder's error text in place of the result ("illegal base64 data
/// at input byte 4"), so decoding follows Go's quantum-by-quantum rules for where it fails.
enum Base64 {
    static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8], alphabet: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(v >> 18 & 63)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)], alphabet[Int(v & 63)]]
            i += 3
        }
        let rem = bytes.count - i
        if rem > 0 {
            var v = UInt32(bytes[i]) << 16
            if rem == 2 { v |= UInt32(bytes[i + 1]) << 8 }
            out += [alphabet[Int(v >> 18 & 63)], alphabet[Int(v >> 12 & 63)]]
            out += rem == 2 ? [alphabet[Int(v >> 6 & 63)], UInt8(ascii: "=")] : [UInt8(ascii: "="), UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in standard.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    /// `StdEncoding.DecodeString`; `.failure` carries the offset Go reports.
    static func decode(_ s: String) -> Result<[UInt8], DecodeError> {
        let src = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(src.count / 4 * 3)
        var si = 0
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), pad = UInt8(ascii: "=")
        while si < src.count {
            var dbuf = [UInt8](repeating: 0, count: 4)
            var dlen = 4
            var trailing: Int? = nil
            var j = 0
            quantum: while j < 4 {
                if si == src.count {
                    if j == 0 { return .success(out) }
                    return .failure(DecodeError(offset: si - j, kind: "base64"))
                }
                let c = src[si]
                si += 1
                let v = decodeMap[Int(c)]
                if v != 0xFF {
                    dbuf[j] = v
                    j += 1
                    continue
                }
                if c == lf || c == cr { continue }
                if c != pad { return .failure(DecodeError(offset: si - 1, kind: "base64")) }
                switch j {
                case 0, 1: return .failure(DecodeError(offset: si - 1, kind: "base64"))
                case 2:
                    while si < src.count && (src[si] == lf || src[si] == cr) { si += 1 }
                    if si == src.count { return .failure(DecodeError(offset: src.count, kind: "base64")) }
                    if src[si] != pad { return .failure(DecodeError(offset: si - 1, kind: "base64")) }
                    si += 1
                default: break
                }
                while si < src.count && (src[si] == lf || src[si] == cr) { si += 1 }
                if si < src.count { trailing = si }
                dlen = j
                break quantum
            }
            let v = UInt32(dbuf[0]) << 18 | UInt32(dbuf[1]) << 12 | UInt32(dbuf[2]) << 6 | UInt32(dbuf[3])
            let bytes = [UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
            out += bytes[0..<(dlen - 1)]
            if let trailing { return .failure(DecodeError(offset: trailing, kind: "base64")) }
        }
        return .success(out)
    }

    struct DecodeError: Error {
        let offset: Int
        let kind: String
        var message: String { "illegal \(kind) data at input byte \(offset)" }
    }
}

enum Base32 {
    static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i..<min(i + 5, bytes.count)])
            var v: UInt64 = 0
            for k in 0..<5 { v = v << 8 | UInt64(k < chunk.count ? chunk[k] : 0) }
            let chars = [2, 4, 5, 7, 8][chunk.count - 1]  // characters carrying data
            for k in 0..<8 {
                out.append(k < chars ? standard[Int(v >> UInt64(35 - 5 * k) & 31)] : UInt8(ascii: "="))
            }
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in standard.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    /// `StdEncoding.DecodeString` (newlines are stripped first, as Go does).
    static func decode(_ s: String) -> Result<[UInt8], Base64.DecodeError> {
        let all = Array(s.utf8).filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        let olen = all.count
        var src = all[...]
        var out: [UInt8] = []
        var end = false
        let pad = UInt8(ascii: "=")
        func fail(_ at: Int) -> Result<[UInt8], Base64.DecodeError> { .failure(.init(offset: at, kind: "base32")) }
        while !src.isEmpty && !end {
            var dbuf = [UInt8](repeating: 0, count: 8)
            var dlen = 8
            var j = 0
            while j < 8 {
                if src.isEmpty { return fail(olen - src.count - j) }
                let c = src.removeFirst()
                if c == pad && j >= 2 && src.count < 8 {
                    if src.count + j < 7 { return fail(olen) }
                    for k in 0..<(7 - j) where src.count > k && src[src.startIndex + k] != pad {
                        return fail(olen - src.count + k - 1)
                    }
                    dlen = j
                    end = true
                    if dlen == 1 || dlen == 3 || dlen == 6 { return fail(olen - src.count - 1) }
                    break
                }
                dbuf[j] = decodeMap[Int(c)]
                if dbuf[j] == 0xFF { return fail(olen - src.count - 1) }
                j += 1
            }
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 5 | UInt64(dbuf[k]) }
            let bytes = (0..<5).map { UInt8(v >> UInt64(32 - 8 * $0) & 0xFF) }
            let n = [0, 0, 1, 1, 2, 3, 3, 4, 5][dlen]
            out += bytes[0..<n]
        }
        return .success(out)
    }
}

public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
