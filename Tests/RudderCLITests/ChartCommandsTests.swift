import Foundation
import XCTest

/// The chart commands as a user runs them: Helm's output layout and exit statuses.
final class ChartCommandsTests: XCTestCase {
    var rudder: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("rudder").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("rudder")
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lint")

    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    func run(_ args: [String], in dir: URL? = nil) throws -> Run {
        let p = Process()
        p.executableURL = rudder
        p.arguments = args
        if let dir { p.currentDirectoryURL = dir }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self), status: p.terminationStatus)
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testLintOfAGoodChartPrintsFindingsAndSummary() throws {
        let path = Self.fixtures.appendingPathComponent("good").path
        let r = try run(["lint", path])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(
            r.stdout, "==> Linting \(path)\n[INFO] Chart.yaml: icon is recommended\n\n1 chart(s) linted, 0 chart(s) failed\n")
    }

    func testLintOfABrokenChartFailsWithHelmsSummaryOnStderr() throws {
        let path = Self.fixtures.appendingPathComponent("noselector").path
        let r = try run(["lint", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("[ERROR] templates/d.yaml: a Deployment must contain matchLabels or matchExpressions"))
        XCTAssertEqual(r.stderr, "Error: 1 chart(s) linted, 1 chart(s) failed\n")
    }

    func testLintQuietPrintsNothingForACleanChart() throws {
        let r = try run(["lint", "--quiet", Self.fixtures.appendingPathComponent("good").path])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "")
    }

    func testLintWithSubchartsLintsEachChartUnderCharts() throws {
        let path = Self.fixtures.appendingPathComponent("undeclared").path
        let r = try run(["lint", "--with-subcharts", path])
        XCTAssertTrue(r.stdout.contains("==> Linting \(path)/charts/extra\n"))
        XCTAssertTrue(r.stderr.hasPrefix("Error: 2 chart(s) linted, 1 chart(s) failed"))
    }

    func testLintSetFlagReachesTheRender() throws {
        let path = Self.fixtures.appendingPathComponent("schema").path
        let r = try run(["lint", path, "--set", "b=1", "--set-string", "a=x"])
        XCTAssertEqual(r.status, 0, r.stdout)
    }

    func testCreateThenLintAndShow() throws {
        let dir = try temporaryFolder()
        let created = try run(["create", "webapp"], in: dir)
        XCTAssertEqual(created.status, 0)
        XCTAssertEqual(created.stdout, "Creating webapp\n")
        let lint = try run(["lint", "webapp"], in: dir)
        XCTAssertEqual(lint.status, 0, lint.stdout)
        let show = try run(["show", "chart", "webapp"], in: dir)
        XCTAssertEqual(
            show.stdout,
            "apiVersion: v2\nappVersion: 1.16.0\ndescription: A Helm chart for Kubernetes\nname: webapp\ntype: application\nversion: 0.1.0\n\n")
    }

    func testCreateRefusesABadNameLikeHelm() throws {
        let r = try run(["create", "no way"], in: try temporaryFolder())
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: chart name must match the regular expression \"^[a-zA-Z0-9._-]+$\"\n")
    }

    func testShowOfAMissingChartFails() throws {
        let r = try run(["show", "values", "/nonexistent/chart"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("Error: "))
    }

    func testBashCompletionScriptIsValidBash() throws {
        let r = try run(["completion", "bash"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("lint"))
        let file = try temporaryFolder().appendingPathComponent("rudder.bash")
        try r.stdout.write(to: file, atomically: true, encoding: .utf8)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-n", file.path]
        try bash.run()
        bash.waitUntilExit()
        XCTAssertEqual(bash.terminationStatus, 0)
    }

    func testZshAndFishCompletionScriptsNameTheCommands() throws {
        for shell in ["zsh", "fish"] {
            let r = try run(["completion", shell])
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.contains("create"), shell)
        }
    }
}
