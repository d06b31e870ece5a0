import Foundation
import XCTest

@testable import Values

/// Runs the shared conformance cases (`json/`, `toml/`) whose templates have a simple
/// shape — `{{ F .Values.x }}`, `{{ .Values.x | F }}`, `{{ F .Values.x | G }}` with F, G
/// among Helm's JSON/TOML converters — through a tiny test-side interpreter that
/// mirrors how Helm and Sprig wrap `encoding/json` and BurntSushi/toml.
enum ConverterCases {
    /// `$RUDDER_CONFORMANCE_DIR`, or `../shared/conformance` beside the repository.
    static var casesPath: String {
        if let dir = ProcessInfo.processInfo.environment["RUDDER_CONFORMANCE_DIR"] {
            return dir + "/template-cases/cases.jsonl"
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        // Worktrees live in /work/wt/NAME; the shared folder is /work/shared.
        for base in [repo.deletingLastPathComponent(), repo.deletingLastPathComponent().deletingLastPathComponent()] {
            let path = base.appendingPathComponent("shared/conformance/template-cases/cases.jsonl").path
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return "/work/shared/conformance/template-cases/cases.jsonl"
    }

    struct Outcome {
        var passed = 0
        var total = 0
        var failures: [String] = []
    }

    enum Result: Equatable {
        case output(String)
        case error(String)
    }

    /// One Helm/Sprig converter applied to a value, as the template engine would call it.
    static func apply(_ name: String, _ v: Value) -> Result? {
        func call(_ body: () throws -> String) -> Result {
            do { return .output(try body()) } catch { return .error("error calling \(name): \(error)") }
        }
        switch name {
        case "toJson": return .output((try? JSON.encode(v)) ?? "")
        case "mustToJson": return call { try JSON.encode(v) }
        case "toRawJson", "mustToRawJson": return call { try JSON.encode(v, escapeHTML: false) }
        case "toPrettyJson": return .output((try? JSON.encodeIndented(v)) ?? "")
        case "mustToPrettyJson": return call { try JSON.encodeIndented(v) }
        case "toToml", "mustToToml":
            do { return .output(try TOML.encode(v)) } catch let e as TOMLEncodeError {
                if case .panic = e { return .error("error calling \(name): \(e)") }
                return .output(e.description)
            } catch { return .error("\(error)") }
        default: return nil
        }
    }

    /// A decoding function; its result as a value for the next stage.
    static func decode(_ name: String, _ text: String) -> Swift.Result<Value, Error>? {
        switch name {
        case "fromJson":
            let (entries, error) = JSON.unmarshalObject(text)
            guard var m = entries else { return .success(.null) }  // nil map: toJson gives null
            if let error { m["Error"] = .string(error.description) }
            return .success(.map(m))
        case "fromJsonArray":
            let (items, error) = JSON.unmarshalArray(text)
            if let error { return .success(.list([.string(error.description)])) }
            guard let items else { return .success(.null) }
            return .success(.list(items))
        case "mustFromJson":
            do { return .success(try JSON.decode(text)) } catch { return .failure(error) }
        case "fromToml":
            do { return .success(try TOML.decode(text)) } catch {
                return .success(.map(["Error": .string("\(error)")]))
            }
        default: return nil
        }
    }

    /// The case's result, or nil when its template is not of a simple shape.
    static func run(template: String, values: Value) -> Result? {
        guard template.hasPrefix("{{ "), template.hasSuffix(" }}") else { return nil }
        let body = template.dropFirst(3).dropLast(3)
        var stages = body.components(separatedBy: " | ").map { $0.split(separator: " ").map(String.init) }
        // `{{ .Values.x | F }}` is `{{ F .Values.x }}`.
        if stages.count == 2, stages[0].count == 1, stages[1].count == 1 {
            stages = [[stages[1][0], stages[0][0]]]
        }
        guard let first = stages.first, first.count == 2, first[1].hasPrefix(".Values.") else { return nil }
        let key = String(first[1].dropFirst(".Values.".count))
        guard !key.contains("."), let entries = values.mapValue else { return nil }
        let input = entries[key] ?? .null
        if stages.count == 1 { return apply(first[0], input) }
        guard stages.count == 2, stages[1].count == 1, let text = input.stringValue,
            let decoded = decode(first[0], text)
        else { return nil }
        switch decoded {
        case .success(let v): return apply(stages[1][0], v)
        case .failure(let e): return .error("error calling \(first[0]): \(e)")
        }
    }

    static func runAll(prefix: String) throws -> Outcome {
        let text = try String(contentsOfFile: casesPath, encoding: .utf8)
        var outcome = Outcome()
        for line in text.split(separator: "\n") where line.hasPrefix("{\"id\": \"" + prefix) {
            guard case .map(let c, _) = try JSON.decode(String(line)),
                let id = c["id"]?.stringValue, let template = c["template"]?.stringValue
            else { continue }
            guard let got = run(template: template, values: c["values"] ?? .map([:])) else { continue }
            outcome.total += 1
            if let expect = c["expect"]?.stringValue {
                if got == .output(expect) { outcome.passed += 1; continue }
            } else if let expectError = c["expectError"]?.stringValue {
                if case .error(let e) = got, e.contains(expectError) { outcome.passed += 1; continue }
            }
            let wanted = c["expect"]?.stringValue.map { "output \($0.debugDescription)" }
                ?? "error \(c["expectError"]?.stringValue ?? "")"
            outcome.failures.append("\(id): \(template)\n  want \(wanted)\n  got  \(got)")
        }
        return outcome
    }
}

final class JSONConformanceTests: XCTestCase {
    func testSimpleJSONCasesMatchHelm() throws {
        let outcome = try ConverterCases.runAll(prefix: "json/")
        print("json/ simple-shape cases: \(outcome.passed)/\(outcome.total) passed")
        for f in outcome.failures { print(f) }
        XCTAssertGreaterThan(outcome.total, 100)
        XCTAssertEqual(outcome.failures, [])
    }
}
