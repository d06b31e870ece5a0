import Values
import XCTest

final class ConversionFunctionsTests: XCTestCase {
    func testIntFollowsSpf13Cast() throws {
        XCTAssertEqual(try call("int", 1.9), .int(1))
        XCTAssertEqual(try call("int", -1.9), .int(-1))
        XCTAssertEqual(try call("int", "12"), .int(12))
        XCTAssertEqual(try call("int", "x"), .int(0))
        XCTAssertEqual(try call("int", true), .int(1))
        XCTAssertEqual(try call("int", nil), .int(0))
        XCTAssertEqual(try call("int", "0x1A"), .int(26))
        XCTAssertEqual(try call("int", "010"), .int(8))
        XCTAssertEqual(try call("int", "0o10"), .int(8))
        XCTAssertEqual(try call("int", "1_000"), .int(1000))
        XCTAssertEqual(try call("int", "08"), .int(0))
        XCTAssertEqual(try call("int", "009"), .int(0))
        XCTAssertEqual(try call("int", .int64(9)), .int(9))
    }

    func testInt64ParsesAndTruncates() throws {
        XCTAssertEqual(try call("int64", "9223372036854775807"), .int64(Int64.max))
        XCTAssertEqual(try call("int64", "9223372036854775808"), .int64(0))
        XCTAssertEqual(try call("int64", 1.5), .int64(1))
        XCTAssertEqual(try call("int64", "1e3"), .int64(0))
        XCTAssertEqual(try call("int64", "12.00"), .int64(12))
        XCTAssertEqual(try call("int64", "1."), .int64(0))
        XCTAssertEqual(try call("int64", 1e20), .int64(Int64.min))
        XCTAssertEqual(try call("int64", -1234.5678), .int64(-1234))
    }

    func testFloat64ParsesGoFloatSyntax() throws {
        XCTAssertEqual(try call("float64", 1), .float(1))
        XCTAssertEqual(try call("float64", "abc"), .float(0))
        XCTAssertEqual(try call("float64", "1e3"), .float(1000))
        XCTAssertEqual(try call("float64", true), .float(1))
        XCTAssertEqual(try call("float64", "0x10"), .float(0))
        XCTAssertEqual(try call("float64", "0x1p4"), .float(16))
        XCTAssertEqual(try call("float64", " 1.5"), .float(0))
        XCTAssertEqual(try call("float64", "1_000.5"), .float(1000.5))
        XCTAssertEqual(try call("float64", "inf"), .float(.infinity))
        XCTAssertEqual(try call("float64", "1.5e400"), .float(0))
        XCTAssertEqual(try call("float64", "+nan"), .float(0))
        guard case .float(let z) = try call("float64", "-0") else { return XCTFail() }
        XCTAssertEqual(z.sign, .minus)
    }

    func testAtoiDropsErrors() throws {
        XCTAssertEqual(try call("atoi", "1.5"), .int(0))
        XCTAssertEqual(try call("atoi", " 1"), .int(0))
        XCTAssertEqual(try call("atoi", "-3"), .int(-3))
        XCTAssertEqual(try call("atoi", "+3"), .int(3))
        XCTAssertEqual(try call("atoi", ""), .int(0))
        XCTAssertEqual(try call("atoi", "007"), .int(7))
        XCTAssertEqual(try call("atoi", "99999999999999999999"), .int(Int.max))
    }

    func testToDecimalReadsOctalText() throws {
        XCTAssertEqual(try call("toDecimal", "0777"), .int64(511))
        XCTAssertEqual(try call("toDecimal", "777"), .int64(511))
        XCTAssertEqual(try call("toDecimal", 10), .int64(8))
        XCTAssertEqual(try call("toDecimal", "x"), .int64(0))
        XCTAssertEqual(try call("toDecimal", "0o17"), .int64(0))
        XCTAssertEqual(try call("toDecimal", "-10"), .int64(-8))
        XCTAssertEqual(try call("toDecimal", true), .int64(0))
    }

    func testToStringUsesStrval() throws {
        XCTAssertEqual(try text("toString", 1.5), "1.5")
        XCTAssertEqual(try text("toString", true), "true")
        XCTAssertEqual(try text("toString", nil), "<nil>")
        XCTAssertEqual(try text("toString", "s"), "s")
        XCTAssertEqual(try text("toString", .bytes(Array("hi".utf8))), "hi")
        XCTAssertEqual(try text("toString", .int64(5)), "5")
    }
}
