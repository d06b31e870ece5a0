import Values

/// One step of a field path, as structured-merge-diff's `fieldpath.PathElement`: a
/// struct or map key (`f:name`), a keyed list item (`k:{"name":"c"}`), a set item
/// (`v:"x"`) or a list index (`i:0`).
public enum PathElement: Hashable, Sendable {
    case field(String)
    /// Key fields sorted by name, as Kubernetes writes them.
    case key([KeyField])
    case value(JSONValue)
    case index(Int)

    public struct KeyField: Hashable, Sendable {
        public var name: String
        public var value: JSONValue
        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// A keyed item's element from its key fields, sorted by name.
    public static func keyed(_ fields: [(String, JSONValue)]) -> PathElement {
        .key(fields.map { KeyField(name: $0.0, value: $0.1) }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
    }

    /// The element as a `fieldsV1` key: `f:`, `k:`, `v:` or `i:` and its JSON.
    public var fieldsV1Key: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields):
            var out: [UInt8] = Array("k:{".utf8)
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(f.name, into: &out)
                out.append(UInt8(ascii: ":"))
                f.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
            return String(decoding: out, as: UTF8.self)
        case .value(let v): return "v:" + v.serialized()
        case .index(let i): return "i:\(i)"
        }
    }

    /// Reads a `fieldsV1` key.
    public init(fieldsV1Key text: String) throws(FieldsV1Error) {
        guard text.utf8.count >= 2, text.utf8.dropFirst().first == UInt8(ascii: ":") else {
            throw FieldsV1Error(message: "unknown path element key \(text)")
        }
        let body = String(text.dropFirst(2))
        switch text.first {
        case "f": self = .field(body)
        case "i":
            guard let i = Int(body) else { throw FieldsV1Error(message: "invalid index \(body)") }
            self = .index(i)
        case "v":
            do { self = .value(try JSONValue.parse(body)) } catch { throw FieldsV1Error(message: "invalid value \(body): \(error)") }
        case "k":
            let parsed: JSONValue
            do { parsed = try JSONValue.parse(body) } catch { throw FieldsV1Error(message: "invalid key \(body): \(error)") }
            guard case .object(let m) = parsed else { throw FieldsV1Error(message: "key \(body) is not an object") }
            self = .keyed(m.map { ($0.key, $0.value) })
        default:
            throw FieldsV1Error(message: "unknown path element key \(text)")
        }
    }

    /// The element as conflict messages print paths: `.name`, `[name="c"]`, `[="x"]`, `[0]`.
    public var pathString: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields): return "[" + fields.map { "\($0.name)=\($0.value.goValueString)" }.joined(separator: ",") + "]"
        case .value(let v): return "[=\(v.goValueString)]"
        case .index(let i): return "[\(i)]"
        }
    }
}

extension PathElement: Comparable {
    /// structured-merge-diff's order: fields < keys < values < indexes; fields by name,
    /// keys field by field, values by `value.Compare` (numbers numerically).
    public static func < (a: PathElement, b: PathElement) -> Bool { compare(a, b) < 0 }

    static func rank(_ e: PathElement) -> Int {
        switch e {
        case .field: return 0
        case .key: return 1
        case .value: return 2
        case .index: return 3
        }
    }

    static func compare(_ a: PathElement, _ b: PathElement) -> Int {
        switch (a, b) {
        case (.field(let x), .field(let y)): return compareBytes(x, y)
        case (.key(let x), .key(let y)):
            for (l, r) in zip(x, y) {
                let c = compareBytes(l.name, r.name)
                if c != 0 { return c }
                let v = compareValues(l.value, r.value)
                if v != 0 { return v }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case (.value(let x), .value(let y)): return compareValues(x, y)
        case (.index(let x), .index(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        default: return rank(a) < rank(b) ? -1 : 1
        }
    }

    static func compareBytes(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// `value.Compare`: numbers (compared numerically) < strings < bools < lists < maps < null.
    static func compareValues(_ a: JSONValue, _ b: JSONValue) -> Int {
        func rank(_ v: JSONValue) -> Int {
            switch v {
            case .int, .double: return 0
            case .string: return 1
            case .bool: return 2
            case .array: return 3
            case .object: return 4
            case .null: return 5
            }
        }
        let ra = rank(a)
        let rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.string(let x), .string(let y)): return compareBytes(x, y)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.array(let x), .array(let y)):
            for (l, r) in zip(x, y) {
                let c = compareValues(l, r)
                if c != 0 { return c }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case (.null, .null): return 0
        case (.object, .object): return compareBytes(a.serialized(), b.serialized())
        default:
            let x = a.numberValue ?? 0
            let y = b.numberValue ?? 0
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}

/// A path from the object's root.
public typealias FieldPath = [PathElement]

extension Array where Element == PathElement {
    /// `fieldpath.Path.String()`: `.spec.containers[name="c"].image`.
    public var pathString: String { map(\.pathString).joined() }
}

/// A malformed `fieldsV1` document.
public struct FieldsV1Error: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension JSONValue {
    var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// structured-merge-diff's `value.ToString`: strings Go-quoted, numbers and bools bare.
    var goValueString: String {
        switch self {
        case .null: return "null"
        case .string(let s): return GoQuote.quote(s)
        case .int(let i): return String(i)
        case .double(let d): return goString
        case .bool(let b): return b ? "true" : "false"
        case .array(let a): return "[" + a.map(\.goValueString).joined(separator: ",") + "]"
        case .object(let o):
            let keys = o.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return "{" + keys.map { "\($0)=\(o[$0]!.goValueString)" }.joined(separator: ",") + "}"
        }
    }
}
