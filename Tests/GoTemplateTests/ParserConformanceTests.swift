import Foundation
import XCTest

@testable import GoTemplate

/// Parses every template of the shared conformance table (and its `helpers`) the way
/// Helm does — the case as `testchart/templates/case.yaml`, then the helpers as
/// `testchart/templates/_helpers.tpl` — and checks the parse against Helm's answer:
/// where Helm reports `parse error at (FILE:LINE): MESSAGE` we must fail in that file,
/// on that line, with a message ending in MESSAGE (Helm keeps only what follows the
/// last `": "`); everywhere else we must parse, and the tree's `description` (Go's
/// `String()`) must parse back to itself.
final class ParserConformanceTests: XCTestCase {
    struct Case: Decodable {
        var id: String
        var template: String
        var helpers: String?
        var expectError: String?
        var helmError: String?
    }

    static var casesPath: String {
        if let dir = ProcessInfo.processInfo.environment["RUDDER_CONFORMANCE_DIR"] {
            return dir + "/template-cases/cases.jsonl"
        }
        // The nearest `shared/conformance` above the repository (worktrees sit deeper).
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("shared/conformance/template-cases/cases.jsonl").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "/work/shared/conformance/template-cases/cases.jsonl"
    }

    static func loadCases() throws -> [Case] {
        let text = try String(contentsOfFile: casesPath, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    static let helpersFile = "testchart/templates/_helpers.tpl"

    /// `(file, line, message)` of a Helm parse error.
    static func helmParseError(_ helmError: String?) -> (String, Int, String)? {
        guard let h = helmError, h.hasPrefix("parse error at ("), let close = h.range(of: "): ") else { return nil }
        let location = h[h.index(h.startIndex, offsetBy: "parse error at (".count)..<close.lowerBound]
        guard let colon = location.lastIndex(of: ":"), let line = Int(location[location.index(after: colon)...])
        else { return nil }
        return (String(location[..<colon]), line, String(h[close.upperBound...]))
    }

    func parseCase(_ c: Case) throws -> [[String: Tree]] {
        var sets = [try parse(c.template)]
        if let helpers = c.helpers { sets.append(try parse(helpers, name: Self.helpersFile)) }
        return sets
    }

    func check(_ c: Case) -> String? {
        if let (file, line, message) = Self.helmParseError(c.helmError) {
            do {
                _ = try parseCase(c)
                return "\(c.id): parsed, but Helm says \(c.helmError ?? "")"
            } catch let TemplateError.parse(name, gotLine, gotMessage) {
                let expect = c.expectError ?? message
                if name != file || gotLine != line || !gotMessage.hasSuffix(message) || !gotMessage.contains(expect) {
                    return "\(c.id): got \(name):\(gotLine): \(gotMessage)\n    want \(file):\(line): …\(message)"
                }
                return nil
            } catch {
                return "\(c.id): \(error)"
            }
        }
        do {
            for set in try parseCase(c) {
                for (name, tree) in set {
                    let printed = tree.root.description
                    let reparsed = try parse(printed, name: name)[name]?.root.description
                    if reparsed != printed {
                        return "\(c.id): \(name) prints \(printed.debugDescription), which reparses as \(String(describing: reparsed))"
                    }
                }
            }
        } catch {
            return "\(c.id): \(error) for \(c.template.debugDescription)"
        }
        return nil
    }

    func testParseErrorCasesFailWithHelmsMessageAndLine() throws {
        let cases = try Self.loadCases().filter { $0.id.hasPrefix("parse-error/") }
        XCTAssertEqual(cases.count, 37)
        let failures = cases.compactMap(check)
        XCTAssertEqual(failures, [])
    }

    func testParseErrorCasesThatHelmReportsAtExecutionParseCleanly() throws {
        let cases = try Self.loadCases().filter {
            $0.id.hasPrefix("parse-error/") && Self.helmParseError($0.helmError) == nil
        }
        XCTAssertGreaterThan(cases.count, 5)
        for c in cases { XCTAssertNoThrow(try parseCase(c), c.id) }
    }

    func testParserCategoriesAgreeWithHelm() throws {
        let categories = ["trim/", "comment/", "literal/", "text/", "pipeline/", "variable/", "define/"]
        let cases = try Self.loadCases().filter { c in categories.contains { c.id.hasPrefix($0) } }
        XCTAssertGreaterThan(cases.count, 250)
        let failures = cases.compactMap(check)
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }

    func testEveryCaseAgreesWithHelmOnParsing() throws {
        let cases = try Self.loadCases()
        XCTAssertGreaterThan(cases.count, 4000)
        let failures = cases.compactMap(check)
        XCTAssertEqual(failures, [], failures.prefix(40).joined(separator: "\n"))
    }
}
