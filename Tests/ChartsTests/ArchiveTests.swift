import Foundation
import XCTest
@testable import Charts

/// Chart archives (Tests/Fixtures/*.tgz, made by make-archives.py); expected outcomes
/// are what helm_python's `Chart.load` gives for the same files.
final class ArchiveTests: XCTestCase {
    private func fixture(_ name: String) -> String {
        ChartLoaderOracleTests.fixtures.appendingPathComponent(name).path
    }

    private func loadError(_ name: String) -> ChartLoadError? {
        do {
            _ = try ChartLoader.load(path: fixture(name))
            return nil
        } catch {
            return error
        }
    }

    func testArchiveLoadsWithFolderStrippedAndSubchartArchive() throws {
        let chart = try ChartLoader.load(path: fixture("chart-good.tgz"))
        XCTAssertEqual(chart.name, "packed")
        XCTAssertEqual(chart.templates.map(\.name), ["templates/deploy.yaml"])
        XCTAssertEqual(
            chart.files.map(\.name).sorted(),
            [".helmignore", "crds/crd.yaml", "files/" + String(repeating: "long-", count: 40) + "name.txt", "link"])
        XCTAssertEqual(chart.dependencies.map(\.name), ["inner"])
        XCTAssertEqual(chart.dependencies.first?.isRoot, false)
        XCTAssertEqual(chart.dependencies.first?.templates.map(\.name), ["templates/cm.yaml"])
        XCTAssertEqual(chart.metadata.dependencies.map(\.name), ["inner"])
    }

    func testArchiveStripsValuesBOMAndKeepsSchemaAndCRDs() throws {
        let chart = try ChartLoader.load(path: fixture("chart-good.tgz"))
        XCTAssertEqual(chart.rawValues, "replicas: 2\n")
        XCTAssertNotNil(chart.values["replicas"])
        XCTAssertEqual(chart.schema, "{}\n")
        XCTAssertEqual(chart.crds.map(\.name), ["crds/crd.yaml"])
    }

    func testSymlinkEntryReadsAsAnEmptyFileNotItsTarget() throws {
        let chart = try ChartLoader.load(path: fixture("chart-good.tgz"))
        XCTAssertEqual(chart.files.first { $0.name == "link" }?.data, [])
    }

    func testParentDirectoryEntryIsRefused() {
        XCTAssertEqual(loadError("chart-parent-dir.tgz")?.description.hasSuffix("chart illegally references parent directory"), true)
    }

    func testAbsolutePathEntryIsRefused() {
        XCTAssertEqual(loadError("chart-absolute.tgz")?.description.hasSuffix("chart illegally contains absolute paths"), true)
    }

    func testEntryOutsideTheChartFolderIsRefused() {
        XCTAssertEqual(
            loadError("chart-top-level-file.tgz")?.description.hasSuffix(
                "chart illegally contains content outside the base directory: \"Chart.yaml\""), true)
    }

    func testFileAboveFiveMebibytesIsRefused() {
        XCTAssertEqual(
            loadError("chart-file-too-large.tgz")?.description.hasSuffix(
                "decompressed chart file \"packed/big.bin\" is larger than the maximum file size 5242880"), true)
    }

    func testEntryClaimingMoreThanTheChartLimitIsRefusedBeforeReading() {
        XCTAssertEqual(
            loadError("chart-claims-too-large.tgz")?.description.hasSuffix(
                "decompressed chart is larger than the maximum size 104857600"), true)
    }

    func testTotalSizeLimitCountsEveryFile() throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture("chart-good.tgz"))))
        XCTAssertThrowsError(try ArchiveChartFiles.load(data, name: "x.tgz", maxChartSize: 200)) { error in
            XCTAssertEqual("\(error)", "x.tgz: decompressed chart is larger than the maximum size 200")
        }
    }

    func testTruncatedGzipNamesTheArchiveAndTheProblem() {
        let error = loadError("chart-truncated.tgz")
        XCTAssertEqual(error?.description, fixture("chart-truncated.tgz") + ": unexpected EOF")
    }

    func testNonGzipFileIsRefusedAsNotAnArchive() {
        XCTAssertEqual(
            loadError("chart-not-gzip.tgz")?.description,
            "file '\(fixture("chart-not-gzip.tgz"))' does not appear to be a gzipped archive")
    }

    func testArchiveWithoutFilesIsRefused() {
        XCTAssertEqual(loadError("chart-empty.tgz")?.description.hasSuffix("no files in chart archive"), true)
    }

    func testCorruptGzipHeaderIsNotAValidChartFile() {
        XCTAssertThrowsError(try ChartLoader.loadArchive([0x1F, 0x8B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0], name: "bad.tgz")) {
            XCTAssertTrue("\($0)".hasPrefix("bad.tgz: "), "\($0)")
        }
    }

    func testGoPathCleanResolvesParentsLexically() {
        XCTAssertEqual(ArchiveChartFiles.cleanPath("a/./b//../c"), "a/c")
        XCTAssertEqual(ArchiveChartFiles.cleanPath("../../x"), "../../x")
        XCTAssertEqual(ArchiveChartFiles.cleanPath(""), ".")
    }
}
