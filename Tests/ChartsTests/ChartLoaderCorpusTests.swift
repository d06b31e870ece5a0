import Foundation
import XCTest
import Values
@testable import Charts

/// Every chart of the conformance corpus loads, and every template Helm rendered for
/// its default values is one the loader found.
final class ChartLoaderCorpusTests: XCTestCase {
    private var chartsDir: URL { ConformanceFolder.url.appendingPathComponent("charts") }

    /// Output keys (`<chart>/templates/x`, `<chart>/charts/<sub>/templates/x`) the
    /// loaded tree can produce, under names and every alias a parent gives a subchart.
    private func templateKeys(_ chart: Chart, prefix: String, names: [String]) -> Set<String> {
        var keys = Set<String>()
        for name in names {
            let base = prefix + name
            for t in chart.templates { keys.insert(base + "/" + t.name) }
            for sub in chart.dependencies {
                let aliases = chart.metadata.dependencies.filter { $0.name == sub.name && !$0.alias.isEmpty }.map(\.alias)
                keys.formUnion(templateKeys(sub, prefix: base + "/charts/", names: [sub.name] + aliases))
            }
        }
        return keys
    }

    func testEveryCorpusChartLoadsWithTheTemplatesHelmRendered() throws {
        let ids = try FileManager.default.contentsOfDirectory(atPath: chartsDir.path).filter { !$0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThan(ids.count, 40)
        for id in ids {
            let dir = chartsDir.appendingPathComponent(id)
            let chart: Chart
            do { chart = try ChartLoader.load(path: dir.appendingPathComponent("chart").path) } catch {
                XCTFail("\(id): \(error)")
                continue
            }
            let golden = try JSON.decodeObject(
                String(contentsOf: dir.appendingPathComponent("golden/default.json"), encoding: .utf8))
            guard let files = golden["files"]?.mapValue else { continue }
            let loaded = templateKeys(chart, prefix: "", names: [chart.name])
            let missing = files.keys.filter { !loaded.contains($0) }.sorted()
            XCTAssertEqual(missing, [], "\(id): rendered by Helm but not loaded")
        }
    }
}

/// The corpus as real Helm loads it (Tests/Fixtures/loader-corpus-oracle.json, made
/// with helm_python's `Chart.load`): the same templates, `.Files`, subcharts, schema
/// and CRDs at the top of every chart.
final class ChartLoaderOracleTests: XCTestCase {
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    func testEveryCorpusChartLoadsTheFilesHelmLoads() throws {
        let oracle = try JSON.decodeObject(
            String(contentsOf: Self.fixtures.appendingPathComponent("loader-corpus-oracle.json"), encoding: .utf8))
        XCTAssertGreaterThan(oracle.count, 40)
        func names(_ v: Value?) -> [String] { (v?.listValue ?? []).compactMap(\.stringValue) }
        for (id, expected) in oracle.sorted(by: { $0.key < $1.key }) {
            let e = expected.mapValue ?? [:]
            let chart = try ChartLoader.load(
                path: ConformanceFolder.url.appendingPathComponent("charts/\(id)/chart").path)
            XCTAssertEqual(chart.name, e["name"]?.stringValue, id)
            XCTAssertEqual(chart.templates.map(\.name).sorted(), names(e["templates"]), id)
            XCTAssertEqual(chart.files.map(\.name).sorted(), names(e["files"]), id)
            XCTAssertEqual(chart.dependencies.map(\.name).sorted(), names(e["dependencies"]), id)
            XCTAssertEqual(chart.schema != nil, e["schema"] == .bool(true), id)
            let ownCRDs = names(e["crds"]).filter { $0.hasPrefix(chart.name + "/crds/") }
                .map { String($0.dropFirst(chart.name.count + 1)) }
            XCTAssertEqual(chart.crds.map(\.name).sorted(), ownCRDs, id)
        }
    }
}
