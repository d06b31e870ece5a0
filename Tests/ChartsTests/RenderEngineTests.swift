@testable import Charts
import Values
import XCTest

final class RenderEngineTests: XCTestCase {
    func testTemplatesParseDeepestFirstThenInReverseOrder() {
        let order = RenderEngine.parseOrder([
            "c/templates/_helpers.tpl", "c/templates/case.yaml", "c/charts/s/templates/a.yaml", "c/templates/b.yaml",
        ])
        XCTAssertEqual(
            order,
            ["c/charts/s/templates/a.yaml", "c/templates/case.yaml", "c/templates/b.yaml", "c/templates/_helpers.tpl"])
    }

    func testFilesBaseNameMatchesGoPathBase() {
        XCTAssertEqual(ChartFilesValue.baseName("a/b/c.txt"), "c.txt")
        XCTAssertEqual(ChartFilesValue.baseName("c.txt"), "c.txt")
        XCTAssertEqual(ChartFilesValue.baseName("a/b/"), "b")
    }

    func testBase64IsStandardAndPadded() {
        XCTAssertEqual(StdBase64.encode(Array("A\n".utf8)), "QQo=")
        XCTAssertEqual(StdBase64.encode(Array("B".utf8)), "Qg==")
        XCTAssertEqual(StdBase64.encode(Array("abc".utf8)), "YWJj")
        XCTAssertEqual(StdBase64.encode([]), "")
    }

    func testKubeVersionParsingAcceptsHelmsForms() {
        XCTAssertEqual(KubeVersion(parsing: "v1.30.2"), KubeVersion(version: "v1.30.2", major: "1", minor: "30"))
        XCTAssertEqual(KubeVersion(parsing: "1.29"), KubeVersion(version: "v1.29.0", major: "1", minor: "29"))
        XCTAssertNil(KubeVersion(parsing: "one.two"))
    }

    func testReleaseAppearsWithGoTypes() throws {
        let out = try SingleTemplateChart(template: "{{ typeOf .Release.Revision }} {{ .Release.Name }}").render()
        XCTAssertEqual(out, "int my-release")
    }

    func testFailBecomesHelmsExecutionError() {
        XCTAssertThrowsError(try SingleTemplateChart(template: "{{ fail \"boom\" }}").render()) { error in
            XCTAssertEqual("\(error)", "execution error at (testchart/templates/case.yaml:1:3): boom")
        }
    }

    func testParseErrorNamesFileAndLine() {
        XCTAssertThrowsError(try SingleTemplateChart(template: "a\n{{ nosuch }}").render()) { error in
            XCTAssertEqual("\(error)", "parse error at (testchart/templates/case.yaml:2): function \"nosuch\" not defined")
        }
    }

    func testIncludeRecursionIsBounded() {
        let chart = SingleTemplateChart(
            template: "{{ include \"loop\" . }}", helpers: "{{ define \"loop\" }}{{ include \"loop\" . }}{{ end }}")
        XCTAssertThrowsError(try chart.render()) { error in
            XCTAssertTrue("\(error)".contains("rendering template has a nested reference name: loop"), "\(error)")
        }
    }

    func testNoValueIsRemovedFromOutput() throws {
        XCTAssertEqual(try SingleTemplateChart(template: "[{{ .Values.missing }}]").render(), "[]")
    }

    func testFilesMethodsAndCapabilities() throws {
        let chart = SingleTemplateChart(
            template: #"{{ .Files.Get "a.txt" }}|{{ len (.Files.Glob "*.txt") }}|{{ .Capabilities.KubeVersion }}|{{ .Capabilities.APIVersions.Has "apps/v1" }}"#,
            files: ["a.txt": "A", "b.txt": "B", "c/d.txt": "D"])
        XCTAssertEqual(try chart.render(), "A|2|v1.36.0|true")
    }
}
