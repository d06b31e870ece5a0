import XCTest
@testable import Values

final class JSONEncodeTests: XCTestCase {
    func testMapKeysAreSortedByBytes() throws {
        XCTAssertEqual(try JSON.encode(["b": 1, "a": 2]), "{\"a\":2,\"b\":1}")
    }
}
