import Values

/// The escapers behind the `html`, `js` and `urlquery` builtins, byte for byte as Go's
/// `template.HTMLEscapeString`, `JSEscapeString` and `url.QueryEscape`.
enum Escaping {
    /// Go's `evalArgs`: one string argument as is, anything else through `fmt.Sprint`,
    /// with nil printed as `<no value>`.
    static func evalArgs(_ args: [Value]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        if args.contains(where: \.isNull) {
            let printable = args.map { $0.isNull ? Value.string("<no value>") : $0 }
            return GoFmt.sprint(printable)
        }
        return GoFmt.sprint(args)
    }

    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    private static let hex: [Character] = Array("0123456789ABCDEF")

    static func js(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if u.value < 0x20 {
                    out += "\\u00"
                    out.append(hex[Int(u.value >> 4)])
                    out.append(hex[Int(u.value & 0xF)])
                } else if u.value < 0x80 || GoUnicode.isPrint(u) {
                    out.unicodeScalars.append(u)
                } else {
                    var h = String(u.value, radix: 16, uppercase: true)
                    while h.count < 4 { h = "0" + h }
                    out += "\\u" + h
                }
            }
        }
        return out
    }


    static func queryEscape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += "%"
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }
}
