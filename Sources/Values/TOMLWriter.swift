/// BurntSushi/toml v1.6.0's `Encoder.Encode`, as Helm's `toToml` runs it on values.
///
/// The layout is the encoder's own: in every table the plain keys come first and then
/// the sub-tables, each group sorted; tables nest as `[a.b]` indented two spaces a level;
/// a top-level table is preceded by a blank line (once anything was written); a
/// non-empty list whose elements are all maps becomes `[[key]]` sections, every other
/// list an inline array; nil map values are skipped, a nil list element is an error.
/// Floats use `%g` digits with `.0` added to whole numbers (`1.0`, but `1e+06`).
struct TOMLWriter {
    private var out: [UInt8] = []
    private var hasWritten = false

    static func encode(_ v: Value) throws(TOMLEncodeError) -> String {
        var writer = TOMLWriter()
        if case .null = v {
            throw .panic("reflect: call of reflect.Value.Type on zero Value")
        }
        try writer.encode(key: [], v)
        return String(decoding: writer.out, as: UTF8.self)
    }

    /// The TOML type the encoder sees for a Go value (`tomlTypeOfGo`); nil for nil.
    private enum Kind: Equatable {
        case scalar, datetime, array, table, arrayOfTables
    }

    private static func kind(of v: Value) throws(TOMLEncodeError) -> Kind? {
        switch v {
        case .null: return nil
        case .bool, .int, .float, .string: return .scalar
        case .bytes(let b): return b.isEmpty ? .array : .array
        case .list(let items, _):
            guard !items.isEmpty else { return .array }
            var allTables = true
            for item in items {
                // Every element is inspected, so a nil anywhere fails the whole encode.
                guard let k = try kind(of: item) else {
                    throw .encoding("toml: cannot encode array with nil element")
                }
                if k != .table { allTables = false }
            }
            return allTables ? .arrayOfTables : .array
        case .map: return .table
        case .object(let o):
            if o is GoTime { return .datetime }
            return try kind(of: objectValue(o))
        case .function: throw .encoding("unsupported type: func")
        }
    }

    /// What the encoder writes for a Go object: `time.Time` is native; types with
    /// `MarshalText` (`*semver.Version`) are their text; structs are tables of their fields.
    private static func objectValue(_ o: any GoObject) -> Value {
        o.jsonValue
    }

    private mutating func write(_ s: String) {
        out.append(contentsOf: s.utf8)
        hasWritten = true
    }

    private mutating func newline() {
        if hasWritten { write("\n") }
    }

    private static func indent(_ key: [String]) -> String {
        String(repeating: "  ", count: max(0, key.count - 1))
    }

    private static func keyPath(_ key: [String]) -> String {
        key.map(quoteKey).joined(separator: ".")
    }

    private mutating func encode(key: [String], _ v: Value) throws(TOMLEncodeError) {
        switch v {
        case .null:
            return
        case .bool, .int, .float, .string:
            try writeKeyValue(key, v, inline: false)
        case .bytes, .list:
            if try Self.kind(of: v) == .arrayOfTables {
                try writeArrayOfTables(key, v)
            } else {
                try writeKeyValue(key, v, inline: false)
            }
        case .map(let entries, _):
            try writeTable(key, entries.dictionary)
        case .object(let o):
            if o is GoTime {
                try writeKeyValue(key, v, inline: false)
            } else {
                try encode(key: key, Self.objectValue(o))
            }
        case .function:
            throw .encoding("unsupported type for key '\(Self.keyPath(key))': func")
        }
    }

    private mutating func writeKeyValue(_ key: [String], _ v: Value, inline: Bool) throws(TOMLEncodeError) {
        guard let last = key.last else {
            try writeElement(v)
            return
        }
        write(Self.indent(key) + Self.quoteKey(last) + " = ")
        try writeElement(v)
        if !inline { newline() }
    }

    private mutating func writeTable(_ key: [String], _ entries: [String: Value]) throws(TOMLEncodeError) {
        if key.count == 1 { newline() }
        if !key.isEmpty {
            write(Self.indent(key) + "[" + Self.keyPath(key) + "]")
            newline()
        }
        try writeMap(key, entries, inline: false)
    }

    private mutating func writeArrayOfTables(_ key: [String], _ v: Value) throws(TOMLEncodeError) {
        guard !key.isEmpty else { throw .encoding("toml: top-level values must be Go maps or structs") }
        guard case .list(let items, _) = v else { return }
        for item in items {
            let table: [String: Value]
            switch item {
            case .map(let m, _): table = m.dictionary
            case .object(let o): table = Self.objectValue(o).mapValue ?? [:]
            default: continue
            }
            newline()
            write(Self.indent(key) + "[[" + Self.keyPath(key) + "]]")
            newline()
            try writeMap(key, table, inline: false)
        }
    }

    private mutating func writeMap(_ key: [String], _ entries: [String: Value], inline: Bool) throws(TOMLEncodeError) {
        var direct: [String] = []
        var sub: [String] = []
        for (k, v) in entries {
            let kind = try Self.kind(of: v)
            if kind == .table || kind == .arrayOfTables { sub.append(k) } else { direct.append(k) }
        }
        if inline { write("{") }
        try writeKeys(direct, of: entries, under: key, inline: inline, trailingComma: !sub.isEmpty)
        try writeKeys(sub, of: entries, under: key, inline: inline, trailingComma: false)
        if inline { write("}") }
    }

    /// Nil values are skipped after the comma decision, so an inline table whose last
    /// key is nil keeps a dangling `, ` exactly as the Go encoder writes it.
    private mutating func writeKeys(
        _ keys: [String], of entries: [String: Value], under key: [String], inline: Bool, trailingComma: Bool
    ) throws(TOMLEncodeError) {
        let sorted = keys.sorted(by: String.goLess)
        for (i, k) in sorted.enumerated() {
            guard let v = entries[k], !v.isNull else { continue }
            if inline {
                try writeKeyValue(key + [k], v, inline: true)
                if trailingComma || i != sorted.count - 1 { write(", ") }
            } else {
                try encode(key: key + [k], v)
            }
        }
    }

    private mutating func writeElement(_ v: Value) throws(TOMLEncodeError) {
        switch v {
        case .null:
            return
        case .bool(let b):
            write(b ? "true" : "false")
        case .int(let i, let type):
            write(type.isUnsignedInteger ? String(UInt64(bitPattern: i)) : String(i))
        case .float(let f):
            write(Self.formatFloat(f))
        case .string(let s):
            write(Self.quoted(s))
        case .bytes(let b):
            write("[" + b.map { String($0) }.joined(separator: ", ") + "]")
        case .list(let items, _):
            write("[")
            for (i, item) in items.enumerated() {
                try writeElement(item)
                if i != items.count - 1 { write(", ") }
            }
            write("]")
        case .map(let entries, _):
            try writeMap([], entries.dictionary, inline: true)
        case .object(let o):
            if let t = o as? GoTime {
                write(Self.formatTime(t))
            } else {
                try writeElement(Self.objectValue(o))
            }
        case .function:
            throw .encoding("unexpected type: func")
        }
    }

    static func formatTime(_ t: GoTime) -> String {
        // BurntSushi marks TOML's local date/time kinds with these zone names.
        switch t.zone {
        case "datetime-local": return t.utc.format("2006-01-02T15:04:05.999999999")
        case "date-local": return t.utc.format("2006-01-02")
        case "time-local": return t.utc.format("15:04:05.999999999")
        default: return t.format(GoTimeLayout.rfc3339Nano)
        }
    }

    static func formatFloat(_ f: Double) -> String {
        if f.isNaN { return f.sign == .minus ? "-nan" : "nan" }
        if f.isInfinite { return f < 0 ? "-inf" : "inf" }
        let s = GoFloat.format(f, "g")
        if s.utf8.contains(UInt8(ascii: ".")) || s.utf8.contains(UInt8(ascii: "e")) { return s }
        return s + ".0"
    }

    /// A basic string: `"` `\` escaped, `\b \t \n \f \r` short forms, other control
    /// characters and DEL as `\u00XX`; everything else as is.
    static func quoted(_ s: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(s.utf8.count + 2)
        let hex = Array("0123456789abcdef".utf8)
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), c]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), c]
            case 0x08: out += Array("\\b".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0..<0x20, 0x7F:
                out += Array("\\u00".utf8)
                out += [hex[Int(c >> 4)], hex[Int(c & 15)]]
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// Bare keys are `A-Za-z0-9_-` and non-empty; all others are quoted.
    static func quoteKey(_ k: String) -> String {
        let bare = !k.isEmpty && k.utf8.allSatisfy { c in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
        return bare ? k : quoted(k)
    }
}
