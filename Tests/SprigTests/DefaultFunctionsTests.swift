import Values
import XCTest

final class DefaultFunctionsTests: XCTestCase {
    func testDefaultReplacesGoZeroValues() throws {
        XCTAssertEqual(try call("default", "D", false), "D")
        XCTAssertEqual(try call("default", "D", 0), "D")
        XCTAssertEqual(try call("default", "D", 0.0), "D")
        XCTAssertEqual(try call("default", "D", ""), "D")
        XCTAssertEqual(try call("default", "D", .list([])), "D")
        XCTAssertEqual(try call("default", "D", .map([:])), "D")
        XCTAssertEqual(try call("default", "D", nil), "D")
        XCTAssertEqual(try call("default", "D"), "D")
        XCTAssertEqual(try call("default", "D", .int64(0)), "D")
    }

    func testDefaultKeepsSetValues() throws {
        XCTAssertEqual(try call("default", "D", true), true)
        XCTAssertEqual(try call("default", "D", -1), -1)
        XCTAssertEqual(try call("default", "D", 0.5), 0.5)
        XCTAssertEqual(try call("default", "D", " "), " ")
        XCTAssertEqual(try call("default", "D", "false"), "false")
        XCTAssertEqual(try call("default", "D", ["a": nil]), ["a": nil])
        XCTAssertEqual(try call("default", "D", [0]), [0])
    }

    func testEmptyTreatsBytesListsAndMapsByLength() throws {
        XCTAssertEqual(try call("empty", .bytes([])), true)
        XCTAssertEqual(try call("empty", .bytes([0])), false)
        XCTAssertEqual(try call("empty", "0"), false)
        XCTAssertEqual(try call("empty", ["k": nil]), false)
    }

    func testCoalesceAllAny() throws {
        XCTAssertEqual(try call("coalesce", nil, ""), .null)
        XCTAssertEqual(try call("coalesce"), .null)
        XCTAssertEqual(try call("coalesce", .list([]), [1]), [1])
        XCTAssertEqual(try call("coalesce", nil, nil, "c"), "c")
        XCTAssertEqual(try call("all", 1, "a", true), true)
        XCTAssertEqual(try call("all", 1, "", true), false)
        XCTAssertEqual(try call("all"), true)
        XCTAssertEqual(try call("all", nil), false)
        XCTAssertEqual(try call("any", 0, "", nil), false)
        XCTAssertEqual(try call("any"), false)
        XCTAssertEqual(try call("any", .map([:]), [1]), true)
    }

    func testCompactDropsEmptyElementsOfAnySlice() throws {
        XCTAssertEqual(try call("compact", [0, "", nil, "a", false, .list([]), 1, .map([:])]), ["a", 1])
        XCTAssertEqual(try call("compact", .strings(["a", "", "b"])), ["a", "b"])
        XCTAssertEqual(try call("mustCompact", ["", "x"]), ["x"])
        XCTAssertEqual(failure("compact", "x"), "Cannot compact on type string")
        XCTAssertEqual(failure("compact", 1), "Cannot compact on type int")
        XCTAssertEqual(failure("mustCompact", nil), "runtime error: invalid memory address or nil pointer dereference")
    }

    func testTernaryAndFail() throws {
        XCTAssertEqual(try call("ternary", "a", "b", true), "a")
        XCTAssertEqual(try call("ternary", "a", "b", false), "b")
        XCTAssertEqual(try call("ternary", [1], nil, false), .null)
        XCTAssertEqual(failure("fail", "boom"), "boom")
    }
}
