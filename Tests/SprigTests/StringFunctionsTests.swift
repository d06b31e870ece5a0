import Values
import XCTest

final class StringFunctionsTests: XCTestCase {
    func testTrimFamilies() throws {
        XCTAssertEqual(try text("trim", "é "), "é")
        XCTAssertEqual(try text("trim", "\u{3000}x\u{3000}"), "x")
        XCTAssertEqual(try text("trimAll", "", "x"), "x")
        XCTAssertEqual(try text("trimAll", "é", "éaé"), "a")
        XCTAssertEqual(try text("trimall", "-", "--x--"), "x")
        XCTAssertEqual(try text("trimAll", "$", "$x$"), "x")
        XCTAssertEqual(try text("trimPrefix", "a", "aab"), "ab")
        XCTAssertEqual(try text("trimPrefix", "", "ab"), "ab")
        XCTAssertEqual(try text("trimSuffix", "-", "a-"), "a")
    }

    func testCaseMappingIsGoSimpleMapping() throws {
        XCTAssertEqual(try text("upper", "aBc"), "ABC")
        XCTAssertEqual(try text("upper", "ß"), "ß")
        XCTAssertEqual(try text("upper", "éà"), "ÉÀ")
        XCTAssertEqual(try text("upper", "ǆ"), "Ǆ")
        XCTAssertEqual(try text("upper", "ﬁ"), "ﬁ")
        XCTAssertEqual(try text("upper", "ᾳ"), "\u{1FBC}")
        XCTAssertEqual(try text("lower", "İ"), "i")
        XCTAssertEqual(try text("lower", "ΑΣ"), "ασ")
    }

    func testTitleUntitleSwapcase() throws {
        XCTAssertEqual(try text("title", "hello world"), "Hello World")
        XCTAssertEqual(try text("title", "hello-world"), "Hello-World")
        XCTAssertEqual(try text("title", "o'neil"), "O'Neil")
        XCTAssertEqual(try text("title", "123abc"), "123abc")
        XCTAssertEqual(try text("title", "élan vital"), "Élan Vital")
        XCTAssertEqual(try text("title", "a_b c.d"), "A_b C.D")
        XCTAssertEqual(try text("title", "ǆemal"), "ǅemal")
        XCTAssertEqual(try text("title", "ᾳ x"), "\u{1FBC} X")
        XCTAssertEqual(try text("untitle", "Hello World"), "hello world")
        XCTAssertEqual(try text("untitle", "HELLO"), "hELLO")
        XCTAssertEqual(try text("untitle", "É"), "é")
        XCTAssertEqual(try text("swapcase", "123 aBc"), "123 AbC")
        XCTAssertEqual(try text("swapcase", "ǅa"), "ǆA")
    }

    func testWordCaseConversionsFollowXstrings() throws {
        let snake: [(String, String)] = [
            ("firstName", "first_name"), ("HTTPServer", "http_server"), ("already_snake", "already_snake"),
            ("Some Words", "some_words"), ("A1B2", "a1_b2"), ("", ""), ("x", "x"), ("a__b", "a__b"),
            ("version2Name", "version2_name"), (" leading space", "_leading_space"), ("HTTP20xOK", "http_20x_ok"),
            ("Bld4Floor3rd", "bld4_floor_3rd"), ("a.b-c", "a.b_c"),
        ]
        for (input, want) in snake { XCTAssertEqual(try text("snakecase", .string(input)), want, input) }
        let kebab: [(String, String)] = [
            ("FirstName", "first-name"), ("foo_bar", "foo-bar"), ("foo bar", "foo-bar"), ("already-kebab", "already-kebab"),
            ("", ""), ("userID", "user-id"), ("A", "a"), ("NoHTTPS", "no-https"),
        ]
        for (input, want) in kebab { XCTAssertEqual(try text("kebabcase", .string(input)), want, input) }
        let camel: [(String, String)] = [
            ("first_name", "FirstName"), ("foo-bar", "FooBar"), ("foo bar", "FooBar"), ("alreadyCamel", "AlreadyCamel"),
            ("_leading", "_Leading"), ("", ""), ("a__b", "A_B"), ("über_cool", "ÜberCool"), ("hello_world_2", "HelloWorld2"),
            ("__", "___"), ("_", "__"),
        ]
        for (input, want) in camel { XCTAssertEqual(try text("camelcase", .string(input)), want, input) }
    }

    func testSubstrAndTruncCutBytes() throws {
        XCTAssertEqual(try text("substr", 1, -1, "hello"), "ello")
        XCTAssertEqual(try text("substr", 0, 10, "abc"), "abc")
        XCTAssertEqual(try text("substr", 2, 2, "abc"), "")
        XCTAssertEqual(try text("substr", 3, 5, "abc"), "")
        XCTAssertEqual(try text("substr", 0, 2, "héllo"), "h\u{FFFD}")
        XCTAssertEqual(try text("trunc", 5, "hello world"), "hello")
        XCTAssertEqual(try text("trunc", -5, "hello world"), "world")
        XCTAssertEqual(try text("trunc", 0, "abc"), "")
        XCTAssertEqual(try text("trunc", -50, "abc"), "abc")
        XCTAssertEqual(try text("trunc", 2, "héllo"), "h\u{FFFD}")
    }

    func testSubstrPanicsWithGoSliceBoundsMessages() {
        XCTAssertEqual(failure("substr", 3, 1, "hello"), "runtime error: slice bounds out of range [3:1]")
        XCTAssertEqual(failure("substr", -1, 7, "hello"), "runtime error: slice bounds out of range [:7] with length 5")
        XCTAssertEqual(failure("substr", -1, -2, "hello"), "runtime error: slice bounds out of range [:-2]")
        XCTAssertEqual(failure("substr", 9, -1, "hello"), "runtime error: slice bounds out of range [9:5]")
    }

    func testByteWiseGoutilsHelpersReencodeBytesAsLatin1() throws {
        XCTAssertEqual(try text("nospace", "a b\tc\nd"), "abcd")
        XCTAssertEqual(try text("nospace", " é ü "), "Ã©Ã¼")
        XCTAssertEqual(try text("nospace", "a\u{A0}b"), "aÂb")
        XCTAssertEqual(try text("nospace", "é"), "é")
        XCTAssertEqual(try text("initials", "John Doe"), "JD")
        XCTAssertEqual(try text("initials", "  a  b  "), "ab")
        XCTAssertEqual(try text("initials", "Élan Vital"), "ÃV")
        XCTAssertEqual(try text("initials", "a-b c_d"), "ac")
    }

    func testAbbreviations() throws {
        XCTAssertEqual(try text("abbrev", 5, "hello world"), "he...")
        XCTAssertEqual(try text("abbrev", 3, "hello"), "hello")
        XCTAssertEqual(try text("abbrev", 4, "hello"), "h...")
        XCTAssertEqual(try text("abbrev", 5, "ééééé"), "é...")
        XCTAssertEqual(try text("abbrevboth", 5, 10, "1234567890abcdefg"), "...6789...")
        XCTAssertEqual(try text("abbrevboth", 0, 5, "abcdefgh"), "ab...")
        XCTAssertEqual(try text("abbrevboth", 3, 8, "abcdefghijkl"), "abcde...")
        XCTAssertEqual(try text("abbrevboth", 1, 20, "short"), "short")
    }

    func testWrapBreaksAtSpacesAndWrapWithCutsLongWords() throws {
        XCTAssertEqual(try text("wrap", 5, "hello world foo"), "hello\nworld\nfoo")
        XCTAssertEqual(try text("wrap", 5, ""), "")
        XCTAssertEqual(try text("wrap", 3, "ab cdefgh ij"), "ab\ncdefgh\nij")
        XCTAssertEqual(try text("wrapWith", 10, "<br>", "The quick brown fox jumps over"), "The quick<br>brown fox<br>jumps over")
        XCTAssertEqual(try text("wrapWith", 3, "|", "abcdefgh ij"), "abc|def|gh|ij")
        XCTAssertEqual(try text("wrapWith", 5, "", "aaa bbb ccc"), "aaa\nbbb\nccc")
    }

    func testSearchFunctionsTakeTheNeedleFirst() throws {
        XCTAssertEqual(try call("contains", "b", "abc"), true)
        XCTAssertEqual(try call("contains", "x", ""), false)
        XCTAssertEqual(try call("contains", "é", "café"), true)
        XCTAssertEqual(try call("contains", "B", "abc"), false)
        XCTAssertEqual(try call("hasPrefix", "a", "abc"), true)
        XCTAssertEqual(try call("hasPrefix", "b", "abc"), false)
        XCTAssertEqual(try call("hasSuffix", "bc", "c"), false)
    }

    func testQuoteSquoteCatDropNils() throws {
        XCTAssertEqual(try text("quote", "a"), "\"a\"")
        XCTAssertEqual(try text("quote", "a\"b"), "\"a\\\"b\"")
        XCTAssertEqual(try text("quote", 1), "\"1\"")
        XCTAssertEqual(try text("quote", "a", "b"), "\"a\" \"b\"")
        XCTAssertEqual(try text("quote", "a", nil, "b"), "\"a\" \"b\"")
        XCTAssertEqual(try text("quote", "\n"), "\"\\n\"")
        XCTAssertEqual(try text("quote", nil), "")
        XCTAssertEqual(try text("squote", "a"), "'a'")
        XCTAssertEqual(try text("squote", 1), "'1'")
        XCTAssertEqual(try text("squote", nil), "")
        XCTAssertEqual(try text("squote", "a", "b"), "'a' 'b'")
        XCTAssertEqual(try text("cat", "a", "b", 1, nil, "c"), "a b 1 c")
        XCTAssertEqual(try text("cat", "", ""), " ")
        XCTAssertEqual(try text("cat", nil, nil), "")
        XCTAssertEqual(try text("cat", [1, 2], "x"), "[1 2] x")
    }

    func testIndentReplaceRepeatPlural() throws {
        XCTAssertEqual(try text("indent", 2, "a\nb"), "  a\n  b")
        XCTAssertEqual(try text("indent", 2, ""), "  ")
        XCTAssertEqual(try text("indent", 2, "a\r\nb"), "  a\r\n  b")
        XCTAssertEqual(try text("nindent", 0, "a"), "\na")
        XCTAssertEqual(try text("nindent", 1, "x\ny"), "\n x\n y")
        XCTAssertEqual(failure("indent", -1, "a"), "strings: negative Repeat count")
        XCTAssertEqual(try text("replace", "a", "b", "aaa"), "bbb")
        XCTAssertEqual(try text("replace", "", "-", "abc"), "-a-b-c-")
        XCTAssertEqual(try text("replace", "aa", "b", "aaa"), "ba")
        XCTAssertEqual(try text("repeat", 3, "é"), "ééé")
        XCTAssertEqual(failure("repeat", -1, "x"), "strings: negative Repeat count")
        XCTAssertEqual(try text("plural", "one", "many", 1), "one")
        XCTAssertEqual(try text("plural", "one", "many", 0), "many")
        XCTAssertEqual(try text("plural", "one", "many", -1), "many")
    }

    func testRandomStringsHaveTheAskedLengthAndAlphabet() throws {
        XCTAssertEqual(try text("randAlphaNum", 10).count, 10)
        XCTAssertTrue(try text("randAlpha", 7).allSatisfy { $0.isASCII && $0.isLetter })
        XCTAssertTrue(try text("randNumeric", 12).allSatisfy { $0.isASCII && $0.isNumber })
        XCTAssertTrue(try text("randAscii", 20).unicodeScalars.allSatisfy { (32...126).contains($0.value) })
        XCTAssertEqual(try text("randNumeric", 0), "")
        XCTAssertEqual(try text("randAlpha", -1), "")
        XCTAssertEqual(try text("shuffle", "aaaa"), "aaaa")
        XCTAssertEqual(try text("shuffle", "abc").sorted(), ["a", "b", "c"])
        XCTAssertEqual(failure("randBytes", -1), "runtime error: makeslice: len out of range")
        XCTAssertEqual(try text("randBytes", 0), "")
    }

    func testUUIDv4IsCanonicalVersion4() throws {
        let u = Array(try text("uuidv4").utf8)
        XCTAssertEqual(u.count, 36)
        XCTAssertEqual(u[14], UInt8(ascii: "4"))
        XCTAssertTrue("89ab".utf8.contains(u[19]))
        XCTAssertNotEqual(try text("uuidv4"), try text("uuidv4"))
    }
}
