import Foundation
import XCTest

/// The hidden `rudder conformance template-cases` command speaks the renderer contract of
/// the shared table: JSONL in, one JSON answer per line out, in order.
final class TemplateCasesCommandTests: XCTestCase {
    var rudder: URL {
        // The test bundle sits in the build products folder beside the executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("rudder").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("rudder")
    }

    func run(_ args: [String], input: String) throws -> String {
        let p = Process()
        p.executableURL = rudder
        p.arguments = args
        let stdin = Pipe()
        let stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        try p.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }

    func testBatchAnswersEachCaseOnItsOwnLineInOrder() throws {
        let input = """
            {"id":"a/1","template":"{{ .Values.x }}","values":{"x":1000000}}
            {"id":"a/2","template":"{{ nosuch }}"}
            {"id":"a/3","template":"{{ .Release.Name }}/{{ .Chart.Name }}"}

            """
        let lines = try run(["conformance", "template-cases", "--batch"], input: input)
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0], #"{"output":"1e+06"}"#)
        XCTAssertTrue(lines[1].hasPrefix(#"{"error":"parse error at (testchart/templates/case.yaml:1): function \"nosuch\" not defined"#), lines[1])
        XCTAssertEqual(lines[2], #"{"output":"my-release/testchart"}"#)
    }

    func testSingleCaseMode() throws {
        let out = try run(["conformance", "template-cases"], input: #"{"template":"{{ 1 | add 2 }}"}"#)
        XCTAssertEqual(out, "{\"output\":\"3\"}\n")
    }

    func testConformanceCommandIsHiddenFromHelp() throws {
        let help = try run(["--help"], input: "")
        XCTAssertTrue(help.contains("version"))
        XCTAssertFalse(help.contains("conformance"))
    }
}
