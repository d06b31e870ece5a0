import Values

extension JSONValue {
    /// Compact JSON as the API server writes it: object keys in byte order (Go maps),
    /// `<`, `>`, `&`, U+2028 and U+2029 escaped as `encoding/json` does, floats in Go's
    /// shortest form.
    public func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same text as bytes, for HTTP bodies.
    public func serializedBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return out
    }

    public func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let v): out.append(contentsOf: Array((v ? "true" : "false").utf8))
        case .int(let i): out.append(contentsOf: Array(String(i).utf8))
        case .double(let d): out.append(contentsOf: Array(Self.goFloat(d).utf8))
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var first = true
            for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// encoding/json's float format: `'f'` unless the exponent is < -6 or >= 21, then
    /// `'e'` with a one-digit exponent kept short (`1e-07` → `1e-7`).
    static func goFloat(_ d: Double) -> String {
        let a = abs(d)
        if a != 0, a < 1e-6 || a >= 1e21 {
            var s = GoFloat.format(d, "e", precision: -1)
            if let e = s.firstIndex(of: "e") {
                let exp = s[s.index(after: e)...]
                if exp.count == 3, exp.hasPrefix("-0") {
                    s = String(s[...e]) + String(exp.first!) + String(exp.dropFirst(2))
                }
            }
            return s
        }
        return GoFloat.format(d, "f", precision: -1)
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        var utf8 = s.utf8.makeIterator()
        var pending: [UInt8] = []
        while let c = utf8.next() {
            switch c {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
            case 0xE2:
                // U+2028 / U+2029 (E2 80 A8 / E2 80 A9) break JavaScript: Go escapes them.
                pending = [c]
                if let c2 = utf8.next() {
                    pending.append(c2)
                    if let c3 = utf8.next() {
                        pending.append(c3)
                        if c2 == 0x80, c3 == 0xA8 || c3 == 0xA9 {
                            out.append(contentsOf: Array("\\u202".utf8))
                            out.append(c3 == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                            continue
                        }
                    }
                }
                out.append(contentsOf: pending)
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
