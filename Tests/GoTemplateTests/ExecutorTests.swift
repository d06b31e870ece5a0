import GoTemplate
import Values
import XCTest

/// The executor against Go's behaviour (expectations are real Helm's outputs), with
/// Helm's `missingkey=zero` option.
final class ExecutorTests: XCTestCase {
    let values: Value = [
        "l": .list([.null, .int(1)]), "m": ["a": .null, "b": "B"], "s": "x", "n": .float(5),
        "nums": .list([.float(1), .float(2), .float(3)]),
    ]

    func render(_ text: String, functions: [String: GoFunction] = [:]) throws -> String {
        var set = TemplateSet(name: "gotpl")
        set.missingKey = .zero
        set.addFunctions(functions)
        try set.parse(name: "t.yaml", text: text)
        return try set.execute("t.yaml", data: .map(["Values": values]))
    }

    func renderError(_ text: String) -> String {
        do {
            let out = try render(text)
            return "no error: " + out
        } catch {
            return "\(error)"
        }
    }

    func testMissingKeyPrintsNoValueAndNilListElementPrintsNoValueAfterPipeline() throws {
        XCTAssertEqual(try render("{{ .Values.missing }}"), "<no value>")
        XCTAssertEqual(try render("{{ range .Values.l }}[{{ . }}]{{ end }}"), "[<no value>][1]")
    }

    func testFieldOfNilInterfaceInChainIsNilPointerError() {
        XCTAssertTrue(renderError("{{ .Values.missing.x }}").hasSuffix("nil pointer evaluating interface {}.x"))
        XCTAssertEqual(
            renderError("{{ .Values.missing.x }}"),
            #"template: t.yaml:1:10: executing "t.yaml" at <.Values.missing.x>: nil pointer evaluating interface {}.x"#)
    }

    func testFieldOfVariableHoldingNilYieldsNothing() throws {
        XCTAssertEqual(try render("{{ $x := .Values.missing }}{{ $x.y }}"), "<no value>")
    }

    func testFieldOfScalarCannotBeEvaluated() {
        XCTAssertTrue(renderError("{{ .Values.s.x }}").hasSuffix("can't evaluate field x in type interface {}"))
        XCTAssertTrue(renderError("{{ $x := 1 }}{{ $x.y }}").hasSuffix("can't evaluate field y in type int"))
    }

    func testRangeOverMapVisitsKeysInSortedOrder() throws {
        XCTAssertEqual(try render("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}"), "a=<no value>;b=B;")
    }

    func testRangeOverIntCountsFromZero() throws {
        XCTAssertEqual(try render("{{ range 3 }}{{ . }}{{ end }}"), "012")
        XCTAssertTrue(renderError("{{ range $i, $v := 3 }}{{ . }}{{ end }}").hasSuffix("can't use 3 to iterate over more than one variable"))
    }

    func testRangeOverStringIsAnError() {
        XCTAssertTrue(renderError("{{ range .Values.s }}{{ . }}{{ end }}").hasSuffix("range can't iterate over x"))
    }

    func testBreakAndContinue() throws {
        XCTAssertEqual(try render("{{ range 5 }}{{ if eq . 3 }}{{ break }}{{ end }}{{ . }}{{ end }}"), "012")
        XCTAssertEqual(try render("{{ range 4 }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}"), "023")
    }

    func testRangeElseRunsForEmptyCollections() throws {
        XCTAssertEqual(try render("{{ range .Values.none }}x{{ else }}empty{{ end }}"), "empty")
    }

    func testVariablesDeclaredInsideBlocksAreScopedToThem() throws {
        XCTAssertEqual(try render("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}"), "2")
    }

    func testAndOrReturnTheDecidingOperand() throws {
        XCTAssertEqual(try render("{{ and 1 .Values.missing }}"), "<no value>")
        XCTAssertEqual(try render("{{ or 0 \"\" \"z\" }}"), "z")
        XCTAssertEqual(try render("{{ and 1 2 }}"), "2")
    }

    func testComparingFloatWithIntIsAnError() {
        XCTAssertTrue(
            renderError("{{ eq .Values.n 5 }}").hasSuffix(
                "error calling eq: incompatible types for comparison: float64 and int"))
        XCTAssertTrue(renderError("{{ lt 1 \"1\" }}").hasSuffix("incompatible types for comparison: int and string"))
    }

    func testEqWithNilOperands() throws {
        XCTAssertEqual(try render("{{ eq nil nil }}"), "true")
        XCTAssertEqual(try render("{{ eq .Values.missing nil }}"), "true")
        XCTAssertEqual(try render("{{ eq 2 1 2 }}"), "true")
    }

    func testIndexAndLenErrors() {
        XCTAssertTrue(renderError("{{ index .Values.m \"a\" \"b\" }}").hasSuffix("error calling index: index of nil pointer"))
        XCTAssertTrue(renderError("{{ index nil 1 }}").hasSuffix("error calling index: index of untyped nil"))
        XCTAssertTrue(renderError("{{ len .Values.missing }}").hasSuffix("error calling len: len of nil pointer"))
        XCTAssertTrue(renderError("{{ index .Values.l 5 }}").hasSuffix("error calling index: index out of range: 5"))
    }

    func testIndexOfStringGivesAByte() throws {
        XCTAssertEqual(try render("{{ index \"abc\" 1 }}"), "98")
    }

    func testNamedTemplateGetsItsOwnDot() throws {
        XCTAssertEqual(try render("{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" .Values.s }}"), "[x]")
        XCTAssertTrue(renderError("{{ template \"nope\" }}").hasSuffix("template \"nope\" not defined"))
    }

    func testFunctionArgumentTypesAreChecked() {
        let upper = GoFunction("upper", [.string]) { .string(($0[0].stringValue ?? "").uppercased()) }
        XCTAssertEqual(try render("{{ \"a\" | upper }}", functions: ["upper": upper]), "A")
        func err(_ t: String) -> String {
            do { return try render(t, functions: ["upper": upper]) } catch { return "\(error)" }
        }
        XCTAssertTrue(err("{{ upper 1 }}").hasSuffix("expected string; found 1"))
        XCTAssertTrue(err("{{ upper .Values.n }}").hasSuffix("wrong type for value; expected string; got float64"))
        XCTAssertTrue(err("{{ .Values.missing | upper }}").hasSuffix("invalid value; expected string"))
        XCTAssertTrue(err("{{ upper .Values.missing }}").hasSuffix("wrong type for value; expected string; got interface {}"))
        XCTAssertTrue(err("{{ \"x\" | upper 2 }}").hasSuffix("wrong number of args for upper: want 1 got 2"))
        XCTAssertTrue(err("{{ upper nil }}").hasSuffix("cannot assign nil to string"))
    }

    func testPipelineLastValueIsTheFinalArgument() throws {
        XCTAssertEqual(try render("{{ 1 | printf \"%d %d\" 2 }}"), "2 1")
    }

    func testErrorsQuoteTheWholeNode() {
        XCTAssertEqual(
            renderError("{{ index .Values.l 0 1 2 3 4 5 6 }}"),
            #"template: t.yaml:1:3: executing "t.yaml" at <index .Values.l 0 1 2 3 4 5 6>: error calling index: index of nil pointer"#)
    }

    func testEscapingBuiltins() throws {
        XCTAssertEqual(try render(#"{{ html "<a href='x'>&\"" }}"#), "&lt;a href=&#39;x&#39;&gt;&amp;&#34;")
        XCTAssertEqual(try render(#"{{ js "a'b<=>\n" }}"#), #"a\'b\u003C\u003D\u003E\u000A"#)
        XCTAssertEqual(try render(#"{{ urlquery "a b&c/é" }}"#), "a+b%26c%2F%C3%A9")
        XCTAssertEqual(try render("{{ html .Values.missing }}"), "&lt;no value&gt;")
    }

    func testNilIsNotACommand() {
        XCTAssertTrue(renderError("{{ nil }}").hasSuffix("nil is not a command"))
    }
}
