import Foundation
import XCTest
import Values
@testable import Charts

/// Helm's whole schema error for a chart tree, against the corpus goldens
/// (`helm-schema-negative`, `helm-schema-subchart`) and the oracle.
final class ValuesSchemaChartTreeTests: XCTestCase {
    private func text(_ url: URL) throws -> String? {
        FileManager.default.fileExists(atPath: url.path) ? try String(contentsOf: url, encoding: .utf8) : nil
    }

    /// The chart folder as schema validation sees it, with values coalesced the simple
    /// way these charts need (each dependency's defaults under its name).
    private func load(_ dir: URL) throws -> (ValuesSchema.ChartNode, [String: Value]) {
        let meta = try YAML.decodeMap(try text(dir.appendingPathComponent("Chart.yaml")) ?? "")
        let name = meta["name"]?.stringValue ?? ""
        var values = try YAML.decodeMap(try text(dir.appendingPathComponent("values.yaml")) ?? "")
        var deps: [ValuesSchema.ChartNode] = []
        let charts = dir.appendingPathComponent("charts")
        let subs = (try? FileManager.default.contentsOfDirectory(atPath: charts.path)) ?? []
        for sub in subs.sorted() {
            let (node, subValues) = try load(charts.appendingPathComponent(sub))
            var merged = subValues
            for (k, v) in values[node.name]?.mapValue ?? [:] { merged[k] = v }
            values[node.name] = .map(merged)
            deps.append(node)
        }
        let schema = try text(dir.appendingPathComponent("values.schema.json"))
        return (ValuesSchema.ChartNode(name: name, schema: schema, dependencies: deps), values)
    }

    private func golden(_ chart: String) throws -> String? {
        let url = ConformanceFolder.url.appendingPathComponent("charts/\(chart)/golden/default.json")
        let data = try Data(contentsOf: url)
        return (try JSONSerialization.jsonObject(with: data) as? [String: String])?["error"]
    }

    func testNegativeChartListsMissingPropertyThenMinimum() throws {
        let (tree, values) = try load(ConformanceFolder.url.appendingPathComponent("charts/helm-schema-negative/chart"))
        let expected = try golden("helm-schema-negative")
        XCTAssertNotNil(expected)
        XCTAssertEqual(ValuesSchema.chartTreeError(tree, values: values), expected)
    }

    func testSubchartErrorsFollowTheParentsUnderTheirOwnNames() throws {
        let (tree, values) = try load(ConformanceFolder.url.appendingPathComponent("charts/helm-schema-subchart/chart"))
        let expected = try golden("helm-schema-subchart")
        XCTAssertNotNil(expected)
        XCTAssertEqual(ValuesSchema.chartTreeError(tree, values: values), expected)
    }

    func testValidTreeHasNoError() {
        let tree = ValuesSchema.ChartNode(name: "top", schema: #"{"required":["a"]}"#)
        XCTAssertNil(ValuesSchema.chartTreeError(tree, values: ["a": 1.0]))
    }

    func testSchemaThatIsNotJSONIsReportedWithoutTrailingNewline() {
        let tree = ValuesSchema.ChartNode(name: "top", schema: "{bad")
        XCTAssertEqual(
            ValuesSchema.chartTreeError(tree, values: [:]),
            "values don't meet the specifications of the schema(s) in the following chart(s):\ntop:\ninvalid character 'b' looking for beginning of object key string")
    }

    /// Not reachable through `helm template` (coalescing fails first with "type mismatch
    /// on sub: …"), so this text is `ValidateAgainstSchema`'s own, from Helm's source.
    func testSubchartValuesThatAreNotAMapAreReportedWithTheirGoType() {
        let tree = ValuesSchema.ChartNode(
            name: "top", schema: nil, dependencies: [ValuesSchema.ChartNode(name: "sub", schema: #"{"type":"object"}"#)])
        XCTAssertEqual(
            ValuesSchema.chartTreeError(tree, values: ["sub": "x"]),
            "values don't meet the specifications of the schema(s) in the following chart(s):\nsub:\ninvalid type for values: expected object (map), got string\n")
    }
}
