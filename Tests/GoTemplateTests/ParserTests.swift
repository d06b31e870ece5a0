import XCTest

@testable import GoTemplate

/// Trees, positions and Go's `String()` of what the parser builds.
final class ParserTests: XCTestCase {
    // MARK: - Trees of a file

    func testTopLevelTreeIsNamedForTheFile() throws {
        let trees = try parse("a{{ .b }}")
        let tree = try XCTUnwrap(trees[caseFile])
        XCTAssertEqual(tree.name, caseFile)
        XCTAssertEqual(tree.parseName, caseFile)
        XCTAssertEqual(tree.text, "a{{ .b }}")
        XCTAssertEqual(tree.root.description, "a{{.b}}")
    }

    func testDefinesBecomeTreesSharingTheFilesText() throws {
        let text = "x{{ define \"a\" }}A{{ end }}y{{ define `b` }}B{{ end }}"
        let trees = try parse(text)
        XCTAssertEqual(Set(trees.keys), [caseFile, "a", "b"])
        XCTAssertEqual(trees["a"]?.name, "a")
        XCTAssertEqual(trees["a"]?.parseName, caseFile)
        XCTAssertEqual(trees["a"]?.text, text)
        XCTAssertEqual(trees["a"]?.root.description, "A")
        XCTAssertEqual(trees["b"]?.root.description, "B")
        XCTAssertEqual(trees[caseFile]?.root.description, "xy")
    }

    func testFileOfOnlyDefinesStillHasAnEmptyTopLevelTree() throws {
        let trees = try parse("{{ define \"a\" }}A{{ end }}")
        XCTAssertEqual(trees[caseFile]?.root.nodes.count, 0)
        XCTAssertEqual(trees[caseFile]?.isEmpty, true)
    }

    func testEmptyRedefinitionKeepsTheFirstBody() throws {
        let trees = try parse("{{ define \"x\" }}a{{ end }}{{ define \"x\" }} {{ end }}")
        XCTAssertEqual(trees["x"]?.root.description, "a")
    }

    func testRedefinitionReplacesAnEmptyBody() throws {
        let trees = try parse("{{ define \"x\" }} {{ end }}{{ define \"x\" }}b{{ end }}")
        XCTAssertEqual(trees["x"]?.root.description, "b")
    }

    func testTwoNonEmptyDefinitionsAreAnError() {
        let error = parseError("{{ define \"x\" }}a{{ end }}\n{{ define \"x\" }}b{{ end }}")
        XCTAssertEqual(
            error?.description,
            "template: testchart/templates/case.yaml:2: template: multiple definition of template \"x\"")
    }

    func testBlockDefinesTheTemplateAndCallsIt() throws {
        let trees = try parse("{{ block \"x\" .a }}body{{ end }}")
        XCTAssertEqual(trees["x"]?.root.description, "body")
        XCTAssertEqual(trees[caseFile]?.root.description, "{{template \"x\" .a}}")
    }

    func testBlockBodyDoesNotSeeOuterVariables() {
        XCTAssertEqual(parseError("{{ $v := 1 }}{{ block \"x\" . }}{{ $v }}{{ end }}")?.message, "undefined variable \"$v\"")
    }

    // MARK: - Go's String()

    func testElseIfNestsAnIfInTheElseList() {
        XCTAssertEqual(
            root("{{if .a}}x{{else if .b}}y{{else}}z{{end}}")?.description,
            "{{if .a}}x{{else}}{{if .b}}y{{else}}z{{end}}{{end}}")
    }

    func testElseWithNestsAWithInTheElseList() {
        XCTAssertEqual(
            root("{{with .a}}x{{else with .b}}y{{end}}")?.description, "{{with .a}}x{{else}}{{with .b}}y{{end}}{{end}}")
    }

    func testRangeWithTwoVariables() {
        XCTAssertEqual(
            root("{{ range $i, $e := .items }}{{ $i }}={{ $e.name }}{{ end }}")?.description,
            "{{range $i, $e := .items}}{{$i}}={{$e.name}}{{end}}")
    }

    func testAssignmentPrintsWithEquals() {
        XCTAssertEqual(root("{{ $x := 1 }}{{ $x = 2 }}")?.description, "{{$x := 1}}{{$x = 2}}")
    }

    func testPipelinesAndParenthesesPrintCanonically() {
        XCTAssertEqual(
            root("{{   .a|printf  \"%s\"   |  quote }}{{ (print 1).x }}{{ print (len .l) }}")?.description,
            "{{.a | printf \"%s\" | quote}}{{(print 1).x}}{{print (len .l)}}")
    }

    func testLiteralsPrintAsWritten() {
        XCTAssertEqual(
            root("{{ print 0x1F 'a' `raw` \"q\\n\" true nil . $ }}")?.description,
            "{{print 0x1F 'a' `raw` \"q\\n\" true nil . $}}")
    }

    func testTemplateNamePrintsGoQuoted() {
        XCTAssertEqual(root("{{ template `a\"b` }}")?.description, "{{template \"a\\\"b\"}}")
    }

    func testBreakAndContinuePrint() {
        XCTAssertEqual(
            root("{{ range . }}{{ break }}{{ continue }}{{ end }}")?.description,
            "{{range .}}{{break}}{{continue}}{{end}}")
    }

    func testCommentsAreDroppedLikeGoWithoutParseComments() {
        XCTAssertEqual(root("a{{/* c */}}b")?.nodes.count, 2)
    }

    // MARK: - Node shapes

    func testFieldChainIsOneFieldNode() {
        guard case .field(_, let names)? = operand("{{ .a.b.c }}") else { return XCTFail("not a field") }
        XCTAssertEqual(names, ["a", "b", "c"])
    }

    func testVariableWithFieldsIsOneVariableNode() {
        guard case .variable(let v)? = operand("{{ $.a.b }}") else { return XCTFail("not a variable") }
        XCTAssertEqual(v.names, ["$", "a", "b"])
    }

    func testParenthesizedPipelineWithFieldsIsAChain() {
        guard case .chain(_, let node, let fields)? = operand("{{ (.a).b.c }}") else { return XCTFail("not a chain") }
        XCTAssertEqual(fields, ["b", "c"])
        guard case .pipe(let p) = node else { return XCTFail("chain head not a pipe") }
        XCTAssertEqual(p.description, ".a")
    }

    func testIdentifierWithFieldsIsAChain() {
        guard case .chain(_, .identifier(_, "print"), let fields)? = operand("{{ print.a }}") else {
            return XCTFail("not a chain")
        }
        XCTAssertEqual(fields, ["a"])
    }

    func testStringKeepsQuotedFormAndValue() {
        guard case .string(_, let quoted, let text)? = operand(#"{{ "a\tb\u00e9\x41\101\\\"" }}"#) else {
            return XCTFail("not a string")
        }
        XCTAssertEqual(quoted, #""a\tb\u00e9\x41\101\\\"""#)
        XCTAssertEqual(text, "a\tbéAA\\\"")
    }

    func testEveryGoEscapeIsUnderstood() {
        guard case .string(_, _, let text)? = operand(#"{{ "\a\b\f\n\r\t\v\U0001F600\303\251" }}"#) else {
            return XCTFail("not a string")
        }
        XCTAssertEqual(text, "\u{07}\u{08}\u{0C}\n\r\t\u{0B}😀é")
    }

    func testRawStringMaySpanLinesAndDropsCarriageReturns() {
        guard case .string(_, _, let text)? = operand("{{ `a\r\nb\\n` }}") else { return XCTFail("not a string") }
        XCTAssertEqual(text, "a\nb\\n")
    }

    func testBadEscapesAreInvalidSyntax() {
        for bad in [#"{{ "\q" }}"#, #"{{ "\'" }}"#, #"{{ "\400" }}"#, #"{{ "\ud800" }}"#, #"{{ "\x4" }}"#] {
            XCTAssertEqual(parseError(bad)?.message, "invalid syntax", bad)
        }
    }

    func testRangeDeclaresOneOrTwoVariables() {
        guard case .rangeNode(let r)? = firstNode("{{ range $e := . }}{{ end }}") else { return XCTFail("not a range") }
        XCTAssertEqual(r.pipe.decl.map(\.description), ["$e"])
        XCTAssertFalse(r.pipe.isAssign)
        guard case .rangeNode(let r2)? = firstNode("{{ range $i, $e := . }}{{ end }}") else { return XCTFail() }
        XCTAssertEqual(r2.pipe.decl.map(\.description), ["$i", "$e"])
    }

    func testElseListIsNilWithoutElse() {
        guard case .ifNode(let n)? = firstNode("{{ if 1 }}a{{ end }}") else { return XCTFail("not an if") }
        XCTAssertNil(n.elseList)
        guard case .ifNode(let m)? = firstNode("{{ if 1 }}a{{ else }}{{ end }}") else { return XCTFail() }
        XCTAssertEqual(m.elseList?.nodes.count, 0)
    }

    func testTemplateWithoutPipeline() {
        guard case .template(let t)? = firstNode("{{ template \"x\" }}") else { return XCTFail("not a template") }
        XCTAssertEqual(t.name, "x")
        XCTAssertNil(t.pipe)
    }

    // MARK: - Positions and lines

    func testActionPositionIsItsFirstTokenAndLine() {
        guard case .action(let a)? = root("ab\n{{  .x }}")?.nodes.last else { return XCTFail("not an action") }
        XCTAssertEqual(a.pos, 7)
        XCTAssertEqual(a.line, 2)
        XCTAssertEqual(a.pipe.pos, 7)
        XCTAssertEqual(a.pipe.commands.first?.pos, 7)
    }

    func testFieldChainIsPositionedAtItsFirstTrailingField() {
        // Helm reports `{{ .a.b.c }}` failing at column 5: Go positions the field at ".b".
        XCTAssertEqual(operand("{{ .a.b.c }}")?.pos, 5)
        XCTAssertEqual(operand("{{ .a }}")?.pos, 3)
    }

    func testVariableChainIsPositionedAtItsFirstField() {
        guard case .action(let a)? = root("{{ $x := 1 }}{{ $x.a }}")?.nodes.last else { return XCTFail() }
        XCTAssertEqual(a.pipe.commands.first?.args.first?.pos, 18)
    }

    func testBranchPositionIsItsPipeline() {
        guard case .ifNode(let n)? = root("\n{{ if\n .a }}{{ end }}")?.nodes.last else { return XCTFail("not an if") }
        XCTAssertEqual(n.pos, 8)
        XCTAssertEqual(n.line, 3)
    }

    func testTextNodesKeepTheirOffset() {
        guard case .text(let t)? = root("{{ 1 }}  x")?.nodes.last else { return XCTFail("not text") }
        XCTAssertEqual(t.pos, 7)
        XCTAssertEqual(t.text, "  x")
    }

    func testTemplateNodeIsPositionedAtItsName() {
        guard case .template(let t)? = root("\n{{ template \"x\" . }}")?.nodes.last else { return XCTFail() }
        XCTAssertEqual(t.pos, 13)
        XCTAssertEqual(t.line, 2)
    }

    func testBreakKeepsItsKeywordsPosition() {
        guard case .rangeNode(let r)? = firstNode("{{ range . }}\n{{ break }}{{ end }}"),
            case .breakNode(let pos, let line)? = r.list.nodes.last
        else { return XCTFail("no break") }
        XCTAssertEqual(pos, 17)
        XCTAssertEqual(line, 2)
    }

    func testPositionsAreUTF8ByteOffsets() {
        guard case .action(let a)? = root("é{{ .a }}")?.nodes.last else { return XCTFail("not an action") }
        XCTAssertEqual(a.pos, 5)
        // "é\n{{ .a.b }}": the field sits at ".b", byte 8, column 5 of line 2.
        guard case .action(let b)? = root("é\n{{ .a.b }}")?.nodes.last else { return XCTFail("not an action") }
        XCTAssertEqual(b.pipe.commands.first?.args.first?.pos, 8)
        XCTAssertEqual(try parse("é\n{{ .a.b }}")[caseFile]?.location(of: 8), "testchart/templates/case.yaml:2:5")
    }

    // MARK: - Options

    func testCustomDelimiters() throws {
        let trees = try Parser.parse(name: "t", text: "{{ x }}[[- .a -]] b", leftDelim: "[[", rightDelim: "]]") { _ in false }
        XCTAssertEqual(trees["t"]?.root.description, "{{ x }}{{.a}}b")
    }

    func testUnknownFunctionIsAParseError() {
        XCTAssertEqual(
            parseError("a\n\n\n{{ nosuch 1 }}")?.description,
            "template: testchart/templates/case.yaml:4: function \"nosuch\" not defined")
    }

    func testCallerDefinedFunctionsParse() throws {
        let trees = try parse("{{ myFunc 1 }}", functions: ["myFunc"])
        XCTAssertEqual(trees[caseFile]?.root.description, "{{myFunc 1}}")
    }

    func testBreakIsAFunctionCallWhenAFunctionHasItsName() throws {
        let trees = try parse("{{ break 1 }}", functions: ["break"])
        XCTAssertEqual(trees[caseFile]?.root.description, "{{break 1}}")
    }

    // MARK: - Scoping

    func testVariableDeclaredInsideIfEndsWithIt() {
        XCTAssertEqual(parseError("{{ if 1 }}{{ $y := 2 }}{{ end }}{{ $y }}")?.message, "undefined variable \"$y\"")
    }

    func testVariableDeclaredInIfPipelineIsVisibleInElse() {
        XCTAssertNotNil(root("{{ if $x := 1 }}{{ else }}{{ $x }}{{ end }}"))
    }

    func testVariablesDeclaredInParenthesesPersist() {
        XCTAssertNotNil(root("{{ print ($x := 1) }}{{ $x }}"))
    }

    func testDefineStartsWithOnlyDollar() {
        XCTAssertEqual(
            parseError("{{ $x := 1 }}{{ define \"d\" }}{{ $x }}{{ end }}")?.message, "undefined variable \"$x\"")
        XCTAssertNotNil(root("{{ define \"d\" }}{{ $.a }}{{ end }}"))
    }

    func testBreakInsideIfInsideRangeIsAllowed() {
        XCTAssertNotNil(root("{{ range . }}{{ if 1 }}{{ break }}{{ end }}{{ end }}"))
    }

    func testBreakInRangeElseIsOutsideTheRange() {
        XCTAssertEqual(
            parseError("{{ range . }}{{ else }}{{ break }}{{ end }}")?.message, "{{break}} outside {{range}}")
    }

    // MARK: - Error lines

    func testUnclosedMultiLineActionNamesWhereItStarted() {
        XCTAssertEqual(
            parseError("{{ print \"x\"\n\n\n(\n\n")?.description,
            "template: testchart/templates/case.yaml:6: unclosed action started at testchart/templates/case.yaml:1")
    }

    func testUnexpectedEOFIsOnTheLastLine() {
        XCTAssertEqual(parseError("{{ define \"x\" }}\n{{ if true }}\n{{ end }}")?.description,
                       "template: testchart/templates/case.yaml:3: unexpected EOF")
    }

    func testErrorAfterRawStringCountsItsLines() {
        XCTAssertEqual(
            parseError("{{ `a\nb\nc` nosuch }}")?.description,
            "template: testchart/templates/case.yaml:3: function \"nosuch\" not defined")
    }

    func testLongTokensAreCutToTenRunesInMessages() {
        XCTAssertEqual(parseError("{{ end \"abcdefghijklmnop\" }}")?.message, "unexpected \"\\\"abcdefghi\"... in end")
    }
}
