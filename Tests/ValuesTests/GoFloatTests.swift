import Values
import XCTest

/// `strconv.FormatFloat` as Go prints float64 (expectations from real Helm's `printf`).
final class GoFloatTests: XCTestCase {
    func testShortestGFormatSwitchesToExponentLikeGo() {
        XCTAssertEqual(GoFloat.format(1_000_000, "g"), "1e+06")
        XCTAssertEqual(GoFloat.format(0.1, "g"), "0.1")
        XCTAssertEqual(GoFloat.format(1e21, "g"), "1e+21")
        XCTAssertEqual(GoFloat.format(123_456_789, "g"), "1.23456789e+08")
        XCTAssertEqual(GoFloat.format(0.000001, "g"), "1e-06")
        XCTAssertEqual(GoFloat.format(0.00001234, "g"), "1.234e-05")
        XCTAssertEqual(GoFloat.format(5e-324, "g"), "5e-324")
        XCTAssertEqual(GoFloat.format(1.7976931348623157e308, "g"), "1.7976931348623157e+308")
        XCTAssertEqual(GoFloat.format(100_000, "g"), "100000")
    }

    func testFixedPrecisionRoundsHalfToEven() {
        XCTAssertEqual(GoFloat.format(2.5, "f", precision: 0), "2")
        XCTAssertEqual(GoFloat.format(3.5, "f", precision: 0), "4")
        XCTAssertEqual(GoFloat.format(0.5, "f", precision: 0), "0")
        XCTAssertEqual(GoFloat.format(0.25, "f", precision: 1), "0.2")
        XCTAssertEqual(GoFloat.format(-0.0005, "f", precision: 3), "-0.001")
    }

    func testPrecisionWithGAndE() {
        XCTAssertEqual(GoFloat.format(1.0, "g", precision: 3), "1")
        XCTAssertEqual(GoFloat.format(1234.5678, "g", precision: 3), "1.23e+03")
        XCTAssertEqual(GoFloat.format(123_456, "g", precision: 4), "1.235e+05")
        XCTAssertEqual(GoFloat.format(0.1, "g", precision: 10), "0.1")
        XCTAssertEqual(GoFloat.format(1234.5678, "e", precision: 6), "1.234568e+03")
        XCTAssertEqual(GoFloat.format(0.000123456, "e", precision: 2), "1.23e-04")
        XCTAssertEqual(GoFloat.format(1e-10, "E", precision: 6), "1.000000E-10")
        XCTAssertEqual(GoFloat.format(1e-7, "G"), "1E-07")
    }

    func testShortestFAndEFormats() {
        XCTAssertEqual(GoFloat.format(1.2345678901234567e19, "f"), "12345678901234567000")
        XCTAssertEqual(GoFloat.format(1e21, "e"), "1e+21")
        XCTAssertEqual(GoFloat.format(0, "e"), "0e+00")
        XCTAssertEqual(GoFloat.format(3.14159, "f", precision: 6), "3.141590")
    }

    func testSignedZeroAndSpecialValues() {
        XCTAssertEqual(GoFloat.format(-0.0, "g"), "-0")
        XCTAssertEqual(GoFloat.format(.nan, "g"), "NaN")
        XCTAssertEqual(GoFloat.format(.infinity, "g"), "+Inf")
        XCTAssertEqual(GoFloat.format(-.infinity, "f"), "-Inf")
    }
}
