import Charts
import Foundation
import XCTest

/// `rudder show` byte for byte against Helm v4.2.3's `helm show`.
final class ChartShowTests: XCTestCase {
    /// Packages each chart into `dest` and answers `helm show` in every format, for the
    /// folder and for the archive.
    static let showScript = """
        import helm_python, json, sys
        req = json.load(sys.stdin)
        out = []
        for path in req['charts']:
            tgz = helm_python.package(path, destination=req['dest'])
            entry = {'tgz': tgz}
            for fmt in ['chart', 'values', 'readme', 'crds', 'all']:
                entry['dir/' + fmt] = helm_python.show(path, output_format=fmt)
                entry['tgz/' + fmt] = helm_python.show(tgz, output_format=fmt)
            out.append(entry)
        print(json.dumps(out))
        """

    /// Helm's loader ranges over a Go map of subcharts, so CRDs of several subcharts come
    /// out in a random order; the documents must then be the same, in any order.
    func sameDocuments(_ a: String, _ b: String) -> Bool {
        a.components(separatedBy: "---\n").sorted() == b.components(separatedBy: "---\n").sorted()
    }

    func testCorpusChartsShowExactlyAsHelmFromFolderAndArchive() throws {
        let charts = ConformanceFolder.url.appendingPathComponent("charts")
        let ids = try FileManager.default.contentsOfDirectory(atPath: charts.path).sorted().filter {
            FileManager.default.fileExists(atPath: charts.appendingPathComponent("\($0)/chart/Chart.yaml").path)
        }
        let paths = ids.map { charts.appendingPathComponent("\($0)/chart").path }
        let dest = try HelmOracle.temporaryFolder(self)
        let answers = try XCTUnwrap(
            try HelmOracle.json(Self.showScript, input: ["charts": paths, "dest": dest.path]) as? [[String: String]])
        XCTAssertEqual(answers.count, paths.count)
        var exact = 0
        var total = 0
        for (path, answer) in zip(paths, answers) {
            let folder = try ChartLoader.load(path: path)
            let archive = try ChartLoader.load(path: try XCTUnwrap(answer["tgz"]))
            for format in ChartShowFormat.allCases {
                for (kind, chart) in [("dir", folder), ("tgz", archive)] {
                    total += 1
                    let expected = try XCTUnwrap(answer["\(kind)/\(format.rawValue)"])
                    let got = try ChartShow.show(chart, format: format)
                    if got == expected {
                        exact += 1
                    } else {
                        let subchartsWithCRDs = chart.dependencies.filter { !$0.crds.isEmpty }.count
                        XCTAssertTrue(
                            (format == .crds || format == .all) && subchartsWithCRDs > 1 && sameDocuments(got, expected),
                            "\(path) \(kind) \(format)")
                    }
                }
            }
        }
        print("show corpus: \(exact)/\(total) byte-identical (rest: Helm's random subchart order)")
        XCTAssertGreaterThan(exact, total * 99 / 100)
    }

    func testChartYamlIsRemarshalledWithSortedKeysAndEmptyFieldsDropped() throws {
        var md = ChartMetadata()
        md.apiVersion = "v2"
        md.name = "x"
        md.version = "1.0.0"
        md.dependencies = [ChartDependency(name: "sub", version: "1.x")]
        XCTAssertEqual(
            try ChartShow.metadataYAML(md),
            "apiVersion: v2\ndependencies:\n- name: sub\n  repository: \"\"\n  version: 1.x\nname: x\nversion: 1.0.0\n")
    }

    func testValuesAreShownAsWritten() throws {
        var chart = Chart(metadata: ChartMetadata())
        chart.rawValues = "# comment kept\na: 1\n"
        XCTAssertEqual(try ChartShow.show(chart, format: .values), "# comment kept\na: 1\n\n")
    }

    func testAllSkipsTheReadmeSectionWhenThereIsNone() throws {
        var md = ChartMetadata()
        md.name = "x"
        var chart = Chart(metadata: md)
        chart.rawValues = ""
        XCTAssertEqual(try ChartShow.show(chart, format: .all), "apiVersion: v2\nname: x\n\n---\n\n")
    }
}
