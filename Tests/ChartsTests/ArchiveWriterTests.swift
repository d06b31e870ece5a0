import Foundation
import XCTest
@testable import Charts

/// The tar and gzip writers: Go's header layout, long names, Helm's gzip header, and
/// archives that Helm's loader (and ours) read back.
final class ArchiveWriterTests: XCTestCase {
    private func tarGz(_ entries: [(String, String)], time: Int64 = 0) throws -> [UInt8] {
        var tar = TarWriter()
        for (name, text) in entries { try tar.append(.init(name: name, data: Array(text.utf8), modificationTime: time)) }
        tar.finish()
        return try GzipWriter.compress(tar.bytes)
    }

    func testHeaderFieldsAreGoUSTAR() throws {
        var tar = TarWriter()
        try tar.append(.init(name: "c/Chart.yaml", data: Array("abc".utf8), modificationTime: 1_795_293_143))
        let h = Array(tar.bytes.prefix(512))
        func field(_ r: Range<Int>) -> String { String(decoding: h[r], as: UTF8.self) }
        XCTAssertEqual(field(100..<108), "0000644\0")
        XCTAssertEqual(field(108..<116), "0000000\0")
        XCTAssertEqual(field(124..<136), "00000000003\0")
        XCTAssertEqual(field(136..<148), "15300377727\0")
        XCTAssertEqual(h[156], UInt8(ascii: "0"))
        XCTAssertEqual(field(257..<265), "ustar\u{0}00")
        XCTAssertEqual(field(329..<345), "0000000\u{0}0000000\u{0}")
        XCTAssertEqual(h[154], 0)
        XCTAssertEqual(h[155], 0x20)
        XCTAssertEqual(tar.bytes.count, 1024)
    }

    func testGzipHeaderCarriesHelmsExtraAndCommentAndNoTime() throws {
        let gz = try GzipWriter.compress(Array("hello".utf8))
        XCTAssertEqual(Array(gz.prefix(12)), [0x1F, 0x8B, 8, 0x14, 0, 0, 0, 0, 0, 0xFF, 41, 0])
        XCTAssertEqual(String(decoding: gz[12..<53], as: UTF8.self), "+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=")
        XCTAssertEqual(Array(gz[53..<58]), Array("Helm\0".utf8))
        let inflater = try GzipInflater(gz)
        XCTAssertEqual(Array(try inflater.read(100)), Array("hello".utf8))
    }

    func testUSTARPrefixSplitsLongPathsAtASlash() throws {
        let name = "chart/templates/" + String(repeating: "d", count: 90) + "/" + String(repeating: "f", count: 60) + ".yaml"
        XCTAssertGreaterThan(name.utf8.count, 100)
        var tar = TarWriter()
        try tar.append(.init(name: name, data: [], modificationTime: 0))
        XCTAssertEqual(tar.bytes[345], UInt8(ascii: "c"))
        let files = try ArchiveChartFiles.load(try tarGz([(name, "x"), ("chart/Chart.yaml", "")]), name: "t")
        XCTAssertEqual(files.first?.name, String(name.dropFirst("chart/".count)))
    }

    func testNamesNoSplitCanHoldGoThroughPAX() throws {
        let long = "chart/templates/" + String(repeating: "n", count: 180) + ".yaml"
        var tar = TarWriter()
        try tar.append(.init(name: long, data: [], modificationTime: 0))
        XCTAssertEqual(tar.bytes[156], UInt8(ascii: "x"))
        XCTAssertTrue(String(decoding: tar.bytes.prefix(100), as: UTF8.self).hasPrefix("chart/templates/PaxHeaders.0/nnn"))
        let files = try ArchiveChartFiles.load(try tarGz([(long, "x")]), name: "t")
        XCTAssertEqual(files.map(\.name), [String(long.dropFirst("chart/".count))])
    }

    func testNonASCIINamesGoThroughPAX() throws {
        let files = try ArchiveChartFiles.load(try tarGz([("chart/files/naïve.txt", "x")]), name: "t")
        XCTAssertEqual(files.map(\.name), ["files/naïve.txt"])
    }

    func testPAXRecordLengthCountsItself() {
        XCTAssertEqual(String(decoding: TarWriter.paxRecord("path", "abc"), as: UTF8.self), "12 path=abc\n")
        let value = String(repeating: "v", count: 89)  // 1 + 5 + 89 + 1 = 96 → 98 with "98"
        XCTAssertEqual(String(decoding: TarWriter.paxRecord("path", value), as: UTF8.self), "98 path=\(value)\n")
        let edge = String(repeating: "v", count: 91)  // 98 + 2 = 100: three digits → 101
        XCTAssertEqual(String(decoding: TarWriter.paxRecord("path", edge), as: UTF8.self), "101 path=\(edge)\n")
    }

    func testHelmLoadsAChartWithLongFileNames() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let chart = dir.appendingPathComponent("long")
        let deep = chart.appendingPathComponent("files/" + String(repeating: "d", count: 70) + "/" + String(repeating: "e", count: 70))
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try "apiVersion: v2\nname: long\nversion: 1.0.0\n".write(
            to: chart.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try "a".write(to: deep.appendingPathComponent(String(repeating: "f", count: 120) + ".txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "{{ range $p, $_ := .Files }}{{ $p }}\n{{ end }}".write(
            to: chart.appendingPathComponent("templates/" + String(repeating: "t", count: 110) + ".txt"), atomically: true,
            encoding: .utf8)
        let archive = try ChartPackager(destination: dir.path).package(chart.path)
        let out = try HelmPython.run(
            """
            import sys, json, helm_python as h
            c = h.Chart.load(sys.argv[1])
            print(json.dumps({"files": [f["name"] for f in c.files], "templates": [t["name"] for t in c.templates]}))
            """, [archive])
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: [String]]
        XCTAssertEqual(
            json?["files"],
            ["files/" + String(repeating: "d", count: 70) + "/" + String(repeating: "e", count: 70) + "/" + String(repeating: "f", count: 120) + ".txt"])
        XCTAssertEqual(json?["templates"], ["templates/" + String(repeating: "t", count: 110) + ".txt"])
    }
}
