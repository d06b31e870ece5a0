import Values
import XCTest

final class StringListFunctionsTests: XCTestCase {
    func testSplitListReturnsStringSlice() throws {
        XCTAssertEqual(try call("splitList", ",", "a,b,c"), .strings(["a", "b", "c"]))
        XCTAssertEqual(try call("splitList", ",", "a,,b,"), .strings(["a", "", "b", ""]))
        XCTAssertEqual(try call("splitList", ", ", "a, b"), .strings(["a", "b"]))
        XCTAssertEqual(try call("splitList", ",", ""), .strings([""]))
        XCTAssertEqual(try call("splitList", "", "aé"), .strings(["a", "é"]))
    }

    func testSplitAndSplitnReturnIndexedStringMaps() throws {
        XCTAssertEqual(try call("split", ",", "a,b,c"), .map(["_0": "a", "_1": "b", "_2": "c"], type: .stringMap))
        XCTAssertEqual(try call("split", ",", ""), .map(["_0": ""], type: .stringMap))
        XCTAssertEqual(try call("split", "", "ab"), .map(["_0": "a", "_1": "b"], type: .stringMap))
        XCTAssertEqual(try call("splitn", ",", 0, "a,b"), .map([:], type: .stringMap))
        XCTAssertEqual(try call("splitn", ",", 1, "a,b"), .map(["_0": "a,b"], type: .stringMap))
        XCTAssertEqual(try call("splitn", ",", 2, "a,b,c"), .map(["_0": "a", "_1": "b,c"], type: .stringMap))
    }

    func testToStringsAndJoinDropNils() throws {
        XCTAssertEqual(try call("toStrings", [1, "a", nil, true, 1.5]), .strings(["1", "a", "true", "1.5"]))
        XCTAssertEqual(try call("toStrings", "x"), .strings(["x"]))
        XCTAssertEqual(try call("toStrings", nil), .strings([]))
        XCTAssertEqual(try call("toStrings", 5), .strings(["5"]))
        XCTAssertEqual(try call("toStrings", [[1]]), .strings(["[1]"]))
        XCTAssertEqual(try text("join", ",", [1, "a", nil]), "1,a")
        XCTAssertEqual(try text("join", ",", .list([])), "")
        XCTAssertEqual(try text("join", ",", nil), "")
        XCTAssertEqual(try text("join", "é", ["a", "b"]), "aéb")
        XCTAssertEqual(try text("join", ",", [true, 1.5, 42.0]), "true,1.5,42")
        XCTAssertEqual(try text("join", ",", .list([0, 1, 2], type: .intSlice)), "0,1,2")
    }

    func testSortAlphaSortsBytewise() throws {
        XCTAssertEqual(try call("sortAlpha", ["b", "B", "a", "A", "_", "1"]), .strings(["1", "A", "B", "_", "a", "b"]))
        XCTAssertEqual(try call("sortAlpha", [10, 9, 100]), .strings(["10", "100", "9"]))
        XCTAssertEqual(try call("sortAlpha", ["é", "e", "f"]), .strings(["e", "f", "é"]))
        XCTAssertEqual(try call("sortAlpha", "notalist"), .strings(["notalist"]))
        XCTAssertEqual(try call("sortAlpha", nil), .strings(["<nil>"]))
        XCTAssertEqual(try call("sortAlpha", [nil, "a"]), .strings(["a"]))
    }
}
