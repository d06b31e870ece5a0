import XCTest
@testable import Sprig

/// Go's regexp/syntax error texts, which users see in template errors. Expectations are
/// Helm v4.2.3's answers.
final class RE2SyntaxTests: XCTestCase {
    private func error(_ pattern: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try Regexp(pattern)
            XCTFail("\(pattern) should not compile", file: file, line: line)
            return nil
        } catch {
            return error.description
        }
    }

    func testUnclosedGroupQuotesTheWholePattern() {
        XCTAssertEqual(error("(a"), "error parsing regexp: missing closing ): `(a`")
    }

    func testUnexpectedCloseParenQuotesTheWholePattern() {
        XCTAssertEqual(error("a)"), "error parsing regexp: unexpected ): `a)`")
    }

    func testStackedRepetitionIsAnErrorNotADoubleStar() {
        XCTAssertEqual(error("a**"), "error parsing regexp: invalid nested repetition operator: `**`")
        XCTAssertEqual(error("a??*"), "error parsing regexp: invalid nested repetition operator: `??*`")
        XCTAssertEqual(error("x{2}{3}"), "error parsing regexp: invalid nested repetition operator: `{2}{3}`")
    }

    func testRepetitionWithoutOperandIsAnError() {
        XCTAssertEqual(error("*"), "error parsing regexp: missing argument to repetition operator: `*`")
        XCTAssertEqual(error("a|*"), "error parsing regexp: missing argument to repetition operator: `*`")
        XCTAssertEqual(error("(*)"), "error parsing regexp: missing argument to repetition operator: `*`")
    }

    func testUnclosedClassQuotesFromTheBracket() {
        XCTAssertEqual(error("x[a-"), "error parsing regexp: missing closing ]: `[a-`")
        XCTAssertEqual(error("[]"), "error parsing regexp: missing closing ]: `[]`")
    }

    func testReversedRangeAndUnknownNamesAreInvalidRanges() {
        XCTAssertEqual(error("[z-a]"), "error parsing regexp: invalid character class range: `z-a`")
        XCTAssertEqual(error("[[:foo:]]"), "error parsing regexp: invalid character class range: `[:foo:]`")
        XCTAssertEqual(error("\\p{Foo}"), "error parsing regexp: invalid character class range: `\\p{Foo}`")
        XCTAssertEqual(error("\\pX"), "error parsing regexp: invalid character class range: `\\pX`")
    }

    func testGoRejectsScriptNamesWithUnderscores() {
        XCTAssertEqual(error("\\P{Old_Italic}"), "error parsing regexp: invalid character class range: `\\P{Old_Italic}`")
    }

    func testBadEscapesQuoteTheConsumedText() {
        XCTAssertEqual(error("a\\"), "error parsing regexp: trailing backslash at end of expression: ``")
        XCTAssertEqual(error("\\1"), "error parsing regexp: invalid escape sequence: `\\1`")
        XCTAssertEqual(error("\\xZ"), "error parsing regexp: invalid escape sequence: `\\xZ`")
        XCTAssertEqual(error("\\x{110000}"), "error parsing regexp: invalid escape sequence: `\\x{110000`")
        XCTAssertEqual(error("\\C"), "error parsing regexp: invalid escape sequence: `\\C`")
        XCTAssertEqual(error("\\Z"), "error parsing regexp: invalid escape sequence: `\\Z`")
        XCTAssertEqual(error("[\\Q]"), "error parsing regexp: invalid escape sequence: `\\Q`")
    }

    func testLookaroundAndBackreferenceSyntaxIsUnsupported() {
        XCTAssertEqual(error("(?=a)"), "error parsing regexp: invalid or unsupported Perl syntax: `(?=`")
        XCTAssertEqual(error("(?<"), "error parsing regexp: invalid or unsupported Perl syntax: `(?<`")
        XCTAssertEqual(error("(?<=a)"), "error parsing regexp: invalid named capture: `(?<=a)`")
        XCTAssertEqual(error("(?P=n)"), "error parsing regexp: invalid or unsupported Perl syntax: `(?P`")
    }

    func testFlagGroupsMustBeWellFormed() {
        XCTAssertEqual(error("(?i"), "error parsing regexp: invalid or unsupported Perl syntax: `(?i`")
        XCTAssertEqual(error("(?i-)"), "error parsing regexp: invalid or unsupported Perl syntax: `(?i-)`")
        XCTAssertEqual(error("(?--i)"), "error parsing regexp: invalid or unsupported Perl syntax: `(?--`")
    }

    func testCaptureNamesAreAsciiWordCharacters() {
        XCTAssertEqual(error("(?P<é>a)"), "error parsing regexp: invalid named capture: `(?P<é>`")
        XCTAssertEqual(error("(?<na-me>x)"), "error parsing regexp: invalid named capture: `(?<na-me>`")
        XCTAssertEqual(error("(?P<>x)"), "error parsing regexp: invalid named capture: `(?P<>`")
    }

    func testRepeatCountsAreLimitedToAThousandInProduct() throws {
        XCTAssertEqual(error("a{1001}"), "error parsing regexp: invalid repeat count: `{1001}`")
        XCTAssertEqual(error("a{2,1}"), "error parsing regexp: invalid repeat count: `{2,1}`")
        XCTAssertEqual(error("(a{500}){3}"), "error parsing regexp: invalid repeat count: `{3}`")
        XCTAssertNoThrow(try Regexp("(a{10}){100}"))
    }

    func testMalformedBracesAreLiterals() throws {
        XCTAssertEqual(try Regexp("a{,2}").findAllString("a{,2}", -1), ["a{,2}"])
        XCTAssertEqual(try Regexp("a{01}").findAllString("a{01}", -1), ["a{01}"])
    }

    func testNestingDeeperThanAThousandIsRejected() throws {
        let ok = String(repeating: "(", count: 999) + "a" + String(repeating: ")", count: 999)
        XCTAssertNoThrow(try Regexp(ok))
        let deep = String(repeating: "(", count: 1000) + "a" + String(repeating: ")", count: 1000)
        XCTAssertEqual(error(deep), "error parsing regexp: expression nests too deeply: `\(deep)`")
    }

    func testNonCapturingGroupsDoNotNest() throws {
        let pattern = String(repeating: "(?:", count: 3000) + "a" + String(repeating: ")", count: 3000)
        XCTAssertTrue(try Regexp(pattern).matches("a"))
    }

    func testHugeExpansionIsTooLarge() {
        let pattern = "(?:" + String(repeating: "a{1000}", count: 3400) + ")"
        XCTAssertEqual(error(pattern), "error parsing regexp: expression too large: `\(pattern)`")
    }

    func testEmptyWidthOperatorsMayBeRepeated() throws {
        XCTAssertTrue(try Regexp("^*").matches("aaa"))
        XCTAssertTrue(try Regexp("\\b*").matches("aaa"))
        XCTAssertTrue(try Regexp("(?:)*").matches("aaa"))
    }
}
