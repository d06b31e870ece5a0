import XCTest

@testable import GoTemplate

/// Go's lexer, item by item.
final class LexerTests: XCTestCase {
    struct Lexed: Equatable, CustomStringConvertible {
        var type: ItemType
        var text: String
        var line: Int
        var description: String { "\(type)(\(text.debugDescription))@\(line)" }
    }

    func lex(_ text: String, left: String = "{{", right: String = "}}", comments: Bool = false,
             breakOK: Bool = true) -> [Lexed] {
        var lexer = Lexer(input: ContiguousArray(text.utf8), leftDelim: left, rightDelim: right)
        lexer.emitComment = comments
        lexer.breakOK = breakOK
        var items: [Lexed] = []
        while items.count < 100 {
            let item = lexer.nextItem()
            let text = item.type == .error ? lexer.message(of: item) : lexer.text(of: item)
            items.append(Lexed(type: item.type, text: text, line: item.line))
            if item.type == .eof || item.type == .error { break }
        }
        return items
    }

    func types(_ text: String) -> [ItemType] { lex(text).map(\.type) }

    func testTextAndActionBecomeDelimitedItems() {
        XCTAssertEqual(
            lex("a{{.b}}c").map(\.text), ["a", "{{", ".b", "}}", "c", ""])
        XCTAssertEqual(types("a{{.b}}c"), [.text, .leftDelim, .field, .rightDelim, .text, .eof])
    }

    func testSpacesInsideActionsAreItems() {
        XCTAssertEqual(types("{{ print  1 }}"), [.leftDelim, .space, .identifier, .space, .number, .space, .rightDelim, .eof])
    }

    func testTrimMarkersDropAdjacentWhitespace() {
        XCTAssertEqual(lex("a \n\t{{- 3 -}}\n b").map(\.text), ["a", "{{", "3", "}}", "b", ""])
    }

    func testMinusWithoutSpaceAfterLeftDelimIsANumberSign() {
        XCTAssertEqual(lex("a {{-3}}").map(\.text), ["a ", "{{", "-3", "}}", ""])
    }

    func testTrimMarkerAcceptsNewlineAsItsSpace() {
        XCTAssertEqual(lex("a {{-\n3\n-}} b").map(\.text), ["a", "{{", "3", "}}", "b", ""])
    }

    func testTrimmedTextThatBecomesEmptyIsNotEmitted() {
        XCTAssertEqual(types("  {{- 1 }}"), [.leftDelim, .number, .space, .rightDelim, .eof])
    }

    func testCustomDelimitersLeaveDefaultOnesAsText() {
        XCTAssertEqual(
            lex("{{x}}[[ .a ]]", left: "[[", right: "]]").map(\.text), ["{{x}}", "[[", " ", ".a", " ", "]]", ""])
    }

    func testCommentsAreSkippedUnlessRequested() {
        XCTAssertEqual(types("a{{/* c */}}b"), [.text, .text, .eof])
        XCTAssertEqual(lex("a{{/* c */}}b", comments: true).map(\.text), ["a", "/* c */", "b", ""])
    }

    func testTrimmedCommentTrimsBothSides() {
        XCTAssertEqual(lex("a \n{{- /* c */ -}}\n b").map(\.text), ["a", "b", ""])
    }

    func testCommentMustFillTheAction() {
        XCTAssertEqual(lex("{{/* c */ x}}").last, Lexed(type: .error, text: "comment ends before closing delimiter", line: 1))
        XCTAssertEqual(lex("x\n{{/* c").last, Lexed(type: .error, text: "unclosed comment", line: 2))
    }

    func testNewlinesInsideCommentsCountTowardsLaterLines() {
        XCTAssertEqual(lex("{{/*\n\n*/}}{{x}}")[1], Lexed(type: .identifier, text: "x", line: 3))
    }

    func testItemsCarryTheLineTheyStartOn() {
        let items = lex("a\nb{{ `x\ny` \n .z }}")
        // text, {{, space, raw string, space (after the raw string's newline), .z, space, }}, EOF
        XCTAssertEqual(items.map(\.line), [1, 2, 2, 2, 3, 4, 4, 4, 4])
    }

    func testKeywordsAreDistinguishedFromIdentifiers() {
        XCTAssertEqual(
            lex("{{if else end range with define template block break continue nil . true x}}")
                .map(\.type).filter { $0 != .space },
            [.leftDelim, .ifKeyword, .elseKeyword, .end, .range, .with, .define, .template, .block, .breakKeyword,
             .continueKeyword, .nilKeyword, .dot, .bool, .identifier, .rightDelim, .eof])
    }

    func testBreakIsAnIdentifierWhenAFunctionHasItsName() {
        XCTAssertEqual(lex("{{break}}", breakOK: false)[1].type, .identifier)
    }

    func testFieldsAndVariablesLexOneSegmentAtATime() {
        XCTAssertEqual(lex("{{$x.a.b}}").map(\.text), ["{{", "$x", ".a", ".b", "}}", ""])
        XCTAssertEqual(lex("{{$.a}}").map(\.text), ["{{", "$", ".a", "}}", ""])
    }

    func testDotFollowedByDigitIsANumber() {
        XCTAssertEqual(lex("{{.5}}")[1], Lexed(type: .number, text: ".5", line: 1))
    }

    func testNumberForms() {
        for n in ["1", "-1", "+1", "1.5", "1e3", "1E-3", "0x1F", "0X1f", "0o17", "017", "0b101", "1_000", "0x1p4", "1i"] {
            XCTAssertEqual(lex("{{\(n)}}")[1], Lexed(type: .number, text: n, line: 1), n)
        }
    }

    func testComplexLiteralIsOneItem() {
        XCTAssertEqual(lex("{{1+2i}}")[1], Lexed(type: .complex, text: "1+2i", line: 1))
    }

    func testBadNumberSyntaxQuotesTheScannedText() {
        XCTAssertEqual(lex("{{1x}}").last?.text, "bad number syntax: \"1x\"")
        XCTAssertEqual(lex("{{1+2}}").last?.text, "bad number syntax: \"1+2\"")
    }

    func testStringsRawStringsAndCharConstants() {
        XCTAssertEqual(lex(#"{{"a\"b" `c` 'd'}}"#).map(\.type).filter { $0 != .space },
                       [.leftDelim, .string, .rawString, .charConstant, .rightDelim, .eof])
    }

    func testUnterminatedLiteralsAreErrors() {
        XCTAssertEqual(lex("{{\"a\n\"}}").last?.text, "unterminated quoted string")
        XCTAssertEqual(lex("{{`a").last?.text, "unterminated raw quoted string")
        XCTAssertEqual(lex("{{'a").last?.text, "unterminated character constant")
    }

    func testBadCharacterAfterIdentifierUsesGoUnicodeFormat() {
        XCTAssertEqual(lex("{{.a-b}}").last?.text, "bad character U+002D '-'")
        XCTAssertEqual(lex("{{.a}x}}").last?.text, "bad character U+007D '}'")
    }

    func testUnicodeLettersAreIdentifierCharacters() {
        XCTAssertEqual(lex("{{.é}}")[1], Lexed(type: .field, text: ".é", line: 1))
    }

    func testNonASCIIPunctuationIsUnrecognized() {
        XCTAssertEqual(lex("{{ … }}").last?.text, "unrecognized character in action: U+2026 '…'")
    }

    func testParenthesesAreCounted() {
        XCTAssertEqual(lex("{{ (1 }}").last?.text, "unclosed left paren")
        XCTAssertEqual(lex("{{ ) }}").last?.text, "unexpected right paren")
    }

    func testDeclarationAndAssignmentOperators() {
        XCTAssertEqual(types("{{$x:=1}}"), [.leftDelim, .variable, .declare, .number, .rightDelim, .eof])
        XCTAssertEqual(types("{{$x =1}}"), [.leftDelim, .variable, .space, .assign, .number, .rightDelim, .eof])
        // '=' does not end a variable; Helm: bad character U+003D '='.
        XCTAssertEqual(lex("{{$x=1}}").last?.text, "bad character U+003D '='")
        XCTAssertEqual(lex("{{:}}").last?.text, "expected :=")
    }

    func testAnErrorEndsTheInput() {
        var lexer = Lexer(input: ContiguousArray("{{ # ) }}x".utf8), leftDelim: "{{", rightDelim: "}}")
        var last = lexer.nextItem()
        while last.type != .error { last = lexer.nextItem() }
        XCTAssertEqual(lexer.message(of: last), "unexpected right paren")
        XCTAssertEqual(lexer.nextItem().type, .error)  // still inside the (now empty) action
    }
}
