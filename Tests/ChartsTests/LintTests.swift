import Charts
import Foundation
import Values
import XCTest

/// `rudder lint` finding for finding against Helm v4.2.3's `helm lint`.
final class LintTests: XCTestCase {
    /// Helm's findings as `[SEVERITY] path: text` lines plus its failing errors.
    static let lintScript = """
        import helm_python, json, sys
        req = json.load(sys.stdin)
        out = []
        for case in req:
            vals = helm_python.values_from_yaml(open(case['values']).read()) if case.get('values') else {}
            r = helm_python.lint(case['path'], vals, namespace='default', strict=case.get('strict', False),
                                 kube_version=case.get('kube'))
            sev = ['UNKNOWN', 'INFO', 'WARNING', 'ERROR']
            out.append({'messages': ['[%s] %s: %s' % (sev[m['severity']], m['path'], m['error']) for m in r['messages']],
                        'errors': r['errors'], 'linted': r['total_charts_linted']})
        print(json.dumps(out))
        """

    struct Case {
        var path: String
        var valuesFile: String? = nil
        var strict = false
        var kubeVersion: String? = nil
    }

    /// Helm's answers for many cases in one run of the oracle.
    func helm(_ cases: [Case]) throws -> [(messages: [String], errors: [String], linted: Int)] {
        let input: [[String: Any]] = cases.map { c in
            var d: [String: Any] = ["path": c.path, "strict": c.strict]
            if let v = c.valuesFile { d["values"] = v }
            if let k = c.kubeVersion { d["kube"] = k }
            return d
        }
        let answers = try XCTUnwrap(try HelmOracle.json(Self.lintScript, input: input) as? [[String: Any]])
        return answers.map { a in
            ((a["messages"] as? [String]) ?? [], (a["errors"] as? [String]) ?? [], (a["linted"] as? Int) ?? -1)
        }
    }

    func rudder(_ c: Case) throws -> LintResult {
        var options = LintOptions(strict: c.strict)
        if let v = c.valuesFile { options.values = try ValuesFile.load(try String(contentsOfFile: v, encoding: .utf8), name: v) }
        if let k = c.kubeVersion { options.kubeVersion = KubeVersion(parsing: k) }
        return ChartLint.lint(path: c.path, options: options)
    }

    func fixture(_ name: String) -> String { HelmOracle.fixtures.appendingPathComponent("lint/\(name)").path }

    /// Lints a fixture with rudder and Helm and demands the same findings; returns rudder's.
    @discardableResult
    func assertSameAsHelm(_ c: Case, file: StaticString = #filePath, line: UInt = #line) throws -> LintResult {
        let expected = try helm([c])[0]
        let got = try rudder(c)
        XCTAssertEqual(got.messages.map(\.description), expected.messages, c.path, file: file, line: line)
        XCTAssertEqual(got.errors, expected.errors, c.path, file: file, line: line)
        XCTAssertEqual(got.chartsLinted, expected.linted, c.path, file: file, line: line)
        return got
    }

    func testCorpusChartsLintExactlyAsHelmWithEachValuesSet() throws {
        let charts = ConformanceFolder.url.appendingPathComponent("charts")
        var cases: [Case] = []
        for id in try FileManager.default.contentsOfDirectory(atPath: charts.path).sorted() {
            let valuesDir = charts.appendingPathComponent("\(id)/values")
            guard let sets = try? FileManager.default.contentsOfDirectory(atPath: valuesDir.path) else { continue }
            for set in sets.sorted() where set.hasSuffix(".yaml") {
                cases.append(Case(path: charts.appendingPathComponent("\(id)/chart").path,
                                  valuesFile: valuesDir.appendingPathComponent(set).path))
            }
        }
        XCTAssertGreaterThan(cases.count, 200)
        let expected = try helm(cases)
        var agree = 0
        for (c, e) in zip(cases, expected) {
            let got = try rudder(c)
            if got.messages.map(\.description) == e.messages && got.errors == e.errors {
                agree += 1
            } else {
                XCTFail("\(c.path) with \(c.valuesFile ?? "-"):\n\(got.messages.map(\.description))\nHelm:\n\(e.messages)")
            }
        }
        print("lint corpus agreement: \(agree)/\(cases.count)")
    }

    func testEveryFixtureLintsExactlyAsHelm() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: HelmOracle.fixtures.appendingPathComponent("lint").path).sorted()
        let cases = names.map { Case(path: fixture($0)) }
        let expected = try helm(cases)
        for (c, e) in zip(cases, expected) {
            let got = try rudder(c)
            XCTAssertEqual(got.messages.map(\.description), e.messages, c.path)
            XCTAssertEqual(got.errors, e.errors, c.path)
        }
    }

    func testAChartWithoutIconGetsOnlyTheIconInfo() throws {
        let r = try assertSameAsHelm(Case(path: fixture("good")))
        XCTAssertEqual(r.messages.map(\.description), ["[INFO] Chart.yaml: icon is recommended"])
        XCTAssertTrue(r.errors.isEmpty)
    }

    func testUnparseableChartYamlIsAnErrorInEveryRuleThatLoadsTheChart() throws {
        let r = try assertSameAsHelm(Case(path: fixture("badyaml")))
        XCTAssertEqual(r.messages.map(\.path), ["Chart.yaml", "templates/", ""])
    }

    func testNumericVersionsAndBadURLsAreErrors() throws {
        let r = try assertSameAsHelm(Case(path: fixture("badversion")))
        XCTAssertTrue(r.errors.contains("version should be of type string but it's of type float64"))
        XCTAssertTrue(r.errors.contains("invalid icon URL 'notaurl'"))
    }

    func testUnknownChartYamlFieldsAndLooseSemverAreWarnings() throws {
        let r = try assertSameAsHelm(Case(path: fixture("nameup")))
        XCTAssertTrue(r.messages.contains { $0.severity == .warning && $0.text.hasSuffix("json: unknown field \"foo\"") })
        XCTAssertTrue(r.messages.contains { $0.text == "version 'v1.0.0' is not a valid SemVerV2" })
    }

    func testTemplateParseErrorIsReportedOnTheTemplatesFolder() throws {
        let r = try assertSameAsHelm(Case(path: fixture("parseerr")))
        XCTAssertEqual(r.errors, ["parse error at (parseerr/templates/bad.yaml:1): missing value for if"])
    }

    func testRenderedYamlThatDoesNotParseIsAnErrorOnItsTemplate() throws {
        let r = try assertSameAsHelm(Case(path: fixture("invalidout")))
        XCTAssertEqual(r.messages.last?.path, "templates/bad.yaml")
    }

    func testMetadataNamesAreCheckedPerKindAndDeprecatedAPIsWarned() throws {
        let r = try assertSameAsHelm(Case(path: fixture("metaname")))
        XCTAssertTrue(r.messages.contains { $0.text.contains("a DNS-1035 label must consist") })
        XCTAssertTrue(r.messages.contains { $0.text.hasPrefix("extensions/v1beta1 Ingress is deprecated in v1.14+") })
    }

    func testSchemaViolationIsReportedForValuesAndForTheRender() throws {
        let r = try assertSameAsHelm(Case(path: fixture("schema")))
        XCTAssertEqual(r.messages.filter { $0.severity == .error }.map(\.path), ["values.yaml", "templates/"])
    }

    func testMissingAndUndeclaredDependenciesAreReported() throws {
        let r = try assertSameAsHelm(Case(path: fixture("undeclared")))
        XCTAssertTrue(r.errors.contains("chart metadata is missing these dependencies: extra"))
        XCTAssertTrue(r.messages.contains { $0.severity == .warning && $0.text == "chart directory is missing these dependencies: absent" })
    }

    func testRequiredAndFailDoNotStopTheLintRender() throws {
        let r = try assertSameAsHelm(Case(path: fixture("required")))
        XCTAssertTrue(r.errors.isEmpty)
    }

    func testDeprecationsFollowTheKubeVersion() throws {
        let old = try assertSameAsHelm(Case(path: fixture("deprecated"), kubeVersion: "v1.20.0"))
        let new = try assertSameAsHelm(Case(path: fixture("deprecated")))
        XCTAssertLessThan(old.messages.count, new.messages.count)
    }

    func testStrictTurnsWarningsIntoFailures() throws {
        let r = try assertSameAsHelm(Case(path: fixture("nameup"), strict: true))
        XCTAssertTrue(r.errors.contains("version 'v1.0.0' is not a valid SemVerV2"))
    }

    func testAPathWithoutChartYamlIsNotLinted() throws {
        let r = try assertSameAsHelm(Case(path: fixture("nochart")))
        XCTAssertEqual(r.chartsLinted, 0)
        XCTAssertTrue(r.errors[0].hasPrefix("unable to check Chart.yaml file in chart: stat "))
    }

    func testReportPrintsHelmsLayout() {
        let result = LintResult(
            chartsLinted: 1, messages: [LintMessage(severity: .info, path: "Chart.yaml", text: "icon is recommended")],
            errors: [])
        let report = LintReport([(path: "mychart", result: result)], quiet: false)
        XCTAssertEqual(report.body, "==> Linting mychart\n[INFO] Chart.yaml: icon is recommended\n\n")
        XCTAssertEqual(report.summary, "1 chart(s) linted, 0 chart(s) failed")
        XCTAssertTrue(report.printsSummary)
    }

    func testQuietReportSkipsChartsWithOnlyInfo() {
        let result = LintResult(
            chartsLinted: 1, messages: [LintMessage(severity: .info, path: "Chart.yaml", text: "icon is recommended")],
            errors: [])
        let report = LintReport([(path: "mychart", result: result)], quiet: true)
        XCTAssertEqual(report.body, "")
        XCTAssertFalse(report.printsSummary)
    }

    func testReportCountsFailedCharts() {
        let failed = LintResult(chartsLinted: 0, messages: [], errors: ["unable to check Chart.yaml file in chart: x"])
        let report = LintReport([(path: "a", result: failed)], quiet: false)
        XCTAssertEqual(report.body, "==> Linting a\nError unable to check Chart.yaml file in chart: x\n\n")
        XCTAssertEqual(report.failed, 1)
    }
}
