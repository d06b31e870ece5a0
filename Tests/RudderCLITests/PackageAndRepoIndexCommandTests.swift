import Foundation
import XCTest

/// `rudder package` and `rudder repo index` as a user runs them, checked against
/// real Helm (`<repo root>/.venv/bin/python`, helm-python-sdk) where Helm has an answer.
final class PackageAndRepoIndexCommandTests: XCTestCase {
    private var rudder: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("rudder").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("rudder")
    }

    private var python: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv/bin/python")
    }

    private struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    private func run(_ executable: URL, _ args: [String], in cwd: URL, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = cwd
        p.environment = ProcessInfo.processInfo.environment.merging(env) { _, b in b }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    private func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// A small chart folder: a template, values, a .helmignore'd file.
    private func makeChart(in dir: URL, name: String = "demo", version: String = "0.3.0") throws -> URL {
        let chart = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        let files = [
            "Chart.yaml": "apiVersion: v2\nname: \(name)\nversion: \(version)\ndescription: A demo chart\nappVersion: \"1.0\"\n",
            "values.yaml": "# replicas\nreplicas: 2\n",
            "templates/cm.yaml": "kind: ConfigMap\ndata:\n  n: {{ .Values.replicas | quote }}\n",
            ".helmignore": "*.bak\n",
            "notes.bak": "ignored\n",
        ]
        for (path, text) in files {
            try text.write(to: chart.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        return chart
    }

    func testPackagePrintsHelmsMessageAndWritesNameVersionTgz() throws {
        let dir = try temporaryFolder()
        let chart = try makeChart(in: dir)
        let r = try run(rudder, ["package", chart.path, "-d", "out"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Successfully packaged chart and saved it to: out/demo-0.3.0.tgz\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/demo-0.3.0.tgz").path))
    }

    func testPackageDestinationIsCleanedAsFilepathJoinDoes() throws {
        let dir = try temporaryFolder()
        let chart = try makeChart(in: dir)
        let r = try run(rudder, ["package", chart.path, "-d", "./out//x/../"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Successfully packaged chart and saved it to: out/demo-0.3.0.tgz\n")
    }

    func testPackageWithoutDestinationWritesToTheCurrentFolderAbsolutely() throws {
        let dir = try temporaryFolder()
        let chart = try makeChart(in: dir)
        let r = try run(rudder, ["package", chart.path, "--version", "1.2.3", "--app-version", "2.0"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Successfully packaged chart and saved it to: /"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("/demo-1.2.3.tgz\n"), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("demo-1.2.3.tgz").path))
    }

    func testPackageIsReproducibleAndHonoursSourceDateEpoch() throws {
        let dir = try temporaryFolder()
        let chart = try makeChart(in: dir)
        _ = try run(rudder, ["package", chart.path, "-d", "a"], in: dir)
        _ = try run(rudder, ["package", chart.path, "-d", "b"], in: dir)
        _ = try run(rudder, ["package", chart.path, "-d", "c"], in: dir, env: ["SOURCE_DATE_EPOCH": "1700000000"])
        let a = try Data(contentsOf: dir.appendingPathComponent("a/demo-0.3.0.tgz"))
        let b = try Data(contentsOf: dir.appendingPathComponent("b/demo-0.3.0.tgz"))
        let c = try Data(contentsOf: dir.appendingPathComponent("c/demo-0.3.0.tgz"))
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        let listing = try run(
            python, ["-c", "import sys, tarfile; [print(m.name, m.mtime, oct(m.mode)) for m in tarfile.open(sys.argv[1])]", "c/demo-0.3.0.tgz"],
            in: dir)
        XCTAssertEqual(
            listing.stdout,
            """
            demo/Chart.yaml 1700000000 0o644
            demo/values.yaml 1700000000 0o644
            demo/templates/cm.yaml 1700000000 0o644
            demo/.helmignore 1700000000 0o644

            """)
    }

    func testPackageErrorsAreReportedAsHelmDoesWithExitStatusOne() throws {
        let dir = try temporaryFolder()
        let chart = try makeChart(in: dir)
        let missing = try run(rudder, ["package", "nope"], in: dir)
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "Error: stat nope: no such file or directory\n")
        let badVersion = try run(rudder, ["package", chart.path, "--version", "one"], in: dir)
        XCTAssertEqual(badVersion.status, 1)
        XCTAssertEqual(badVersion.stderr, "Error: invalid semantic version\n")
        try "x".write(to: dir.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        let unwritable = try run(rudder, ["package", chart.path, "-d", "file/sub"], in: dir)
        XCTAssertEqual(unwritable.status, 1)
        XCTAssertEqual(unwritable.stderr, "Error: failed to save: stat file/sub: stat file/sub: not a directory\n")
    }

    func testRepoIndexWritesWhatHelmWritesApartFromTimestamps() throws {
        let dir = try temporaryFolder()
        let charts = dir.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: charts, withIntermediateDirectories: true)
        for (name, version) in [("demo", "0.3.0"), ("demo", "0.10.0"), ("other", "1.0.0-rc.1")] {
            let c = try makeChart(in: charts.appendingPathComponent("\(name)-\(version)"), name: name, version: version)
            XCTAssertEqual(try run(rudder, ["package", c.path, "-d", "../../../repo"], in: c).status, 0)
        }
        try FileManager.default.copyItem(at: dir.appendingPathComponent("repo"), to: dir.appendingPathComponent("helm"))
        let r = try run(rudder, ["repo", "index", "repo", "--url", "https://example.com/charts"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        let h = try run(
            python,
            ["-c", "import sys, helm_python as h; h.repo_index_generate(sys.argv[1], base_url=sys.argv[2])", "helm",
             "https://example.com/charts"], in: dir)
        XCTAssertEqual(h.status, 0, h.stderr)
        func masked(_ folder: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent("\(folder)/index.yaml"), encoding: .utf8)
                .split(separator: "\n").filter { !$0.contains("created:") && !$0.hasPrefix("generated:") }
                .joined(separator: "\n")
        }
        let ours = try masked("repo")
        XCTAssertEqual(ours, try masked("helm"))
        XCTAssertTrue(ours.contains("  - https://example.com/charts/demo-0.10.0.tgz"), ours)
    }

    func testRepoIndexMergeRefusesACorruptIndex() throws {
        let dir = try temporaryFolder()
        try "apiVersion: [\n".write(to: dir.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        let r = try run(rudder, ["repo", "index", ".", "--merge", "old.yaml"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(
            r.stderr,
            "Error: merge failed: error loading old.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content\n"
        )
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("index.yaml").path))
    }

    func testRepoIndexMergeCreatesAMissingIndexFirstAsHelmDoes() throws {
        let dir = try temporaryFolder()
        let r = try run(rudder, ["repo", "index", ".", "--merge", "new.yaml"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let created = try String(contentsOf: dir.appendingPathComponent("new.yaml"), encoding: .utf8)
        XCTAssertTrue(created.hasPrefix("apiVersion: v1\nentries: {}\ngenerated: \""), created)
    }
}
