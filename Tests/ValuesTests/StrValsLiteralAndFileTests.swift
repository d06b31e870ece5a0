import XCTest

@testable import Values

/// `--set-literal` and `--set-file`; expectations from Helm v4.2.3 through the oracle.
final class StrValsLiteralAndFileTests: XCTestCase {
    private func literal(_ line: String) throws -> [String: Value] {
        var values: [String: Value] = [:]
        try StrVals.parseLiteral(line, into: &values)
        return values
    }

    func testLiteralValueIsTheRestOfTheLine() throws {
        XCTAssertEqual(try literal("a=b,c=d"), ["a": "b,c=d"])
        XCTAssertEqual(try literal("a=1,a.b=2"), ["a": "1,a.b=2"])
        XCTAssertEqual(try literal("a.b[1]=x,y"), ["a": ["b": [nil, "x,y"]]])
    }

    func testLiteralHasNoEscapes() throws {
        XCTAssertEqual(try literal("a\\.b=\\,"), ["a\\": ["b": "\\,"]])
    }

    func testLiteralListItemsKeepEmptyTrailingValues() throws {
        XCTAssertEqual(try literal("a[0].b="), ["a": [["b": ""]]])
        XCTAssertEqual(try literal("a[0]"), ["a": []])
        XCTAssertEqual(try literal("=x"), [:])
    }

    func testLiteralErrors() {
        XCTAssertThrowsError(try literal("a")) { XCTAssertEqual("\($0)", #"key "a" has no value"#) }
        XCTAssertThrowsError(try literal("a.=x")) { XCTAssertEqual("\($0)", #"key map "a" has no value"#) }
        XCTAssertThrowsError(try literal("a[0]x=1")) {
            XCTAssertEqual("\($0)", "unexpected data at end of array index: ['x']")
        }
    }

    func testFileValuesAreReadThroughTheReaderAlsoInsideLists() throws {
        let files = ["/f1": "x1\n", "/f2": "x2"]
        var values: [String: Value] = [:]
        var asked: [String] = []
        try StrVals.parseFile("a=/f1,b={/f1,/f2}", into: &values) { path in
            asked.append(path)
            return files[path] ?? ""
        }
        XCTAssertEqual(values, ["a": "x1\n", "b": ["x1\n", "x2"]])
        XCTAssertEqual(asked, ["/f1", "/f1", "/f2"])
    }

    func testFileWithEmptyValueReadsNothing() throws {
        var values: [String: Value] = [:]
        try StrVals.parseFile("a=", into: &values) { _ in
            XCTFail("no file to read")
            return ""
        }
        XCTAssertEqual(values, ["a": ""])
    }

    func testFileReaderErrorsPassThroughUnchanged() {
        struct Missing: Error, CustomStringConvertible {
            var description: String { "open /none: no such file or directory" }
        }
        var values: [String: Value] = [:]
        XCTAssertThrowsError(try StrVals.parseFile("a=/none", into: &values) { _ in throw Missing() }) {
            XCTAssertEqual("\($0)", "open /none: no such file or directory")
        }
    }
}
