import Foundation
import XCTest

@testable import GoTemplate
import Values

/// Runs the shared conformance cases of the `fmt-*` and `builtin-print` categories
/// that have the simple shape `{{ printf "FORMAT" ARG… }}` (or `print`/`println`),
/// through a tiny test-side interpreter, since the real template engine lives
/// elsewhere. Arguments may be Go literals, `.Values…` paths, and a few
/// sub-expressions whose Go types are well known (`list`, `dict`, `splitList`,
/// `until`, `int64`, `float64`, `int`, `atoi`, `.Files.GetBytes`, `printf`).
final class FormatConformanceTests: XCTestCase {
    /// `$RUDDER_CONFORMANCE_DIR`, or `../shared/conformance` beside the repository.
    static var casesPath: String {
        if let dir = ProcessInfo.processInfo.environment["RUDDER_CONFORMANCE_DIR"] {
            return dir + "/template-cases/cases.jsonl"
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/conformance/template-cases/cases.jsonl").path
    }
    static let categories = ["fmt-verb/", "fmt-flag/", "fmt-misc/", "builtin-print/"]

    func testSimplePrintfCasesMatchHelm() throws {
        let path = ProcessInfo.processInfo.environment["FMT_CASES"] ?? Self.casesPath
        let all = ProcessInfo.processInfo.environment["FMT_CASES"] != nil
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var passed = 0
        var total = 0
        var skipped = 0
        var failures: [String] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            let c = try JSONDecoder().decode(ConformanceCase.self, from: Data(line.utf8))
            guard all || Self.categories.contains(where: { c.id.hasPrefix($0) }) else { continue }
            guard let expect = c.expect else {
                skipped += 1
                continue
            }
            let interpreter = MiniInterpreter(values: c.values ?? .object([:]), files: c.files ?? [:])
            guard let got = interpreter.render(c.template) else {
                skipped += 1
                continue
            }
            total += 1
            if got == expect {
                passed += 1
            } else {
                failures.append("\(c.id): \(c.template)\n    want \(expect.debugDescription)\n    got  \(got.debugDescription)")
            }
        }
        print("fmt conformance: \(passed)/\(total) passed, \(skipped) skipped (other shapes)")
        for f in failures.prefix(60) { print(f) }
        XCTAssertEqual(failures, [], "\(failures.count) cases differ from Helm")
        XCTAssertGreaterThan(total, 800)
    }
}

struct ConformanceCase: Decodable {
    var id: String
    var template: String
    var values: JSONValue?
    var files: [String: String]?
    var expect: String?
}

/// A JSON value, decoded the way Helm decodes values: numbers are float64.
enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    var value: Value {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return .float(d)
        case .string(let s): return .string(s)
        case .array(let a): return .list(a.map(\.value))
        case .object(let o): return .map(o.mapValues(\.value))
        }
    }
}

/// Evaluates `{{ printf|print|println ARG… }}` with literal-ish arguments; nil for any
/// other shape.
struct MiniInterpreter {
    var values: JSONValue
    var files: [String: String]

    enum Token: Equatable {
        case open, close, word(String), string([UInt8]), char(UInt32)
    }

    func render(_ template: String) -> String? {
        guard template.hasPrefix("{{ "), template.hasSuffix(" }}") else { return nil }
        let inner = Array(template.utf8.dropFirst(3).dropLast(3))
        guard var tokens = tokenize(inner) else { return nil }
        guard let v = call(&tokens, topLevel: true), tokens.isEmpty, case .string(let s) = v else { return nil }
        // Helm removes every "<no value>" from the rendered text.
        return s.replacingOccurrences(of: "<no value>", with: "")
    }

    private func call(_ tokens: inout [Token], topLevel: Bool) -> Value? {
        guard case .word(let name) = tokens.first else { return nil }
        tokens.removeFirst()
        var args: [Value] = []
        while let t = tokens.first, t != .close {
            guard let a = operand(&tokens) else { return nil }
            args.append(a)
        }
        return apply(name, args)
    }

    private func operand(_ tokens: inout [Token]) -> Value? {
        guard let t = tokens.first else { return nil }
        tokens.removeFirst()
        switch t {
        case .open:
            guard let v = call(&tokens, topLevel: false), tokens.first == .close else { return nil }
            tokens.removeFirst()
            return v
        case .close: return nil
        case .string(let b):
            guard let s = String(validating: b, as: UTF8.self) else { return nil }
            return .string(s)
        case .char(let r): return .int(Int(r))
        case .word(let w): return word(w)
        }
    }

    private func word(_ w: String) -> Value? {
        switch w {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "nil": return .null
        default: break
        }
        if w == ".Values" { return valuesRoot }
        if w.hasPrefix(".Values.") {
            var v = values
            for key in w.dropFirst(8).split(separator: ".") {
                guard case .object(let o) = v else { return nil }
                v = o[String(key)] ?? .null
            }
            return v.value
        }
        return number(w)
    }

    private var valuesRoot: Value {
        guard case .object(let o) = values else { return .null }
        return .map(o.mapValues(\.value), type: .named("common.Values", .interfaceMap))
    }

    /// text/template's numbers: ints unless the text has `.eEpP` (and is not hex).
    private func number(_ w: String) -> Value? {
        let text = w.replacingOccurrences(of: "_", with: "")
        let neg = text.hasPrefix("-")
        let body = neg || text.hasPrefix("+") ? String(text.dropFirst()) : text
        let lower = body.lowercased()
        var magnitude: Int64?
        if lower.hasPrefix("0x") {
            magnitude = Int64(lower.dropFirst(2), radix: 16)
        } else if lower.hasPrefix("0o") {
            magnitude = Int64(lower.dropFirst(2), radix: 8)
        } else if lower.hasPrefix("0b") {
            magnitude = Int64(lower.dropFirst(2), radix: 2)
        } else if lower.count > 1 && lower.hasPrefix("0") && lower.allSatisfy(\.isNumber) {
            magnitude = Int64(lower.dropFirst(), radix: 8)
        } else if lower.allSatisfy(\.isNumber) {
            magnitude = Int64(lower)
        }
        if let m = magnitude { return .int(Int(neg ? -m : m)) }
        if lower.hasSuffix("i") { return nil }  // complex: not in the value model
        guard let d = Double(text) else { return nil }
        return .float(d)
    }

    private func apply(_ name: String, _ args: [Value]) -> Value? {
        switch name {
        case "printf":
            guard case .string(let f) = args.first else { return nil }
            return .string(GoFmt.sprintf(f, Array(args.dropFirst())))
        case "print": return .string(GoFmt.sprint(args))
        case "println": return .string(GoFmt.sprintln(args))
        case "list": return .list(args)
        case "dict":
            var m: [String: Value] = [:]
            var i = 0
            while i < args.count {
                guard case .string(let k) = args[i] else { return nil }
                m[k] = i + 1 < args.count ? args[i + 1] : .string("")
                i += 2
            }
            return .map(m)
        case "splitList":
            guard args.count == 2, case .string(let sep) = args[0], case .string(let s) = args[1] else { return nil }
            return .strings(s.components(separatedBy: sep))
        case "until":
            guard args.count == 1, case .int(let n, _) = args[0], n >= 0 else { return nil }
            return .list((0..<Int(n)).map { .int($0) }, type: .intSlice)
        case "int64":
            guard args.count == 1, case .int(let n, _) = args[0] else { return nil }
            return .int64(n)
        case "int", "atoi":
            guard args.count == 1, case .string(let s) = args[0], let n = Int(s) else { return nil }
            return .int(n)
        case "float64":
            guard args.count == 1 else { return nil }
            switch args[0] {
            case .string(let s):
                switch s {
                case "NaN": return .float(.nan)
                case "Inf", "+Inf": return .float(.infinity)
                case "-Inf": return .float(-.infinity)
                default: return Double(s).map { .float($0) }
                }
            case .float(let d): return .float(d)
            case .int(let n, _): return .float(Double(n))
            default: return nil
            }
        case ".Files.GetBytes":
            guard args.count == 1, case .string(let p) = args[0] else { return nil }
            return .bytes(Array((files[p] ?? "").utf8))
        default:
            return nil
        }
    }

    private func tokenize(_ s: [UInt8]) -> [Token]? {
        var out: [Token] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case UInt8(ascii: " "):
                i += 1
            case UInt8(ascii: "("):
                out.append(.open)
                i += 1
            case UInt8(ascii: ")"):
                out.append(.close)
                i += 1
            case UInt8(ascii: "`"):
                guard let j = s[(i + 1)...].firstIndex(of: UInt8(ascii: "`")) else { return nil }
                out.append(.string(Array(s[(i + 1)..<j])))
                i = j + 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let (bytes, next) = unquote(s, from: i + 1, quote: c) else { return nil }
                if c == UInt8(ascii: "'") {
                    guard let str = String(validating: bytes, as: UTF8.self), str.unicodeScalars.count == 1 else {
                        if bytes.count == 1 {
                            out.append(.char(UInt32(bytes[0])))
                            i = next
                            continue
                        }
                        return nil
                    }
                    out.append(.char(str.unicodeScalars.first!.value))
                } else {
                    out.append(.string(bytes))
                }
                i = next
            default:
                var j = i
                while j < s.count && s[j] != UInt8(ascii: " ") && s[j] != UInt8(ascii: ")") && s[j] != UInt8(ascii: "(") {
                    j += 1
                }
                out.append(.word(String(decoding: s[i..<j], as: UTF8.self)))
                i = j
            }
        }
        return out
    }

    /// Go's interpreted string/rune literal escapes.
    private func unquote(_ s: [UInt8], from start: Int, quote: UInt8) -> ([UInt8], Int)? {
        var out: [UInt8] = []
        var i = start
        func hex(_ n: Int) -> UInt32? {
            guard i + n <= s.count, let v = UInt32(String(decoding: s[i..<(i + n)], as: UTF8.self), radix: 16) else {
                return nil
            }
            i += n
            return v
        }
        while i < s.count {
            let c = s[i]
            i += 1
            if c == quote { return (out, i) }
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                continue
            }
            guard i < s.count else { return nil }
            let e = s[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(e)
            case UInt8(ascii: "x"):
                guard let v = hex(2) else { return nil }
                out.append(UInt8(v))
            case UInt8(ascii: "u"):
                guard let v = hex(4) else { return nil }
                appendRune(&out, v)
            case UInt8(ascii: "U"):
                guard let v = hex(8) else { return nil }
                appendRune(&out, v)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard i + 2 <= s.count, let v = UInt8(String(decoding: s[(i - 1)...(i + 1)], as: UTF8.self), radix: 8) else {
                    return nil
                }
                out.append(v)
                i += 2
            default: return nil
            }
        }
        return nil
    }
}
