import Values
import XCTest

final class ListFunctionsTests: XCTestCase {
    let l: Value = [1.0, 2.0, 3.0]

    func testAccessorsWorkOnAnySlice() throws {
        XCTAssertEqual(try call("list", 1, "a", nil), [1, "a", nil])
        XCTAssertEqual(try call("tuple", 1, 2), [1, 2])
        XCTAssertEqual(try call("first", l), 1.0)
        XCTAssertEqual(try call("first", .list([])), .null)
        XCTAssertEqual(try call("first", .strings(["x", "y"])), "x")
        XCTAssertEqual(try call("last", .strings(["x", "y"])), "y")
        XCTAssertEqual(try call("rest", [1]), .list([]))
        XCTAssertEqual(try call("initial", l), [1.0, 2.0])
        XCTAssertEqual(try call("mustRest", [1, 2]), [2])
        XCTAssertEqual(try call("first", .bytes([7])), .int(7, type: .uint8))
    }

    func testAppendPrependConcatReturnInterfaceSlices() throws {
        XCTAssertEqual(try call("append", l, 4), [1.0, 2.0, 3.0, 4])
        XCTAssertEqual(try call("append", .strings(["a", "b"]), 3), ["a", "b", 3])
        XCTAssertEqual(try call("push", .list([]), "x"), ["x"])
        XCTAssertEqual(try call("prepend", [1], 0), [0, 1])
        XCTAssertEqual(try call("concat"), .list([]))
        XCTAssertEqual(try call("concat", [1], .list([]), .strings(["b"])), [1, "b"])
        XCTAssertEqual(failure("concat", [1], 2), "Cannot concat type int as list")
    }

    func testReverseUniqWithoutHasCompareWithDeepEqual() throws {
        XCTAssertEqual(try call("reverse", .strings(["a", "b", "c"])), ["c", "b", "a"])
        XCTAssertEqual(try call("uniq", [nil, nil]), [nil])
        XCTAssertEqual(try call("uniq", [1, 1.0, .int64(1)]), [1, 1.0, .int64(1)])
        XCTAssertEqual(try call("without", l, 2), l)
        XCTAssertEqual(try call("without", [1, 1, 2], 1), [2])
        XCTAssertEqual(try call("without", ["a", nil], nil), ["a"])
        XCTAssertEqual(try call("has", 1.0, l), true)
        XCTAssertEqual(try call("has", "1", l), false)
        XCTAssertEqual(try call("has", .int64(1), l), false)
        XCTAssertEqual(try call("has", 1, nil), false)
        XCTAssertEqual(try call("has", nil, [nil]), true)
    }

    func testNonSlicesFailNamingTheirKind() {
        XCTAssertEqual(failure("first", "abc"), "Cannot find first on type string")
        XCTAssertEqual(failure("first", ["k": 1]), "Cannot find first on type map")
        XCTAssertEqual(failure("rest", 5), "Cannot find rest on type int")
        XCTAssertEqual(failure("append", "abc", "d"), "Cannot push on type string")
        XCTAssertEqual(failure("mustAppend", 5, 1), "Cannot push on type int")
        XCTAssertEqual(failure("prepend", "x", 1), "Cannot prepend on type string")
        XCTAssertEqual(failure("uniq", "x"), "Cannot find uniq on type string")
        XCTAssertEqual(failure("without", "x", 1), "Cannot find without on type string")
        XCTAssertEqual(failure("has", 1, "abc"), "Cannot find has on type string")
        XCTAssertEqual(failure("mustReverse", 1), "Cannot find reverse on type int")
    }

    func testNilPanicsAsNilDereference() {
        let msg = "runtime error: invalid memory address or nil pointer dereference"
        for name in ["first", "reverse", "uniq", "slice", "mustLast"] { XCTAssertEqual(failure(name, nil), msg, name) }
        XCTAssertEqual(failure("append", nil, 1), msg)
        XCTAssertEqual(failure("without", nil, 1), msg)
    }

    func testSliceIsSprigsListSlice() throws {
        XCTAssertEqual(try call("slice", l, 1), [2.0, 3.0])
        XCTAssertEqual(try call("slice", l, 1, 1, 3), .list([]))
        XCTAssertEqual(try call("slice", [1, 2, 3, 4], 1, 3), [2, 3])
        XCTAssertEqual(try call("slice", .list([]), 0, 5), .null)
        XCTAssertEqual(try call("slice", [1, 2, 3], 1.9), [2, 3])
        XCTAssertEqual(try call("slice", [1, 2, 3], "1"), [2, 3])
        XCTAssertEqual(try call("slice", [1, 2, 3], 3), .list([]))
        XCTAssertEqual(try call("slice", .strings(["a", "b", "c"]), 1), .strings(["b", "c"]))
        XCTAssertEqual(failure("slice", "abc"), "list should be type of slice or array but string")
        XCTAssertEqual(failure("slice", ["k": 1], 0), "list should be type of slice or array but map")
        XCTAssertEqual(failure("slice", [1, 2, 3], 4), "reflect.Value.Slice: slice index out of bounds")
        XCTAssertEqual(failure("slice", [1, 2, 3], -1), "reflect.Value.Slice: slice index out of bounds")
        XCTAssertEqual(failure("mustSlice", [1], 5), "reflect.Value.Slice: slice index out of bounds")
    }

    func testChunkSplitsIntoSlicesOfSlices() throws {
        let chunked = try call("chunk", 2, [1, 2, 3, 4, 5])
        XCTAssertEqual(chunked, .list([[1, 2], [3, 4], [5]], type: .slice(.interfaceSlice)))
        XCTAssertEqual(chunked.typeName, "[][]interface {}")
        XCTAssertEqual(try call("chunk", 3, [1, 2]), .list([[1, 2]], type: .slice(.interfaceSlice)))
        XCTAssertEqual(try call("chunk", -2, [1, 2, 3]), .list([], type: .slice(.interfaceSlice)))
        XCTAssertEqual(failure("chunk", 0, [1]), "runtime error: makeslice: len out of range")
        XCTAssertEqual(failure("chunk", -1, [1]), "runtime error: makeslice: len out of range")
        XCTAssertEqual(failure("chunk", 2, "x"), "Cannot chunk type string")
    }
}
