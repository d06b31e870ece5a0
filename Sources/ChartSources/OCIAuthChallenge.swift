/// A registry's `WWW-Authenticate` challenge (RFC 7235): `Basic realm="…"`, or the
/// distribution token flow's `Bearer realm="https://auth/token",service="…",scope="…"`.
struct OCIAuthChallenge: Equatable, Sendable {
    /// Lowercased: `basic` or `bearer`.
    var scheme: String
    /// Parameter names lowercased; values unquoted.
    var parameters: [String: String]

    var realm: String? { parameters["realm"] }

    /// The first challenge of a header value (registries send one).
    init?(header: String) {
        let u = Array(header.utf8)
        var i = 0
        func skipSpaces() { while i < u.count, u[i] == 0x20 || u[i] == 0x09 { i += 1 } }
        skipSpaces()
        let start = i
        while i < u.count, u[i] != 0x20, u[i] != 0x09 { i += 1 }
        guard i > start else { return nil }
        scheme = String(decoding: u[start..<i], as: UTF8.self).lowercased()
        parameters = [:]
        while i < u.count {
            skipSpaces()
            let nameStart = i
            while i < u.count, u[i] != 0x3D, u[i] != 0x2C { i += 1 }  // '=' ','
            let name = String(decoding: u[nameStart..<i], as: UTF8.self).trimmed(" \t").lowercased()
            guard i < u.count, u[i] == 0x3D else {
                i += 1
                continue
            }
            i += 1
            skipSpaces()
            var value: [UInt8] = []
            if i < u.count, u[i] == 0x22 {  // quoted-string with backslash escapes
                i += 1
                while i < u.count, u[i] != 0x22 {
                    if u[i] == 0x5C, i + 1 < u.count { i += 1 }
                    value.append(u[i])
                    i += 1
                }
                i += 1
            } else {
                while i < u.count, u[i] != 0x2C { value.append(u[i]); i += 1 }
            }
            if !name.isEmpty { parameters[name] = String(decoding: value, as: UTF8.self).trimmed(" \t") }
            skipSpaces()
            if i < u.count, u[i] == 0x2C { i += 1 }
        }
    }
}
