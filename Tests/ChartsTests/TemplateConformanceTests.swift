import Charts
import Foundation
import Values
import XCTest

/// Runs the shared template-case table (real Helm's outputs) through the renderer and
/// holds the pass rate of each group of categories to its floor.
final class TemplateConformanceTests: XCTestCase {
    /// The categories of the template language, fmt and value encodings (issue 2).
    static let languageCategories: Set<String> = [
        "text", "literal", "trim", "comment", "pipeline", "variable", "range", "with", "if", "truthiness",
        "andor", "compare", "slice", "field", "missing", "define", "parse-error", "number", "yaml", "json",
    ]

    static func isLanguageCategory(_ c: String) -> Bool {
        languageCategories.contains(c) || c.hasPrefix("builtin-") || c.hasPrefix("fmt-")
    }

    struct Verdict {
        let id: String
        let category: String
        let passed: Bool
        let got: String
    }

    static func run(_ cases: [TemplateCase]) -> [Verdict] {
        cases.map { c in
            let answer = (try? JSON.decodeObject(TemplateCaseRenderer.answer(c.json))) ?? [:]
            let output = answer["output"]?.stringValue
            let error = answer["error"]?.stringValue
            let passed: Bool
            if let expect = c.expect {
                passed = output == expect
            } else {
                passed = error.map { $0.contains(c.expectError ?? "") } ?? false
            }
            return Verdict(id: c.id, category: c.category, passed: passed, got: output ?? ("error: " + (error ?? "")))
        }
    }

    static func report(_ verdicts: [Verdict]) -> String {
        var byCategory: [String: (pass: Int, fail: Int)] = [:]
        for v in verdicts {
            var e = byCategory[v.category, default: (0, 0)]
            if v.passed { e.pass += 1 } else { e.fail += 1 }
            byCategory[v.category] = e
        }
        var lines = ["category              pass  fail"]
        for (k, v) in byCategory.sorted(by: { $0.key < $1.key }) {
            lines.append(k.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%6d %5d", v.pass, v.fail))
        }
        return lines.joined(separator: "\n")
    }

    /// The table is rendered once and shared by the assertions below.
    nonisolated(unsafe) static var cachedVerdicts: [Verdict]?

    static func verdicts() throws -> [Verdict] {
        if let cachedVerdicts { return cachedVerdicts }
        let all = try TemplateCase.loadAll()
        let verdicts = run(all)
        print(report(verdicts))
        print("whole table: \(verdicts.filter(\.passed).count)/\(verdicts.count)")
        for v in verdicts where !v.passed { print("FAIL \(v.id): \(v.got.prefix(160))") }
        cachedVerdicts = verdicts
        return verdicts
    }

    func testTheSharedTableIsThere() throws {
        XCTAssertGreaterThan(try Self.verdicts().count, 4000, "the shared table should hold thousands of cases")
    }

    func testTemplateLanguageCategoriesPassAtLeast99Percent() throws {
        let language = try Self.verdicts().filter { Self.isLanguageCategory($0.category) }
        let passed = language.filter(\.passed).count
        let rate = Double(passed) / Double(language.count)
        print("template language: \(passed)/\(language.count) = \(String(format: "%.2f", rate * 100))%")
        XCTAssertGreaterThanOrEqual(rate, 0.99, "template-language categories must pass at 99% or better")
    }

    /// Every function a chart can call (Sprig's and Helm's), across the whole table.
    func testWholeTablePassesAtLeast99Point5Percent() throws {
        let all = try Self.verdicts()
        let passed = all.filter(\.passed).count
        let rate = Double(passed) / Double(all.count)
        print("whole table: \(passed)/\(all.count) = \(String(format: "%.2f", rate * 100))%")
        XCTAssertGreaterThanOrEqual(rate, 0.995, "the whole template table must pass at 99.5% or better")
    }
}
