import Values

/// Reads the fields of a decoded JSON object as Go's `encoding/json` fills a struct:
/// absent and `null` give the zero value, a value of another type is an error naming
/// its path. Numbers arrive as float64 (`JSON.decode`), so integers are checked whole.
struct ReleaseJSONReader {
    let object: [String: Value]
    let path: String

    init(_ object: [String: Value], path: String) {
        self.object = object
        self.path = path
    }

    /// The object at `value`, or nil for absent / null.
    static func object(_ value: Value?, path: String) throws(ReleaseDecodingError) -> ReleaseJSONReader? {
        guard let value, !value.isNull else { return nil }
        guard let m = value.mapValue else { throw mismatch(path, "an object", value) }
        return ReleaseJSONReader(m, path: path)
    }

    func sub(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func string(_ key: String) throws(ReleaseDecodingError) -> String {
        guard let v = object[key], !v.isNull else { return "" }
        guard case .string(let s) = v else { throw Self.mismatch(sub(key), "a string", v) }
        return s
    }

    func int(_ key: String) throws(ReleaseDecodingError) -> Int {
        guard let v = object[key], !v.isNull else { return 0 }
        switch v {
        case .float(let d) where d == d.rounded() && abs(d) < 9.0e15: return Int(d)
        case .int(let i, _) where i.magnitude < UInt64(Int.max): return Int(i)
        default: throw Self.mismatch(sub(key), "an integer", v)
        }
    }

    func strings(_ key: String) throws(ReleaseDecodingError) -> [String] {
        guard let v = object[key], !v.isNull else { return [] }
        guard let items = v.listValue else { throw Self.mismatch(sub(key), "a list of strings", v) }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else { throw Self.mismatch("\(sub(key))[\(i)]", "a string", item) }
            out.append(s)
        }
        return out
    }

    func map(_ key: String) throws(ReleaseDecodingError) -> [String: Value] {
        guard let v = object[key], !v.isNull else { return [:] }
        guard let m = v.mapValue else { throw Self.mismatch(sub(key), "an object", v) }
        return m
    }

    func list(_ key: String) throws(ReleaseDecodingError) -> [Value] {
        guard let v = object[key], !v.isNull else { return [] }
        guard let items = v.listValue else { throw Self.mismatch(sub(key), "a list", v) }
        return items
    }

    /// A Go `time.Time`: RFC 3339 (fraction optional); absent, null and Helm v3's `""`
    /// (its zero time) give nil.
    func time(_ key: String) throws(ReleaseDecodingError) -> GoTime? {
        let text = try string(key)
        if text.isEmpty { return nil }
        do {
            let t = try GoTime.parse(layout: GoTimeLayout.rfc3339, value: text, in: .utc)
            return t.isZero ? nil : t
        } catch {
            throw .field(path: sub(key), expected: "an RFC 3339 time", found: "\"\(text)\"")
        }
    }

    /// A Go `[]byte`: standard base64, or nil for absent / null.
    func bytes(_ key: String) throws(ReleaseDecodingError) -> [UInt8]? {
        guard let v = object[key], !v.isNull else { return nil }
        guard case .string(let s) = v else { throw Self.mismatch(sub(key), "a base64 string", v) }
        guard let b = StdBase64.decode(s) else { throw .base64(field: sub(key)) }
        return b
    }

    /// Keys other than `known`, for writing back what this model does not understand.
    func unknown(known: Set<String>) -> [String: Value] {
        object.filter { !known.contains($0.key) }
    }

    static func mismatch(_ path: String, _ expected: String, _ found: Value) -> ReleaseDecodingError {
        let kind: String
        switch found {
        case .null: kind = "null"
        case .bool: kind = "a boolean"
        case .int, .float: kind = "a number"
        case .string: kind = "a string"
        case .list: kind = "a list"
        case .map: kind = "an object"
        default: kind = found.typeName
        }
        return .field(path: path, expected: expected, found: kind)
    }
}
