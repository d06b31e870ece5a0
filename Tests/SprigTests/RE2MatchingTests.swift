import XCTest
@testable import Sprig

/// Matching semantics of Go's regexp (leftmost-first, UTF-8 runes, ASCII-only Perl
/// classes, Go's empty-match stepping). Expectations are Helm v4.2.3's answers.
final class RE2MatchingTests: XCTestCase {
    private func findAll(_ pattern: String, _ s: String, _ n: Int = -1) throws -> [String]? {
        try Regexp(pattern).findAllString(s, n)
    }

    func testAlternationPrefersTheLeftmostBranchNotTheLongest() throws {
        XCTAssertEqual(try findAll("a|ab", "abab"), ["a", "a"])
        XCTAssertEqual(try findAll("ab|a", "abab"), ["ab", "ab"])
    }

    func testLazyQuantifiersTakeAsLittleAsPossible() throws {
        XCTAssertEqual(try findAll("a+?", "aaa"), ["a", "a", "a"])
        XCTAssertEqual(try findAll("a*?", "aaa"), ["", "", "", ""])
        XCTAssertEqual(try findAll("a{2,3}?", "aaaaaaa"), ["aa", "aa", "aa"])
    }

    func testUngreedyFlagSwapsGreediness() throws {
        XCTAssertEqual(try findAll("(?U)a+", "aaa"), ["a", "a", "a"])
        XCTAssertEqual(try findAll("(?U)a+?", "aaa"), ["aaa"])
    }

    func testCountedRepetition() throws {
        XCTAssertEqual(try findAll("a{2}", "aaaaa"), ["aa", "aa"])
        XCTAssertEqual(try findAll("a{2,}", "aaaaa"), ["aaaaa"])
        XCTAssertEqual(try findAll("a{2,3}", "aaaaaaa"), ["aaa", "aaa"])
        XCTAssertEqual(try findAll("(a){0}b", "ab"), ["b"])
    }

    func testEmptyMatchesStepOneRuneAndSkipRightAfterAMatch() throws {
        XCTAssertEqual(try findAll("", "héllo"), ["", "", "", "", "", ""])
        XCTAssertEqual(try findAll("é*", "aéb"), ["", "é", ""])
        XCTAssertEqual(try findAll("a*", ""), [""])
    }

    func testDotMatchesOneRuneNotOneByte() throws {
        XCTAssertTrue(try Regexp("^.$").matches("é"))
        XCTAssertFalse(try Regexp("^..$").matches("é"))
    }

    func testDotSkipsNewlineUnlessDotAllFlag() throws {
        XCTAssertEqual(try findAll(".", "a\nb"), ["a", "b"])
        XCTAssertEqual(try findAll("(?s).", "a\nb"), ["a", "\n", "b"])
    }

    func testNegatedClassesMatchNewline() throws {
        XCTAssertEqual(try findAll("[^a]", "a\nb"), ["\n", "b"])
        XCTAssertEqual(try findAll("\\D", "1\n2"), ["\n"])
    }

    func testDollarIsEndOfTextUnlessMultiline() throws {
        XCTAssertNil(try findAll("a$", "a\n"))
        XCTAssertEqual(try findAll("(?m)a$", "a\na"), ["a", "a"])
        XCTAssertEqual(try findAll("(?m)^.*$", "ab\ncd\n"), ["ab", "cd", ""])
        XCTAssertEqual(try findAll("a\\z", "aa"), ["a"])
    }

    func testWordBoundariesUseAsciiWordCharacters() throws {
        XCTAssertEqual(try findAll("\\b", "ab cd"), ["", "", "", ""])
        XCTAssertEqual(try findAll("\\B", "ab cd"), ["", ""])
        XCTAssertEqual(try findAll("\\w+", "héllo wörld_1"), ["h", "llo", "w", "rld_1"])
    }

    func testPerlSpaceLacksVerticalTabButPosixSpaceHasIt() throws {
        XCTAssertEqual(try findAll("\\s", "a \t\n\u{0B}\u{0C}\rb"), [" ", "\t", "\n", "\u{0C}", "\r"])
        XCTAssertEqual(try findAll("[[:space:]]", "a \t\n\u{0B}\u{0C}\rb"), [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"])
    }

    func testUnicodeCategoriesAndScripts() throws {
        XCTAssertEqual(try findAll("\\pL+", "héllo wörld_1"), ["héllo", "wörld"])
        XCTAssertEqual(try findAll("\\p{Greek}+", "abc αβγ def"), ["αβγ"])
        XCTAssertEqual(try findAll("\\P{^L}+", "ab12cd"), ["ab", "cd"])
        XCTAssertEqual(try findAll("\\p{Han}+", "漢字かな"), ["漢字"])
        XCTAssertEqual(try findAll("[\\p{Nd}\\p{Lu}]+", "aB12C"), ["B12C"])
    }

    func testUnicodeNamesIgnoreCaseAndAcceptCategoryAliases() throws {
        XCTAssertEqual(try findAll("\\p{lu}", "aB1"), ["B"])
        XCTAssertEqual(try findAll("\\p{Letter}", "aB1"), ["a", "B"])
        XCTAssertEqual(try findAll("\\p{Cased_Letter}", "aB1ª"), ["a", "B"])
        XCTAssertEqual(try findAll("\\p{Assigned}", "a\u{E0080}"), ["a"])
    }

    func testCaseFoldingCoversTheWholeSimpleFoldOrbit() throws {
        XCTAssertEqual(try findAll("(?i)k", "kK\u{212A}"), ["k", "K", "\u{212A}"])
        XCTAssertEqual(try findAll("(?i)s", "sSſ"), ["s", "S", "ſ"])
        XCTAssertEqual(try findAll("(?i)ǅ", "ǄǅǆDž"), ["Ǆ", "ǅ", "ǆ"])
        XCTAssertEqual(try findAll("(?i)[a-z]+", "ABCſ\u{212A}"), ["ABCſ\u{212A}"])
    }

    func testFoldedClassesAreNegatedAfterFolding() throws {
        XCTAssertEqual(try findAll("(?i)[^k]", "kK\u{212A}x"), ["x"])
        XCTAssertEqual(try findAll("(?i)\\W", "kK\u{212A}ſ!"), ["!"])
    }

    func testCaseFoldingOfCategoriesExceptLC() throws {
        XCTAssertEqual(try findAll("(?i)\\p{Lu}", "aBǅǆ"), ["a", "B", "ǅ", "ǆ"])
        XCTAssertEqual(try findAll("(?i)\\p{Greek}", "µΜμ\u{345}"), ["µ", "Μ", "μ", "\u{345}"])
        XCTAssertNil(try findAll("(?i)\\p{LC}", "\u{345}"))
    }

    func testFlagsAreScopedToTheirGroup() throws {
        XCTAssertEqual(try findAll("(?i:a)b", "AbAB"), ["Ab"])
        XCTAssertEqual(try findAll("a(?i)b|c", "aBC"), ["aB", "C"])
        XCTAssertEqual(try findAll("(a(?i)b)c", "aBcaBC"), ["aBc"])
    }

    func testQuotedTextIsLiteral() throws {
        XCTAssertEqual(try findAll("\\Qa.b\\E+", "a.bbb a.b"), ["a.bbb", "a.b"])
        XCTAssertEqual(try findAll("\\Qa.b", "xa.b"), ["a.b"])
    }

    func testClassEdgeCases() throws {
        XCTAssertEqual(try findAll("[]a]", "]a"), ["]", "a"])
        XCTAssertEqual(try findAll("[^]a]", "]ab"), ["b"])
        XCTAssertEqual(try findAll("[a-c-e]", "b-de"), ["b", "-", "e"])
        XCTAssertEqual(try findAll("[\\x41-\\x43]+", "ABCD"), ["ABC"])
        XCTAssertNil(try findAll("[^\\x00-\\x{10FFFF}]", "abc"))
    }

    func testNestedStarsRunInLinearTime() throws {
        let input = String(repeating: "a", count: 5000) + "c"
        XCTAssertNil(try findAll("(a*)*b", input))
        XCTAssertNil(try findAll("(x+x+)+y", String(repeating: "x", count: 5000)))
    }

    func testStarOfNullableGroupKeepsPerlPriorities() throws {
        XCTAssertEqual(try findAll("(a*)*", "b"), ["", ""])
        XCTAssertEqual(try Regexp("(a*)*").replaceAllString("b", "<$1>"), "<>b<>")
    }

    func testFindAllStopsAfterNMatches() throws {
        XCTAssertEqual(try findAll("[0-9]+", "a1b22c333", 1), ["1"])
        XCTAssertNil(try findAll("[0-9]+", "a1b22c333", 0))
    }

    func testNamedGroupsInBothSpellings() throws {
        let re = try Regexp("(?P<a>x)(?<b>y)(z)")
        XCTAssertEqual(re.subexpNames, ["", "a", "b", ""])
        XCTAssertEqual(re.findSubmatchIndex("-xyz"), [1, 4, 1, 2, 2, 3, 3, 4])
    }
}
