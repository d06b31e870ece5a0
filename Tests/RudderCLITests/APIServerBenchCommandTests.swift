import Foundation
import XCTest

/// `rudder bench apiserver` with tiny counts: every figure line is printed and the counts
/// behind it add up (all objects created, applied and listed, every watcher saw every
/// update). Timings are never asserted: machines are shared and noisy.
final class APIServerBenchCommandTests: XCTestCase {
    struct Run: Sendable {
        var stdout: String
        var stderr: String
        var status: Int32

        func line(_ prefix: String) -> String? {
            stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix(prefix) }
        }
    }

    static var rudder: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("rudder").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("rudder")
    }

    static func run(_ args: [String]) -> Run {
        let p = Process()
        p.executableURL = rudder
        p.arguments = args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return Run(stdout: "", stderr: "cannot start rudder: \(error)", status: -1) }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self), status: p.terminationStatus)
    }

    /// One small run shared by the tests below (each asserts one of its figures).
    static let small = run([
        "bench", "apiserver", "--objects", "50", "--lists", "2", "--page-size", "20", "--watchers", "10", "--updates", "40",
    ])

    func testSmallRunSucceeds() {
        XCTAssertEqual(Self.small.status, 0, Self.small.stderr)
    }

    func testCreateCountsEveryConfigMap() {
        XCTAssertTrue(Self.small.line("create: 50 objects in ")?.hasSuffix(" objects/s") == true, Self.small.stdout)
    }

    func testServerSideApplyCountsEveryConfigMap() {
        XCTAssertTrue(Self.small.line("ssa: 50 objects in ")?.hasSuffix(" objects/s") == true, Self.small.stdout)
    }

    func testWholeListsReturnEveryConfigMapEachTime() {
        XCTAssertTrue(Self.small.line("list: 100 objects in ")?.hasSuffix("ms per list of 50") == true, Self.small.stdout)
    }

    func testPaginatedListsFollowContinueThroughEveryPage() {
        XCTAssertTrue(Self.small.line("list (limit=20): 100 objects in ")?.hasSuffix("ms per list of 50 in 3 pages") == true, Self.small.stdout)
    }

    func testEveryWatcherSeesEveryUpdate() {
        XCTAssertNotNil(Self.small.line("watch: 10 watchers x 40 updates = 400 of 400 events delivered in "), Self.small.stdout)
    }

    func testWatchLatencyPercentilesArePrinted() {
        let line = Self.small.line("watch latency: ")
        XCTAssertNotNil(line, Self.small.stdout)
        XCTAssertEqual(line.map { ["p50 ", "p99 ", "max "].allSatisfy($0.contains) }, true)
    }

    func testPeakResidentMemoryIsPrintedLast() {
        XCTAssertTrue(Self.small.stdout.split(separator: "\n").last?.hasPrefix("peak RSS: ") == true, Self.small.stdout)
    }

    func testCountsBelowOneAreRejected() {
        let r = Self.run(["bench", "apiserver", "--watchers", "0"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--watchers must be at least 1"), r.stderr)
    }
}
