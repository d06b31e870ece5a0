import XCTest

@testable import Values

/// `--set-json` (`key=json` form); expectations from Helm v4.2.3 through the oracle.
final class StrValsJSONTests: XCTestCase {
    private func json(_ line: String, into start: [String: Value] = [:]) throws -> [String: Value] {
        var values = start
        try StrVals.parseJSON(line, into: &values)
        return values
    }

    private func error(_ line: String) -> String {
        do {
            _ = try json(line)
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    func testValuesAreJSONDocumentsWithFloat64Numbers() throws {
        XCTAssertEqual(try json(#"a={"b":[1,2]}"#), ["a": ["b": [1.0, 2.0]]])
        XCTAssertEqual(
            try json(#"a=1 ,b=[true, {"c": null}] "#), ["a": 1.0, "b": [true, ["c": nil]]])
    }

    func testEmptyValuesAreNullAndSpacesBeforeTheNextKeyStayInIt() throws {
        XCTAssertEqual(
            try json(#"a=,b= ,c=  null,d= "x" , e=1"#),
            ["a": nil, "b": nil, "c": nil, "d": "x", " e": 1.0])
    }

    func testOnlyTheFirstJSONValueIsTakenAndTheRestParsesAsKeys() throws {
        XCTAssertEqual(try json("c=1x=2"), ["c": 1.0, "x": 2.0])
        XCTAssertEqual(error("a=01"), #"key "1" has no value"#)
    }

    func testListIndicesAndExistingValues() throws {
        XCTAssertEqual(try json(#"a[1]={"b":1},a[0]=2"#), ["a": [2.0, ["b": 1.0]]])
        XCTAssertEqual(try json(#"a.b[0]=1,a.b[2]="z""#), ["a": ["b": [1.0, nil, "z"]]])
        XCTAssertEqual(
            try json(#"outer.inner1=,outer.inner3={"cc":[1,2,3]},outer.inner3.cc[1]=null"#,
                     into: ["outer": ["inner1": ["x": "overwrite"], "inner2": "value2"]]),
            ["outer": ["inner1": nil, "inner2": "value2", "inner3": ["cc": [1.0, nil, 3.0]]]])
        XCTAssertEqual(try json("a[0].b="), ["a": [["b": nil]]])
    }

    func testStringEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try json(#"a="\ud83d\ude00",b="\u00e9\ud800x""#), ["a": "😀", "b": "é\u{FFFD}x"])
    }

    func testSyntaxErrorsUseGoScannerWording() {
        XCTAssertEqual(error("a=tru,b=1"), "invalid character ',' in literal true (expecting 'e')")
        XCTAssertEqual(error("a=1.,b=2"), "invalid character ',' after decimal point in numeric literal")
        XCTAssertEqual(error("a=1."), "unexpected EOF")
        XCTAssertEqual(error("a=[1,]"), "invalid character ']' looking for beginning of value")
        XCTAssertEqual(error(#"a={"x" 1}"#), "invalid character '1' after object key")
        XCTAssertEqual(error(#"a="\u00e9\ud800x\q""#), "invalid character 'q' in string escape code")
        XCTAssertEqual(error("a=\u{e9}"), "invalid character 'Ã' looking for beginning of value")
        XCTAssertEqual(error("a=[1 2]"), "invalid character '2' after array element")
        XCTAssertEqual(error(#"a={"x":1 "y"}"#), #"invalid character '"' after object key:value pair"#)
        XCTAssertEqual(error("a={,}"), "invalid character ',' looking for beginning of object key string")
        XCTAssertEqual(error("a=-x"), "invalid character 'x' in numeric literal")
        XCTAssertEqual(error("a=1e+x"), "invalid character 'x' in exponent of numeric literal")
        XCTAssertEqual(error("a=\"x\ny\""), #"invalid character '\n' in string literal"#)
        XCTAssertEqual(error(#"a="\uzz""#), #"invalid character 'z' in \u hexadecimal character escape"#)
        XCTAssertEqual(error(#"a="x"#), "unexpected EOF")
    }

    func testNumbersBeyondFloat64AreUnmarshalErrors() {
        XCTAssertEqual(error("a=1e400"), "json: cannot unmarshal number 1e400 into Go value of type float64")
    }
}
