import ChartSources
import Charts
import Foundation
import XCTest

/// `rudder dependency update|build` against real Helm's `dependency_update` on a copy
/// of the same chart, served by the same loopback repository.
final class DependencyManagerTests: XCTestCase {
    var work: TemporaryDirectory!
    var server: LocalHTTPServer?
    var repoURL: String { server!.url }

    override func setUpWithError() throws {
        work = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: work.path + "/repo", withIntermediateDirectories: true)
        try RepositoryFixture.make(
            in: work.path + "/repo", charts: [("alpha", "0.1.0"), ("alpha", "0.2.0"), ("alpha", "1.0.0"), ("beta", "2.3.4")])
        server = try LocalHTTPServer(serving: work.path + "/repo")
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    /// Writes the same chart under `ours/<name>` and `helm/<name>`.
    func makeChart(_ name: String = "parent", chartYAML: String, extra: [String: String] = [:]) throws {
        for side in ["ours", "helm"] {
            try work.file("\(side)/\(name)/Chart.yaml", chartYAML)
            try work.file("\(side)/\(name)/templates/cm.yaml", "kind: ConfigMap\n")
            for (path, text) in extra { try work.file("\(side)/\(name)/\(path)", text) }
        }
    }

    func manager(_ name: String = "parent", config: String? = nil, cache: String = "cache", out: @escaping @Sendable (String) -> Void = { _ in })
        -> DependencyManager
    {
        return DependencyManager(
            chartPath: work.path + "/ours/" + name, repositoryConfig: config ?? work.path + "/no-repositories.yaml",
            cache: ChartCache(root: work.path + "/" + cache),
            packageChart: { folder, destination in try ChartPackager(destination: destination).package(folder) },
            out: out)
    }

    func helmUpdate(_ name: String = "parent") throws {
        try HelmPython.run("h.dependency_update(\(RepositoryFixture.pyString(work.path + "/helm/" + name)))")
    }

    /// A lock file without its `generated:` line (a timestamp).
    func lockWithoutTime(_ side: String, _ file: String = "Chart.lock", chart: String = "parent") -> String {
        let text = String(decoding: work.read("\(side)/\(chart)/\(file)") ?? Data(), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("generated:") }
            .joined(separator: "\n")
    }

    func assertChartsMatchHelm(chart: String = "parent", file: StaticString = #filePath, line: UInt = #line) {
        let ours = work.list("ours/\(chart)/charts"), helm = work.list("helm/\(chart)/charts")
        XCTAssertEqual(ours, helm, file: file, line: line)
        for name in ours where name.hasSuffix(".tgz") {
            XCTAssertEqual(work.read("ours/\(chart)/charts/\(name)"), work.read("helm/\(chart)/charts/\(name)"), name, file: file, line: line)
        }
    }

    var standardDependencies: String {
        """
        apiVersion: v2
        name: parent
        version: 1.0.0
        dependencies:
        - name: alpha
          version: "~0.1"
          repository: \(repoURL)
          condition: alpha.enabled
          tags: [front, "x<y&z"]
          import-values:
          - child: a
            parent: b
          - data
        - name: beta
          version: ">=1.0.0"
          repository: \(repoURL)
          alias: bb

        """
    }

    func testUpdateWritesTheLockAndArchivesHelmWrites() throws {
        try makeChart(chartYAML: standardDependencies)
        try manager().update()
        try helmUpdate()
        XCTAssertFalse(lockWithoutTime("ours").isEmpty)
        XCTAssertEqual(lockWithoutTime("ours"), lockWithoutTime("helm"))
        assertChartsMatchHelm()
    }

    func testUpdateLockTimestampIsGoRFC3339Nano() throws {
        try makeChart(chartYAML: standardDependencies)
        try manager().update()
        let text = String(decoding: work.read("ours/parent/Chart.lock")!, as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("generated: \"") }
        XCTAssertNotNil(line, text)
    }

    func testUpdateDeletesOutdatedArchivesAsHelmDoes() throws {
        try makeChart(chartYAML: standardDependencies)
        for side in ["ours", "helm"] {
            try FileManager.default.createDirectory(atPath: work.path + "/\(side)/parent/charts", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: work.path + "/repo/alpha-1.0.0.tgz", toPath: work.path + "/\(side)/parent/charts/alpha-1.0.0.tgz")
        }
        try manager().update()
        try helmUpdate()
        XCTAssertEqual(work.list("ours/parent/charts"), ["alpha-0.1.0.tgz", "beta-2.3.4.tgz"])
        assertChartsMatchHelm()
    }

    func testUpdateOfAnApiV1ChartWritesRequirementsLock() throws {
        try makeChart(
            chartYAML: "apiVersion: v1\nname: parent\nversion: 1.0.0\n",
            extra: ["requirements.yaml": "dependencies:\n- name: alpha\n  version: 0.2.0\n  repository: \(repoURL)\n"])
        try manager().update()
        try helmUpdate()
        XCTAssertNil(work.read("ours/parent/Chart.lock"))
        XCTAssertEqual(lockWithoutTime("ours", "requirements.lock"), lockWithoutTime("helm", "requirements.lock"))
        assertChartsMatchHelm()
    }

    func testUpdatePackagesFileDependenciesAndLocksTheirVersion() throws {
        try work.file("local/gamma/Chart.yaml", "apiVersion: v2\nname: gamma\nversion: 0.5.0\n")
        try makeChart(
            chartYAML: """
                apiVersion: v2
                name: parent
                version: 1.0.0
                dependencies:
                - name: gamma
                  version: 0.5.x
                  repository: file://../../local/gamma
                - name: alpha
                  version: "*"
                  repository: \(repoURL)

                """)
        try manager().update()
        try helmUpdate()
        XCTAssertEqual(lockWithoutTime("ours"), lockWithoutTime("helm"))
        XCTAssertEqual(work.list("ours/parent/charts"), work.list("helm/parent/charts"))
    }

    func testUpdateWithAnUnchangedLockLeavesItAlone() throws {
        try makeChart(chartYAML: standardDependencies)
        try manager().update()
        let first = work.read("ours/parent/Chart.lock")
        try manager().update()
        XCTAssertEqual(work.read("ours/parent/Chart.lock"), first)
    }

    func testUpdateReportsProgressAsHelmDoes() throws {
        try makeChart(chartYAML: standardDependencies)
        let lines = LineCollector()
        try manager(out: { lines.append($0) }).update()
        XCTAssertEqual(lines.lines, [
            "Getting updates for unmanaged Helm repositories...",
            "...Successfully got an update from the \"\(repoURL)\" chart repository",
            "Saving 2 charts",
            "Downloading alpha from repo \(repoURL)",
            "Downloading beta from repo \(repoURL)",
            "Deleting outdated charts",
        ])
    }

    func testNamedRepositoriesResolveThroughRepositoriesYAMLToTheSameLockAsTheirURL() throws {
        try makeChart(chartYAML: standardDependencies)
        try helmUpdate()
        try work.file("ours/parent/Chart.yaml", standardDependencies.replacingOccurrences(of: repoURL, with: "\"@fixtures\""))
        try work.file("repositories.yaml", "apiVersion: \"\"\ngenerated: \"0001-01-01T00:00:00Z\"\nrepositories:\n- name: fixtures\n  url: \(repoURL)\n")
        try manager(config: work.path + "/repositories.yaml").update()
        XCTAssertEqual(lockWithoutTime("ours"), lockWithoutTime("helm"))
        assertChartsMatchHelm()
    }

    func testCredentialsComeFromRepositoriesYAML() throws {
        server?.stop()
        server = try LocalHTTPServer(serving: work.path + "/repo", username: "alice", password: "s3cret")
        try makeChart(chartYAML: "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n- name: beta\n  version: 2.3.4\n  repository: \(repoURL)\n")
        try work.file(
            "repositories.yaml",
            "repositories:\n- name: private\n  url: \(repoURL)\n  username: alice\n  password: s3cret\n")
        try manager(config: work.path + "/repositories.yaml").update()
        XCTAssertEqual(work.list("ours/parent/charts"), ["beta-2.3.4.tgz"])
        XCTAssertThrowsError(try manager(cache: "cache2").update(), "without the repository entry, no credentials")
    }

    func testBuildRestoresChartsFromTheLock() throws {
        try makeChart(chartYAML: standardDependencies)
        try work.file("repositories.yaml", "repositories:\n- name: fixtures\n  url: \(repoURL)\n")
        let m = manager(config: work.path + "/repositories.yaml")
        try m.update()
        try FileManager.default.removeItem(atPath: work.path + "/ours/parent/charts")
        try m.build()
        try helmUpdate()
        assertChartsMatchHelm()
    }

    func testBuildRefusesALockOutOfSyncWithChartYAML() throws {
        try makeChart(chartYAML: standardDependencies)
        try manager().update()
        try work.file("ours/parent/Chart.yaml", standardDependencies.replacingOccurrences(of: "~0.1", with: "~0.2"))
        XCTAssertThrowsError(try manager().build()) { error in
            XCTAssertEqual(
                "\(error)",
                "the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies")
        }
    }

    func testBuildNeedsTheLockRepositoriesInRepositoriesYAML() throws {
        try makeChart(chartYAML: standardDependencies)
        try manager().update()
        XCTAssertThrowsError(try manager().build()) { error in
            XCTAssertEqual("\(error)", "no repository definition for \(repoURL), \(repoURL)")
        }
    }

    func testAConstraintNoVersionSatisfiesFailsAsHelmDoes() throws {
        try makeChart(chartYAML: "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n- name: alpha\n  version: \">5\"\n  repository: \(repoURL)\n")
        XCTAssertThrowsError(try manager().update()) { error in
            XCTAssertEqual(
                "\(error)",
                "can't get a valid version for 1 subchart(s): \"alpha\" (repository \"\(repoURL)\", version \">5\"). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml")
        }
    }

    func testOCIDependenciesAreRefusedClearly() throws {
        try makeChart(chartYAML: "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n- name: x\n  version: 1.0.0\n  repository: oci://registry.example.com/charts\n")
        XCTAssertThrowsError(try manager().update()) { error in
            guard case .source(.ociUnsupported(let ref)) = error as? DependencyError else { return XCTFail("\(error)") }
            XCTAssertEqual(ref, "oci://registry.example.com/charts")
            XCTAssertTrue("\(error)".contains("OCI registries are not supported yet"))
        }
    }
}

/// Collects output lines from a `@Sendable` sink in tests.
final class LineCollector: @unchecked Sendable {
    // @unchecked: written only from the synchronous call under test.
    var lines: [String] = []
    func append(_ s: String) { lines.append(s) }
}
