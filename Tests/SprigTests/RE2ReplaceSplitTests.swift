import XCTest
@testable import Sprig

/// Go's `ReplaceAllString` (with `Expand`'s `$` rules), `ReplaceAllLiteralString`,
/// `Split` and `QuoteMeta`. Expectations are Helm v4.2.3's answers.
final class RE2ReplaceSplitTests: XCTestCase {
    private func replace(_ pattern: String, _ s: String, _ repl: String) throws -> String {
        try Regexp(pattern).replaceAllString(s, repl)
    }

    func testGroupReferencesExpand() throws {
        XCTAssertEqual(try replace("a(x*)b", "-ab-axxb-", "${1}W"), "-W-xxW-")
        XCTAssertEqual(try replace("a(x*)b", "-ab-axxb-", "$1"), "--xx-")
    }

    func testDollarNameTakesTheLongestWordSoDollarOneXIsAName() throws {
        XCTAssertEqual(try replace("a(x*)b", "-ab-axxb-", "$1W"), "---")
    }

    func testNamedReferencesAndUnknownGroupsExpandToNothing() throws {
        XCTAssertEqual(try replace("a(?P<X>x*)b", "-ab-axxb-", "[$X]"), "-[]-[xx]-")
        XCTAssertEqual(try replace("a(x*)b", "-axb-", "$2|$0|$00|$01|${0}"), "-|axb|||axb-")
        XCTAssertEqual(try replace("a", "aaa", "$é"), "")
    }

    func testDuplicateNamesUseTheGroupThatMatched() throws {
        XCTAssertEqual(try replace("(?P<n>a)|(?P<n>b)", "ab", "<$n>"), "<a><b>")
    }

    func testMalformedReferencesStayLiteral() throws {
        XCTAssertEqual(try replace("a(x*)b", "-axb-", "$ $$ $} ${ ${1 ${}"), "-$ $ $} ${ ${1 ${}-")
        XCTAssertEqual(try replace("a", "aaa", "$$"), "$$$")
    }

    func testEmptyMatchesAreNotReplacedRightAfterAMatch() throws {
        XCTAssertEqual(try replace("a*", "baaac", "-"), "-b-c-")
        XCTAssertEqual(try replace("b*", "abc", "[$0]"), "[]a[b]c[]")
        XCTAssertEqual(try replace("", "abc", "-"), "-a-b-c-")
    }

    func testLiteralReplacementIgnoresDollars() throws {
        XCTAssertEqual(try Regexp("a(x*)b").replaceAllLiteralString("-ab-axxb-", "${1}"), "-${1}-${1}-")
    }

    func testSplitFollowsGo() throws {
        XCTAssertEqual(try Regexp("z+").split("pizza", -1), ["pi", "a"])
        XCTAssertEqual(try Regexp("z+").split("pizza", 1), ["pizza"])
        XCTAssertEqual(try Regexp("").split("abc", 2), ["a", "bc"])
        XCTAssertEqual(try Regexp("x*").split("axbxxc", -1), ["a", "b", "c"])
        XCTAssertEqual(try Regexp("a").split("aa", -1), ["", "", ""])
        XCTAssertEqual(try Regexp("b*").split("abc", -1), ["a", "c"])
    }

    func testSplitOfEmptyText() throws {
        XCTAssertEqual(try Regexp(",").split("", -1), [""])
        XCTAssertEqual(try Regexp("").split("", -1), [])
        XCTAssertNil(try Regexp("x").split("abc", 0))
    }

    func testQuoteMetaEscapesRE2Metacharacters() {
        XCTAssertEqual(Regexp.quoteMeta("1.5+2*[x]"), "1\\.5\\+2\\*\\[x\\]")
        XCTAssertEqual(Regexp.quoteMeta("a\\b é"), "a\\\\b é")
    }
}
