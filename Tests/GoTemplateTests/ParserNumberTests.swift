import XCTest

@testable import GoTemplate

/// Number literals keep every interpretation that fits, as Go's `NumberNode` does.
final class ParserNumberTests: XCTestCase {
    func flags(_ literal: String) -> String {
        guard let n = number(literal) else { return "?" }
        var s = ""
        if n.isInt { s += "i" }
        if n.isUint { s += "u" }
        if n.isFloat { s += "f" }
        if n.isComplex { s += "c" }
        return s
    }

    func testSmallIntegerIsIntUintAndFloat() {
        XCTAssertEqual(flags("1"), "iuf")
        XCTAssertEqual(number("1")?.int64, 1)
        XCTAssertEqual(number("1")?.uint64, 1)
        XCTAssertEqual(number("1")?.float64, 1)
    }

    func testNegativeIntegerIsNotUint() {
        XCTAssertEqual(flags("-1"), "if")
        XCTAssertEqual(number("-1")?.int64, -1)
    }

    func testNegativeZeroIsUintToo() {
        XCTAssertEqual(flags("-0"), "iuf")
    }

    func testFractionIsOnlyFloat() {
        XCTAssertEqual(flags("1.5"), "f")
        XCTAssertEqual(number("1.5")?.float64, 1.5)
    }

    func testIntegralExponentFormIsAlsoAnInteger() {
        XCTAssertEqual(flags("1e3"), "iuf")
        XCTAssertEqual(number("1e3")?.int64, 1000)
        XCTAssertEqual(flags("1."), "iuf")
    }

    func testBasePrefixesAndLegacyOctal() {
        XCTAssertEqual(number("0x1F")?.int64, 31)
        XCTAssertEqual(number("0o17")?.int64, 15)
        XCTAssertEqual(number("017")?.int64, 15)
        XCTAssertEqual(number("0b101")?.int64, 5)
        XCTAssertEqual(number("0x_1F")?.int64, 31)
    }

    func testUnderscoresBetweenDigits() {
        XCTAssertEqual(number("1_000")?.int64, 1000)
        XCTAssertEqual(number("1_000.5")?.float64, 1000.5)
    }

    func testLeadingZeroDoesNotMakeFloatsOctal() {
        XCTAssertEqual(number("09.5")?.float64, 9.5)
    }

    func testHexFloat() {
        XCTAssertEqual(flags("0x1p4"), "iuf")
        XCTAssertEqual(number("0x1p4")?.float64, 16)
        XCTAssertEqual(number("0x1.8p1")?.float64, 3)
    }

    func testUint64BeyondInt64IsUintAndFloatOnly() {
        XCTAssertEqual(flags("9223372036854775808"), "uf")
        XCTAssertEqual(number("18446744073709551615")?.uint64, UInt64.max)
    }

    func testMostNegativeInt64() {
        XCTAssertEqual(number("-9223372036854775808")?.int64, Int64.min)
    }

    func testHugeFloatIsNotAnInt() {
        XCTAssertEqual(flags("1e19"), "uf")
        XCTAssertEqual(flags("1e20"), "f")
    }

    func testUnderflowIsZero() {
        XCTAssertEqual(number("1e-400")?.float64, 0)
    }

    func testImaginaryLiteralIsComplexOnly() {
        XCTAssertEqual(flags("1i"), "c")
        XCTAssertEqual(number("1i")?.complex.1, 1)
    }

    func testZeroImaginaryIsAlsoReal() {
        XCTAssertEqual(flags("0i"), "iufc")
    }

    func testComplexLiteral() {
        let n = number("1-2.5e3i")
        XCTAssertEqual(flags("1-2.5e3i"), "c")
        XCTAssertEqual(n?.complex.0, 1)
        XCTAssertEqual(n?.complex.1, -2500)
        XCTAssertEqual(flags("2+0i"), "iufc")
    }

    func testCharConstantsAreRuneValues() {
        XCTAssertEqual(flags("'a'"), "iuf")
        XCTAssertEqual(number("'a'")?.int64, 97)
        XCTAssertEqual(number("'\\n'")?.int64, 10)
        XCTAssertEqual(number("'\\u00e9'")?.int64, 0xE9)
        XCTAssertEqual(number("'é'")?.int64, 0xE9)
        XCTAssertEqual(number("'\\x41'")?.int64, 65)
        XCTAssertEqual(number("'\\''")?.int64, 39)
        XCTAssertEqual(number("'\"'")?.int64, 34)
    }

    func testNumberKeepsItsTextForPrinting() {
        XCTAssertEqual(number("0x1F")?.description, "0x1F")
        XCTAssertEqual(number("'a'")?.description, "'a'")
    }

    func testMalformedNumbersReportGosMessages() {
        XCTAssertEqual(parseError("{{ 08 }}")?.message, "integer overflow: \"08\"")
        XCTAssertEqual(parseError("{{ 99999999999999999999 }}")?.message, "integer overflow: \"99999999999999999999\"")
        XCTAssertEqual(parseError("{{ 1e400 }}")?.message, "illegal number syntax: \"1e400\"")
        XCTAssertEqual(parseError("{{ 0x }}")?.message, "illegal number syntax: \"0x\"")
        XCTAssertEqual(parseError("{{ 1__0 }}")?.message, "illegal number syntax: \"1__0\"")
        XCTAssertEqual(parseError("{{ 1x }}")?.message, "bad number syntax: \"1x\"")
        XCTAssertEqual(parseError("{{ 'ab' }}")?.message, "malformed character constant: 'ab'")
        XCTAssertEqual(parseError("{{ '' }}")?.message, "invalid syntax")
    }
}
