import Values
import XCTest

final class MathFunctionsTests: XCTestCase {
    func testIntegerMathConvertsWithCastAndReturnsInt64() throws {
        XCTAssertEqual(try call("add", 1, 2), .int64(3))
        XCTAssertEqual(try call("add", "3", 4), .int64(7))
        XCTAssertEqual(try call("add", "x", 1), .int64(1))
        XCTAssertEqual(try call("add"), .int64(0))
        XCTAssertEqual(try call("add", 1.5, 1), .int64(2))
        XCTAssertEqual(try call("add", "1.9", 1), .int64(1))
        XCTAssertEqual(try call("add", "0x10", 1), .int64(17))
        XCTAssertEqual(try call("add", "010", 1), .int64(9))
        XCTAssertEqual(try call("add", " 5", 1), .int64(1))
        XCTAssertEqual(try call("add1", nil), .int64(1))
        XCTAssertEqual(try call("sub", 1.9, 0.9), .int64(1))
        XCTAssertEqual(try call("mul", 1.5, 2), .int64(2))
        XCTAssertEqual(try call("mul", "3", "4"), .int64(12))
        XCTAssertEqual(try call("mul", 9223372036854775807, 2), .int64(-2))
    }

    func testDivisionTruncatesTowardZero() throws {
        XCTAssertEqual(try call("div", 7, 2), .int64(3))
        XCTAssertEqual(try call("div", -7, 2), .int64(-3))
        XCTAssertEqual(try call("div", 7, -2), .int64(-3))
        XCTAssertEqual(try call("mod", -7, 3), .int64(-1))
        XCTAssertEqual(try call("mod", 7, -3), .int64(1))
        XCTAssertEqual(try call("mod", 1.5, 1), .int64(0))
        XCTAssertEqual(failure("mod", 1, 0), "runtime error: integer divide by zero")
        XCTAssertEqual(failure("div", 1, 0), "runtime error: integer divide by zero")
    }

    func testMaxMinAndFloatVariants() throws {
        XCTAssertEqual(try call("max", 1, 2, 3, -1), .int64(3))
        XCTAssertEqual(try call("biggest", 3, 7, 2), .int64(7))
        XCTAssertEqual(try call("min", 2.9, 3), .int64(2))
        XCTAssertEqual(try call("maxf", 1.5, "2.5"), .float(2.5))
        XCTAssertEqual(try call("maxf", -1, -2), .float(-1))
        XCTAssertEqual(try call("minf", 1.5, 1.4, 1.6), .float(1.4))
    }

    func testDecimalFloatMathIsExactInDecimal() throws {
        XCTAssertEqual(try call("addf", 1.1, 2.2), .float(3.3))
        XCTAssertEqual(try call("addf", 0.1, 0.2), .float(0.3))
        XCTAssertEqual(try call("addf"), .float(0))
        XCTAssertEqual(try call("addf", 1e20, 1), .float(1e20))
        XCTAssertEqual(try call("add1f", "1.5"), .float(2.5))
        XCTAssertEqual(try call("subf", 1, 0.9), .float(0.1))
        XCTAssertEqual(try call("mulf", 0.1, 3), .float(0.3))
        XCTAssertEqual(try call("mulf", 1.1, 1.1), .float(1.21))
        XCTAssertEqual(try call("mulf", 1e-300, 1e-300), .float(0))
        XCTAssertEqual(try call("divf", 1, 3), .float(0.3333333333333333))
        XCTAssertEqual(try call("divf", 2, 0.5), .float(4))
        XCTAssertEqual(failure("divf", 1, 0), "decimal division by 0")
        XCTAssertEqual(failure("addf", .float(.nan), 1), "Cannot create a Decimal from NaN")
    }

    func testRoundingFloorCeil() throws {
        XCTAssertEqual(try call("round", 2.5, 0), .float(3))
        XCTAssertEqual(try call("round", 1.2345, 2), .float(1.23))
        XCTAssertEqual(try call("round", 1.2355, 3), .float(1.236))
        XCTAssertEqual(try call("round", 1.25, 1), .float(1.3))
        XCTAssertEqual(try call("round", 123.456, -1), .float(120))
        XCTAssertEqual(try call("round", 1.5, 0, 0.6), .float(1))
        XCTAssertEqual(try call("round", 1.55, 1, 0.4), .float(1.6))
        XCTAssertEqual(try call("round", 0.045, 2), .float(0.05))
        XCTAssertEqual(try call("round", -2.5, 0), .float(-3))
        XCTAssertEqual(try call("round", 2.675, 2), .float(2.68))
        XCTAssertEqual(try call("round", 1.005, 2), .float(1))
        XCTAssertEqual(try call("round", "x", 0), .float(0))
        XCTAssertEqual(try call("ceil", "2.1"), .float(3))
        XCTAssertEqual(try call("floor", -1.2), .float(-2))
        XCTAssertEqual(try call("ceil", nil), .float(0))
    }

    func testSequences() throws {
        let ints = { (v: [Int]) in Value.list(v.map { Value.int($0) }, type: .intSlice) }
        XCTAssertEqual(try call("until", 5), ints([0, 1, 2, 3, 4]))
        XCTAssertEqual(try call("until", -3), ints([0, -1, -2]))
        XCTAssertEqual(try call("until", 0), ints([]))
        XCTAssertEqual(try call("untilStep", 0, 10, 3), ints([0, 3, 6, 9]))
        XCTAssertEqual(try call("untilStep", 10, 0, -3), ints([10, 7, 4, 1]))
        XCTAssertEqual(try call("untilStep", 0, 10, 0), ints([]))
        XCTAssertEqual(try call("untilStep", 0, 10, -1), ints([]))
        XCTAssertEqual(try text("seq", 5), "1 2 3 4 5")
        XCTAssertEqual(try text("seq", 5, 2), "5 4 3 2")
        XCTAssertEqual(try text("seq", 10, -3, 0), "10 7 4 1")
        XCTAssertEqual(try text("seq", -2), "1 0 -1 -2")
        XCTAssertEqual(try text("seq", 1, 0, 5), "")
        XCTAssertEqual(try text("seq"), "")
        XCTAssertEqual(try text("seq", 1, 2, 3, 4), "")
        XCTAssertEqual(try text("seq", 2, -1, 5), "")
    }

    func testRandInt() throws {
        XCTAssertEqual(try call("randInt", 5, 6), .int(5))
        XCTAssertEqual(failure("randInt", 5, 5), "invalid argument to Intn")
    }
}
