import GoTemplate
import Sprig
import Values

/// One node of the error tree santhosh-tekuri/jsonschema v6 builds while validating
/// (its `ValidationError`): where in the values it happened, what failed, and the
/// failures that explain it (the branches of an `anyOf`, the errors behind a `$ref`…).
///
/// Helm prints `err.Error()` of that tree: one `- at '<pointer>': <message>` line per
/// node, each level of causes indented two more spaces; a `$ref` with exactly one cause
/// is not printed (its cause takes its place), and the root's group is dissolved into
/// its causes.
struct ValuesSchemaFailure: Sendable {
    enum Role: Sendable { case plain, group, reference }

    var location: [String]
    var message: String
    var role: Role = .plain
    var causes: [ValuesSchemaFailure] = []

    /// v6 `(*ValidationError).skip`: a reference with one cause shows only the cause.
    var isSkipped: Bool { role == .reference && causes.count == 1 }

    /// The lines v6's `display` writes for this node at `indent` (0 = a top-level "- ").
    func render(indent: Int, into out: inout [String]) {
        var next = indent
        if !isSkipped {
            let pad = String(repeating: "  ", count: indent)
            out.append(pad + "- at " + ValuesSchemaText.quote(ValuesSchemaText.pointer(location)) + ": " + message)
            next = indent + 1
        }
        for cause in causes { cause.render(indent: next, into: &out) }
    }

    /// The causes v6 puts under the root "jsonschema validation failed" node: a group's
    /// causes, or the failure itself.
    var topLevel: [ValuesSchemaFailure] { role == .group ? causes : [self] }
}

/// The texts v6 prints: its `quote`, JSON pointers, and numbers as
/// `golang.org/x/text/message` prints them for English (v6 formats every message with
/// `message.NewPrinter(language.English)`, which groups digits: "minimum: got 1,000,
/// want 2,000.5", and writes exponents as "1.5×10³⁰⁰").
enum ValuesSchemaText {
    /// v6 `quote`: Go's `%q`, then `\"` back to `"` and `'` escaped, in single quotes.
    /// (`%q` never leaves a bare `"` or escapes `'`, so both rewrites are exact.)
    static func quote(_ s: String) -> String {
        let q = String(GoStrconv.quote(s).dropFirst().dropLast())
        return "'" + GoStrings.replaceAll(GoStrings.replaceAll(q, "\\\"", "\""), "'", "\\'") + "'"
    }

    /// A JSON pointer (RFC 6901) of instance tokens.
    static func pointer(_ tokens: [String]) -> String {
        var out = ""
        for token in tokens {
            out += "/"
            for ch in token {
                switch ch {
                case "~": out += "~0"
                case "/": out += "~1"
                default: out.append(ch)
                }
            }
        }
        return out
    }

    /// `%d` through the English printer: digits grouped by three.
    static func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        return (n < 0 ? "-" : "") + group(Substring(digits))
    }

    /// `%v` of a float64 through the English printer: Go's shortest `%g`, with the
    /// integer part grouped and an exponent written as `×10` and superscript digits.
    static func number(_ f: Double) -> String {
        let g = GoFloat.format(f, "g")
        var negative = false
        var body = Substring(g)
        if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        }
        var exponent: Substring?
        if let e = body.firstIndex(of: "e") {
            exponent = body[body.index(after: e)...]
            body = body[..<e]
        }
        var out = negative ? "-" : ""
        if let dot = body.firstIndex(of: ".") {
            out += group(body[..<dot]) + body[dot...]
        } else {
            out += group(body)
        }
        if let exponent {
            out += "×10"
            for ch in exponent {
                switch ch {
                case "-": out += "⁻"
                case "+": break
                default: out += superscripts[Int((ch.asciiValue ?? 48) - 48) % 10]
                }
            }
        }
        return out
    }

    private static let superscripts = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    private static func group(_ digits: Substring) -> String {
        guard digits.count > 3 else { return String(digits) }
        var out = ""
        let chars = Array(digits)
        for (i, c) in chars.enumerated() {
            if i > 0 && (chars.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// v6 `display` of an enum or const member (with plain `fmt`, so no grouping):
    /// strings quoted, schema numbers as their JSON literal, nil as `<nil>`.
    static func display(_ v: Value) -> String {
        switch v {
        case .string(let s): return quote(s)
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .float(let f): return (try? JSON.encode(.float(f))) ?? GoFloat.format(f, "g")
        case .int(let i, _): return String(i)
        case .list, .map: return "value"
        default: return "value"
        }
    }
}
