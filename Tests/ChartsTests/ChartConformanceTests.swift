import Charts
import Foundation
import Values
import XCTest

/// Renders every chart and value set of `../shared/conformance/charts/` and compares with
/// Helm's goldens the way `compare.py` does: the error/no-error outcome must match, the
/// set of files must be the golden's, and every deterministic file byte-identical.
final class ChartConformanceTests: XCTestCase {
    struct Outcome {
        let id: String
        let passed: Bool
        let detail: String
    }

    /// The floor this suite holds (issue 4 asks 95%; 260 of 261 pass, the one left needs
    /// Go strings that carry invalid UTF-8).
    static let floor = 0.99

    static func runCorpus() throws -> [Outcome] {
        let root = ConformanceFolder.url.appendingPathComponent("charts")
        let fm = FileManager.default
        var outcomes: [Outcome] = []
        for chartID in try fm.contentsOfDirectory(atPath: root.path).sorted() {
            let dir = root.appendingPathComponent(chartID)
            let valuesDir = dir.appendingPathComponent("values")
            guard fm.fileExists(atPath: valuesDir.path) else { continue }
            for file in try fm.contentsOfDirectory(atPath: valuesDir.path).sorted() where file.hasSuffix(".yaml") {
                let set = String(file.dropLast(5))
                let golden = try JSON.decodeObject(
                    String(contentsOf: dir.appendingPathComponent("golden/\(set).json"), encoding: .utf8))
                let outcome = render(chart: dir.appendingPathComponent("chart").path,
                                     values: valuesDir.appendingPathComponent(file).path)
                outcomes.append(compare(id: "\(chartID)/\(set)", outcome, golden))
            }
        }
        return outcomes
    }

    static func render(chart: String, values: String) -> Result<[String: String], Error> {
        Result {
            let loaded = try ChartLoader.load(path: chart)
            let user = try ValuesFile.load(String(contentsOfFile: values, encoding: .utf8), name: values)
            let options = RenderOptions(release: ReleaseInfo(name: "rel", namespace: "ns"))
            return try ChartRenderer(options: options).render(loaded, values: user)
        }
    }

    static func compare(id: String, _ outcome: Result<[String: String], Error>, _ golden: [String: Value]) -> Outcome {
        switch (outcome, golden["error"]) {
        case (.failure, .some):
            return Outcome(id: id, passed: true, detail: "")
        case (.failure(let e), nil):
            return Outcome(id: id, passed: false, detail: "error where Helm rendered: \(e)")
        case (.success, .some(let e)):
            return Outcome(id: id, passed: false, detail: "rendered where Helm failed: \(e)")
        case (.success(let files), nil):
            let expected = golden["files"]?.mapValue ?? [:]
            let skip = Set((golden["nondeterministic"]?.listValue ?? []).compactMap(\.stringValue))
            if Set(files.keys) != Set(expected.keys) {
                let missing = Set(expected.keys).subtracting(files.keys).sorted().prefix(3)
                let extra = Set(files.keys).subtracting(expected.keys).sorted().prefix(3)
                return Outcome(id: id, passed: false, detail: "files differ: missing \(Array(missing)) extra \(Array(extra))")
            }
            for key in expected.keys.sorted() where !skip.contains(key) {
                let want = expected[key]?.stringValue ?? ""
                let got = files[key] ?? ""
                if want != got {
                    return Outcome(id: id, passed: false, detail: "\(key): \(firstDifference(want, got))")
                }
            }
            return Outcome(id: id, passed: true, detail: "")
        }
    }

    static func firstDifference(_ want: String, _ got: String) -> String {
        let a = want.split(separator: "\n", omittingEmptySubsequences: false)
        let b = got.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : "<end>"
            let y = i < b.count ? String(b[i]) : "<end>"
            if x != y { return "line \(i + 1): want \(x.prefix(100)) got \(y.prefix(100))" }
        }
        return "differs"
    }

    func testCorpusChartsRenderAsHelmDoes() throws {
        let outcomes = try Self.runCorpus()
        XCTAssertGreaterThan(outcomes.count, 100, "the corpus should hold well over a hundred value sets")
        let passed = outcomes.filter(\.passed).count
        for o in outcomes where !o.passed { print("FAIL \(o.id): \(o.detail.prefix(300))") }
        let rate = Double(passed) / Double(outcomes.count)
        print("charts: \(passed)/\(outcomes.count) value sets = \(String(format: "%.1f", rate * 100))%")
        XCTAssertGreaterThanOrEqual(rate, Self.floor)
    }
}
