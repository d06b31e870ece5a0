import XCTest

@testable import rudder

/// The benchmark's List reader: it counts items and reads list metadata without parsing
/// objects, so it must not be fooled by what the objects hold.
final class ListBodyScanTests: XCTestCase {
    func scan(_ text: String) throws -> ListBodyScan { try ListBodyScan(Array(text.utf8)) }

    func testCountsItemsAndReadsListMetadata() throws {
        let list = try scan(#"""
            {"kind":"ConfigMapList","metadata":{"resourceVersion":"42","continue":"abc="},
             "items":[{"metadata":{"name":"a","resourceVersion":"7"}},{"metadata":{"name":"b"}}]}
            """#)
        XCTAssertEqual(list.items, 2)
        XCTAssertEqual(list.resourceVersion, "42")
        XCTAssertEqual(list.continueToken, "abc=")
    }

    func testBracketsAndQuotesInsideStringsAreNotStructure() throws {
        let list = try scan(#"{"metadata":{"resourceVersion":"1"},"items":[{"data":{"k":"}],{\"x\":[\u007b"}},{}]}"#)
        XCTAssertEqual(list.items, 2)
        XCTAssertNil(list.continueToken)
    }

    func testAnEmptyListHasNoItems() throws {
        XCTAssertEqual(try scan(#"{"metadata":{"resourceVersion":"3"},"items":[]}"#).items, 0)
    }

    func testATruncatedBodyIsRejected() {
        XCTAssertThrowsError(try scan(#"{"metadata":{},"items":[{"a":1},"#))
    }

    func testABodyWithoutItemsIsRejected() {
        XCTAssertThrowsError(try scan(#"{"kind":"Status","status":"Failure"}"#))
    }
}
