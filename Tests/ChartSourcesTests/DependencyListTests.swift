import ChartSources
import Foundation
import XCTest

/// `rudder dependency list` statuses against real Helm's `dependency_list`.
final class DependencyListTests: XCTestCase {
    var work: TemporaryDirectory!

    override func setUpWithError() throws {
        work = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: work.path + "/repo", withIntermediateDirectories: true)
        try RepositoryFixture.make(
            in: work.path + "/repo",
            charts: [("ok", "1.2.3"), ("wrongver", "2.0.0"), ("other", "1.0.0"), ("many", "1.0.0"), ("many", "1.1.0")])
    }

    func copyArchive(_ file: String, as name: String) throws {
        try FileManager.default.copyItem(atPath: work.path + "/repo/" + file, toPath: work.path + "/chart/charts/" + name)
    }

    func helmStatuses() throws -> [String] {
        let json = try HelmPython.run("print(json.dumps([d['status'] for d in h.dependency_list('\(work.path)/chart')]))")
        return try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    func testStatusesMatchHelmForEveryState() throws {
        try work.file(
            "chart/Chart.yaml",
            """
            apiVersion: v2
            name: chart
            version: 0.1.0
            dependencies:
            - {name: ok, version: "^1.0.0", repository: "https://example.com"}
            - {name: absent, version: "1.0.0", repository: "https://example.com"}
            - {name: wrongver, version: "~1.0", repository: "https://example.com"}
            - {name: misnamed, version: "1.0.0", repository: "https://example.com"}
            - {name: broken, version: "1.0.0", repository: "https://example.com"}
            - {name: unpacked, version: "3.x", repository: ""}
            - {name: many, version: "1.x", repository: "https://example.com"}
            - {name: badconstraint, version: "not a version", repository: ""}

            """)
        try FileManager.default.createDirectory(atPath: work.path + "/chart/charts", withIntermediateDirectories: true)
        try copyArchive("ok-1.2.3.tgz", as: "ok-1.2.3.tgz")
        try copyArchive("wrongver-2.0.0.tgz", as: "wrongver-2.0.0.tgz")
        try copyArchive("other-1.0.0.tgz", as: "misnamed-1.0.0.tgz")
        try work.file("chart/charts/broken-1.0.0.tgz", "not gzip")
        // Ignored, so the parent still loads; the status check opens the archive itself.
        try work.file("chart/.helmignore", "charts/broken-1.0.0.tgz\n")
        try work.file("chart/charts/unpacked/Chart.yaml", "apiVersion: v2\nname: unpacked\nversion: 3.1.0\n")
        try work.file("chart/charts/badconstraint/Chart.yaml", "apiVersion: v2\nname: badconstraint\nversion: 1.0.0\n")
        try copyArchive("many-1.0.0.tgz", as: "many-1.0.0.tgz")
        try copyArchive("many-1.1.0.tgz", as: "many-1.1.0.tgz")

        let ours = try DependencyList(chartPath: work.path + "/chart").rows().map(\.status)
        XCTAssertEqual(ours, try helmStatuses())
        XCTAssertEqual(
            ours, ["ok", "missing", "wrong version", "misnamed", "corrupt", "unpacked", "too many matches", "invalid version"])
    }

    func testTheTableIsLaidOutAsUitableLaysItOut() throws {
        try work.file(
            "chart/Chart.yaml",
            """
            apiVersion: v2
            name: chart
            version: 0.1.0
            dependencies:
            - {name: ok, version: "^1.0.0", repository: "https://example.com/charts"}
            - {name: absent, version: "1.0.0", repository: "@stable"}

            """)
        try FileManager.default.createDirectory(atPath: work.path + "/chart/charts", withIntermediateDirectories: true)
        try copyArchive("ok-1.2.3.tgz", as: "ok-1.2.3.tgz")
        try copyArchive("other-1.0.0.tgz", as: "other-1.0.0.tgz")
        let text = try DependencyList(chartPath: work.path + "/chart").render()
        XCTAssertEqual(
            text,
            "NAME  \tVERSION\tREPOSITORY                \tSTATUS \n"
                + "ok    \t^1.0.0 \thttps://example.com/charts\tok     \n"
                + "absent\t1.0.0  \t@stable                   \tmissing\n\n"
                + "WARNING: \"\(work.path)/chart/charts/other-1.0.0.tgz\" is not in Chart.yaml.\n")
    }

    func testLongCellsAreCutToTheColumnWidth() throws {
        try work.file(
            "chart/Chart.yaml",
            "apiVersion: v2\nname: chart\nversion: 0.1.0\ndependencies:\n- {name: x, version: \"1\", repository: \"https://example.com/a/very/long/path\"}\n")
        let text = try DependencyList(chartPath: work.path + "/chart", maxColumnWidth: 12).render()
        XCTAssertEqual(text.split(separator: "\n").map(String.init)[1], "x   \t1      \thttps://e...\tmissing")
    }

    func testAChartWithoutDependenciesWarns() throws {
        try work.file("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 0.1.0\n")
        XCTAssertEqual(
            try DependencyList(chartPath: work.path + "/chart").render(), "WARNING: no dependencies at \(work.path)/chart/charts\n")
    }
}
