import XCTest

@testable import Values

/// `Values.Table` / `Values.PathValue` (Helm v4.2.3 `pkg/chart/common/values.go`).
final class ValuesPathTests: XCTestCase {
    private let values: [String: Value] = [
        "chapter": ["one": ["title": "Loomings"], "two": ["title": nil]], "top": 1.0,
    ]

    func testTableWalksNestedMaps() throws {
        XCTAssertEqual(try ValuesPath.table(values, "chapter.one"), ["title": "Loomings"])
    }

    func testTableNamesTheStepThatIsNotAMap() {
        XCTAssertThrowsError(try ValuesPath.table(values, "chapter.three")) {
            XCTAssertEqual("\($0)", #""three" is not a table"#)
        }
        XCTAssertThrowsError(try ValuesPath.table(values, "top.x")) { XCTAssertEqual("\($0)", #""top" is not a table"#) }
    }

    func testPathValueReturnsLeavesIncludingNull() throws {
        XCTAssertEqual(try ValuesPath.pathValue(values, "chapter.one.title"), "Loomings")
        XCTAssertEqual(try ValuesPath.pathValue(values, "chapter.two.title"), nil)
        XCTAssertEqual(try ValuesPath.pathValue(values, "top"), 1.0)
    }

    func testPathValueRejectsMapsAndMissingKeysNamingTheLeaf() {
        XCTAssertThrowsError(try ValuesPath.pathValue(values, "chapter.one")) {
            XCTAssertEqual("\($0)", #""one" is not a value"#)
        }
        XCTAssertThrowsError(try ValuesPath.pathValue(values, "chapter.nine.title")) {
            XCTAssertEqual("\($0)", #""title" is not a value"#)
        }
        XCTAssertThrowsError(try ValuesPath.pathValue(values, "")) { XCTAssertEqual("\($0)", "YAML path cannot be empty") }
    }
}
