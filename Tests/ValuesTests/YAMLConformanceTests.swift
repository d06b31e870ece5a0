import Foundation
import XCTest

@testable import Values

/// Runs the shared conformance cases (`yaml/`, `values-yaml/`, `json/`) whose templates
/// are simple pipelines over `toYaml`, `toYamlPretty`, `fromYaml`, `toJson`… that a tiny
/// interpreter here can evaluate without a template engine, and checks Helm's output.
final class YAMLConformanceTests: XCTestCase {
    func testSharedYAMLCasesInterpretableWithoutTemplateEngineAllPass() throws {
        guard let url = YAMLCaseTable.location() else {
            return XCTFail("the shared conformance cases were not found (set RUDDER_CONFORMANCE_DIR)")
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        var tried = 0
        var passed = 0
        var failures: [String] = []
        for line in lines {
            let c = try JSONDecoder().decode(YAMLCaseTable.Case.self, from: Data(line.utf8))
            let category = c.id.split(separator: "/").first.map(String.init) ?? ""
            guard ["yaml", "values-yaml", "json"].contains(category) else { continue }
            guard let outcome = YAMLMiniTemplate.run(c) else { continue }
            tried += 1
            switch (outcome, c.expect, c.expectError) {
            case (.output(let got), let want?, _) where got == want:
                passed += 1
            case (.error(let got), _, let want?) where got.contains(want):
                passed += 1
            default:
                failures.append("\(c.id): got \(outcome) want \(c.expect.map { "output \($0.debugDescription)" } ?? "error \(c.expectError ?? "")")")
            }
        }
        print("YAML conformance subset: \(passed)/\(tried) passed")
        for f in failures { print("  FAIL " + f) }
        XCTAssertGreaterThan(tried, 300)
        XCTAssertEqual(failures.count, 0, failures.prefix(20).joined(separator: "\n"))
    }
}

enum YAMLCaseTable {
    struct Case: Decodable {
        var id: String
        var template: String
        var values: YAMLCaseJSON?
        var valuesYaml: String?
        var expect: String?
        var expectError: String?
    }

    /// `../shared/conformance` from the repository root, or two levels up from a worktree.
    static func location() -> URL? {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        for up in ["../shared", "../../shared"] {
            let u = root.appendingPathComponent(up).appendingPathComponent("conformance/template-cases/cases.jsonl")
            if FileManager.default.fileExists(atPath: u.path) { return u }
        }
        return nil
    }
}

/// A JSON document as Helm reads `values` (numbers are float64).
struct YAMLCaseJSON: Decodable {
    var value: Value
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            value = .null
        } else if let b = try? c.decode(Bool.self) {
            value = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            value = .float(d)
        } else if let s = try? c.decode(String.self) {
            value = .string(s)
        } else if let a = try? c.decode([YAMLCaseJSON].self) {
            value = .list(a.map(\.value))
        } else {
            value = .map(try c.decode([String: YAMLCaseJSON].self).mapValues(\.value))
        }
    }
}

/// Evaluates templates made only of actions like `{{ fromYaml .Values.y | toJson }}`;
/// returns nil for anything else.
enum YAMLMiniTemplate {
    enum Outcome: CustomStringConvertible {
        case output(String)
        case error(String)
        var description: String {
            switch self {
            case .output(let s): return "output \(s.debugDescription)"
            case .error(let s): return "error \(s)"
            }
        }
    }

    struct Unsupported: Error {}
    struct Failure: Error { var message: String }

    static func run(_ c: YAMLCaseTable.Case) -> Outcome? {
        var values = c.values?.value ?? .map([:])
        if let y = c.valuesYaml {
            guard case .map(let m, _) = values, m.isEmpty else { return nil }
            // Helm reads each `---` document of values.yaml on its own and merges them;
            // coalescing then drops null entries of maps (charts' job, mimicked here).
            var merged: [String: Value] = [:]
            do {
                for doc in y.components(separatedBy: "\n---\n") {
                    merged = deepMerge(merged, try YAML.decodeMap(doc))
                }
            } catch {
                return .error("cannot load values.yaml: cannot unmarshal yaml document: \(error)")
            }
            values = dropNulls(.map(merged))
        }
        var out = ""
        var rest = Substring(c.template)
        do {
            while let open = rest.range(of: "{{") {
                out += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "}}") else { return nil }
                let action = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                guard !action.hasPrefix("-"), !action.hasSuffix("-") else { return nil }
                out += try print(try pipeline(action, values: values))
                rest = rest[close.upperBound...]
            }
            out += rest
        } catch is Unsupported {
            return nil
        } catch let f as Failure {
            return .error(f.message)
        } catch {
            return nil
        }
        return .output(out)
    }

    private static func deepMerge(_ a: [String: Value], _ b: [String: Value]) -> [String: Value] {
        var out = a
        for (k, v) in b {
            if case .map(let x, _)? = out[k], case .map(let y, _) = v {
                out[k] = .map(deepMerge(x.dictionary, y.dictionary))
            } else {
                out[k] = v
            }
        }
        return out
    }

    private static func dropNulls(_ v: Value) -> Value {
        guard case .map(let m, _) = v else { return v }
        return .map(m.filter { !$0.value.isNull }.mapValues(dropNulls))
    }

    private static func pipeline(_ text: String, values: Value) throws -> Value {
        var current: Value?
        for command in text.split(separator: "|") {
            var words = tokens(command.trimmingCharacters(in: .whitespaces))
            guard !words.isEmpty else { throw Unsupported() }
            if words.count == 1 && current == nil {
                current = try operand(words[0], values: values)
                continue
            }
            let name = words.removeFirst()
            var args = try words.map { try operand($0, values: values) }
            if let current { args.append(current) }
            current = try call(name, args)
        }
        guard let current else { throw Unsupported() }
        return current
    }

    private static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var depth = 0
        var inString = false
        for ch in s {
            if inString {
                cur.append(ch)
                if ch == "\"" { inString = false }
                continue
            }
            switch ch {
            case "\"": inString = true; cur.append(ch)
            case "(": depth += 1; cur.append(ch)
            case ")": depth -= 1; cur.append(ch)
            case " " where depth == 0:
                if !cur.isEmpty { out.append(cur) }
                cur = ""
            default: cur.append(ch)
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    private static func operand(_ w: String, values: Value) throws -> Value {
        if w == ".Values" { return values }
        if w.hasPrefix(".Values.") {
            var v = values
            for part in w.dropFirst(8).split(separator: ".") {
                guard case .map(let m, _) = v else { return .null }
                v = m[String(part)] ?? .null
            }
            return v
        }
        if w.hasPrefix("(") && w.hasSuffix(")") {
            return try pipeline(String(w.dropFirst().dropLast()), values: values)
        }
        if w == "nil" { return .null }
        if w.hasPrefix("\"") && w.hasSuffix("\"") && !w.contains("\\") {
            return .string(String(w.dropFirst().dropLast()))
        }
        throw Unsupported()
    }

    private static func call(_ name: String, _ args: [Value]) throws -> Value {
        switch (name, args.count) {
        case ("toYaml", 1):
            guard let s = try? YAML.encode(args[0]) else { return .string("") }
            return .string(trimNewline(s))
        case ("mustToYaml", 1):
            do {
                return .string(trimNewline(try YAML.encode(args[0])))
            } catch {
                throw Failure(message: "error calling mustToYaml: \(error)")
            }
        case ("toYamlPretty", 1):
            guard let s = try? YAML.encodePretty(args[0]) else { return .string("") }
            return .string(trimNewline(s))
        case ("fromYaml", 1):
            guard case .string(let s) = args[0] else { throw Unsupported() }
            do {
                return .map(try YAML.decodeMap(s))
            } catch {
                return .map(["Error": .string("\(error)")])
            }
        case ("fromYamlArray", 1):
            guard case .string(let s) = args[0] else { throw Unsupported() }
            do {
                return .list(try YAML.decodeList(s))
            } catch {
                return .list([.string("\(error)")])
            }
        case ("toJson", 1):
            return .string((try? YAMLTestJSON.marshal(args[0])) ?? "")
        case ("typeOf", 1):
            return .string(args[0].typeName)
        case ("dict", 2):
            guard case .string(let k) = args[0] else { throw Unsupported() }
            return .map([k: args[1]])
        default:
            throw Unsupported()
        }
    }

    private static func trimNewline(_ s: String) -> String {
        s.hasSuffix("\n") ? String(s.dropLast()) : s
    }

    /// Go's `%v` for the values these pipelines produce.
    static func print(_ v: Value) throws -> String {
        switch v {
        case .null: return ""
        case .string(let s): return s
        default: return try verbV(v)
        }
    }

    private static func verbV(_ v: Value) throws -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .float(let d): return GoFloat.format(d, "g")
        case .int(let i, _): return String(i)
        case .string(let s): return s
        case .list(let l, _): return "[" + (try l.map(verbV)).joined(separator: " ") + "]"
        case .map(let m, _):
            return "map[" + (try m.keys.sorted().map { "\($0):\(try verbV(m[$0]!))" }).joined(separator: " ") + "]"
        default: throw Unsupported()
        }
    }
}

/// Go's `json.Marshal` for plain values (keys sorted, `<>&` escaped).
enum YAMLTestJSON {
    struct Unsupported: Error {}

    static func marshal(_ v: Value) throws -> String {
        var out = ""
        try write(v, &out)
        return out
    }

    private static func write(_ v: Value, _ out: inout String) throws {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i, _): out += String(i)
        case .float(let d):
            guard d.isFinite else { throw Unsupported() }
            let a = d.magnitude
            if a != 0 && (a < 1e-6 || a >= 1e21) {
                var s = GoFloat.format(d, "e")
                if let r = s.range(of: "e-0") { s.replaceSubrange(r, with: "e-") }
                if let r = s.range(of: "e+0") { s.replaceSubrange(r, with: "e+") }
                out += s
            } else {
                out += GoFloat.format(d, "f")
            }
        case .string(let s): quote(s, &out)
        case .list(let l, _):
            out += "["
            for (i, x) in l.enumerated() {
                if i > 0 { out += "," }
                try write(x, &out)
            }
            out += "]"
        case .map(let m, _):
            out += "{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                quote(k, &out)
                out += ":"
                try write(m[k]!, &out)
            }
            out += "}"
        default: throw Unsupported()
        }
    }

    private static func quote(_ s: String, _ out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + String(format: "%04x", u.value)
            default:
                if u.value < 0x20 {
                    out += "\\u" + String(format: "%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
