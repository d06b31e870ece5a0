import Foundation
import XCTest
import Values
@testable import Charts

/// Loading chart folders; expectations come from helm_python's `Chart.load` on the
/// same files.
final class ChartLoaderTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ files: [String: String]) throws {
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    private func loadError() -> String? {
        do {
            _ = try ChartLoader.load(path: root.path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    private let chartYAML = "apiVersion: v2\nname: hi\nversion: 1.0.0\n"

    func testFolderIsSortedIntoTemplatesFilesValuesSchemaAndSubcharts() throws {
        try write([
            "Chart.yaml": chartYAML, "values.yaml": "a: 1\n", "values.schema.json": "{}",
            "templates/a.yaml": "x", "templates/_h.tpl": "x", "templates/.hidden": "x",
            "crds/c.yaml": "x", "Chart.lock": "digest: x\n", "docs/sub/b.md": "x", "keep.txt": "x", "drop.bak": "x",
            ".other": "x", ".helmignore": "*.bak\n",
            "charts/sub/Chart.yaml": "apiVersion: v2\nname: subby\nversion: 1.0.0\n",
            "charts/sub/.helmignore": "*.md\n", "charts/sub/r.md": "x", "charts/_skipped/Chart.yaml": "x: [",
        ])
        let chart = try ChartLoader.load(path: root.path)
        XCTAssertEqual(chart.templates.map(\.name), ["templates/_h.tpl", "templates/a.yaml"])
        XCTAssertEqual(chart.files.map(\.name), [".helmignore", ".other", "crds/c.yaml", "docs/sub/b.md", "keep.txt"])
        XCTAssertEqual(chart.schema, "{}")
        XCTAssertEqual(chart.rawValues, "a: 1\n")
        XCTAssertEqual(chart.crds.map(\.name), ["crds/c.yaml"])
        XCTAssertTrue(chart.isRoot)
        XCTAssertEqual(chart.dependencies.map(\.name), ["subby"])
        // Only the top .helmignore applies: the subchart keeps r.md and its own .helmignore.
        XCTAssertEqual(chart.dependencies[0].files.map(\.name), [".helmignore", "r.md"])
        XCTAssertFalse(chart.dependencies[0].isRoot)
    }

    func testNegatedIgnoreRuleThatDropsChartYAMLLeavesNoChart() throws {
        try write(["Chart.yaml": chartYAML, "keep.txt": "x", ".helmignore": "!keep.txt\n"])
        XCTAssertEqual(loadError(), "Chart.yaml file is missing")
    }

    func testEmptyFolderHasNoChartYAML() {
        XCTAssertEqual(loadError(), "Chart.yaml file is missing")
    }

    func testMissingNameIsAValidationError() throws {
        try write(["Chart.yaml": "apiVersion: v2\nversion: 1.0.0\n"])
        XCTAssertEqual(loadError(), "validation: chart.metadata.name is required")
    }

    func testVersionMustBeSemver() throws {
        try write(["Chart.yaml": "apiVersion: v2\nname: v\nversion: one\n"])
        XCTAssertEqual(loadError(), "validation: chart.metadata.version \"one\" is invalid")
    }

    func testTypeMustBeApplicationOrLibrary() throws {
        try write(["Chart.yaml": "apiVersion: v2\nname: v\nversion: 1.0\ntype: foo\n"])
        XCTAssertEqual(loadError(), "validation: chart.metadata.type must be application or library")
    }

    func testStrayFileInChartsIsASubchartWithoutChartYAML() throws {
        try write(["Chart.yaml": "apiVersion: v2\nname: v\nversion: 1.0.0\n", "charts/README.md": "hi"])
        XCTAssertEqual(loadError(), "error unpacking subchart README.md in v: Chart.yaml file is missing")
    }

    func testNumericVersionsReadAsSigsYAMLStringifiesFloat32() throws {
        try write(["Chart.yaml": "apiVersion: v2\nname: dp\nversion: 1.10\nappVersion: 1.123456789\n"])
        let chart = try ChartLoader.load(path: root.path)
        XCTAssertEqual(chart.metadata.version, "1.1")
        XCTAssertEqual(chart.metadata.appVersion, "1.1234568")
    }

    func testDependenciesKeepBothImportValuesForms() throws {
        try write([
            "Chart.yaml": """
            apiVersion: v2
            name: dp
            version: 1.0.0
            dependencies:
            - name: s
              version: 1
              alias: t
              condition: t.enabled
              tags: [x, 2]
              import-values: [a, {child: b, parent: c}]
            """
        ])
        let d = try XCTUnwrap(ChartLoader.load(path: root.path).metadata.dependencies.first)
        XCTAssertEqual(d.name, "s")
        XCTAssertEqual(d.version, "1")
        XCTAssertEqual(d.alias, "t")
        XCTAssertEqual(d.condition, "t.enabled")
        XCTAssertEqual(d.tags, ["x", "2"])
        XCTAssertEqual(d.importValues.count, 2)
        XCTAssertEqual(d.importValues[0], .string("a"))
        XCTAssertEqual(d.importValues[1].mapValue?["parent"], .string("c"))
    }

    func testV1ChartReadsRequirementsYAMLAndKeepsItInFiles() throws {
        try write(["Chart.yaml": "name: v\nversion: 1.0.0\n", "requirements.yaml": "dependencies:\n- name: x\n  version: 1\n"])
        let chart = try ChartLoader.load(path: root.path)
        XCTAssertEqual(chart.metadata.apiVersion, "v1")
        XCTAssertEqual(chart.metadata.dependencies.map(\.name), ["x"])
        XCTAssertEqual(chart.files.map(\.name), ["requirements.yaml"])
    }

    func testRequirementsYAMLIsLaidOverChartYAMLEntriesByIndex() throws {
        try write([
            "Chart.yaml": "apiVersion: v2\nname: v\nversion: 1.0.0\ndependencies:\n- name: a\n  alias: b\n  condition: c\n",
            "requirements.yaml": "dependencies:\n- name: x\n",
        ])
        let chart = try ChartLoader.load(path: root.path)
        XCTAssertEqual(chart.metadata.dependencies, [ChartDependency(name: "x", condition: "c", alias: "b")])
        XCTAssertEqual(chart.files.map(\.name), [])
    }

    func testAliasWithDisallowedCharactersIsRefused() throws {
        try write(["Chart.yaml": "apiVersion: v2\nname: v\nversion: 1.0.0\ndependencies:\n- name: a\n  alias: b.c\n"])
        XCTAssertEqual(loadError(), "validation: dependency \"a\" has disallowed characters in the alias")
    }

    func testSymlinkedFileIsFollowed() throws {
        try write(["Chart.yaml": chartYAML, "real/data.txt": "payload"])
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("linked").path, withDestinationPath: root.appendingPathComponent("real").path)
        let chart = try ChartLoader.load(path: root.path)
        XCTAssertEqual(chart.files.first { $0.name == "linked/data.txt" }?.data, Array("payload".utf8))
    }

    func testLenientMetadataInitReadsWhatTheLoaderReads() throws {
        let md = ChartMetadata(try YAML.decode("name: x\nversion: 2.50\nengine: gotpl\ndependencies:\n- name: d\n"))
        XCTAssertEqual(md.version, "2.5")
        XCTAssertEqual(md.engine, "gotpl")
        XCTAssertEqual(md.dependencies.map(\.name), ["d"])
    }
}
