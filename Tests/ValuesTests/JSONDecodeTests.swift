import XCTest

@testable import Values

/// Expectations from Helm's fromJson / mustFromJson / fromJsonArray (Go's json.Unmarshal).
final class JSONDecodeTests: XCTestCase {
    private func error(_ text: String) -> String {
        do {
            _ = try JSON.decode(text)
            return "no error"
        } catch { return "\(error)" }
    }

    func testNumbersAreFloat64() throws {
        XCTAssertEqual(try JSON.decode(#"[1, 1.5, 1e3, -0, 12345678901234567890]"#),
            .list([.float(1), .float(1.5), .float(1000), .float(-0.0), .float(12345678901234567890)]))
    }

    func testObjectsAreInterfaceMapsAndLastDuplicateWins() throws {
        XCTAssertEqual(try JSON.decode(#"{"a": 1, "a": {"b": [true, null]}}"#), ["a": ["b": [true, nil]]])
    }

    func testEscapesAndSurrogatePairsDecode() throws {
        XCTAssertEqual(try JSON.decode(#""\u00e9\ud83d\ude00\/\b""#), .string("é😀/\u{8}"))
    }

    func testLoneSurrogatesBecomeReplacementCharacters() throws {
        XCTAssertEqual(try JSON.decode(#""\ud800x\udc00""#), .string("\u{FFFD}x\u{FFFD}"))
    }

    func testSyntaxErrorsUseGoScannerWording() {
        XCTAssertEqual(error(""), "unexpected end of JSON input")
        XCTAssertEqual(error("[1"), "unexpected end of JSON input")
        XCTAssertEqual(error("01"), "invalid character '1' after top-level value")
        XCTAssertEqual(error("[01]"), "invalid character '1' after array element")
        XCTAssertEqual(error(#"{"a" 1}"#), "invalid character '1' after object key")
        XCTAssertEqual(error(#"{"a":1 "b"}"#), "invalid character '\"' after object key:value pair")
        XCTAssertEqual(error(#"{"a": 1,}"#), "invalid character '}' looking for beginning of object key string")
        XCTAssertEqual(error("{'a': 1}"), #"invalid character '\'' looking for beginning of object key string"#)
        XCTAssertEqual(error(#"{"a": NaN}"#), "invalid character 'N' looking for beginning of value")
        XCTAssertEqual(error("\"x\ty\""), #"invalid character '\t' in string literal"#)
    }

    func testEndOfInputIsReadAsASpaceInsideLiteralsAndNumbers() {
        XCTAssertEqual(error("tru"), "invalid character ' ' in literal true (expecting 'e')")
        XCTAssertEqual(error("-"), "invalid character ' ' in numeric literal")
        XCTAssertEqual(error("1."), "invalid character ' ' after decimal point in numeric literal")
        XCTAssertEqual(error("1ex"), "invalid character 'x' in exponent of numeric literal")
        XCTAssertEqual(error("nx"), "invalid character 'x' in literal null (expecting 'u')")
    }

    func testEscapeErrors() {
        XCTAssertEqual(error(#""\x""#), "invalid character 'x' in string escape code")
        XCTAssertEqual(error(#""\u12x4""#), #"invalid character 'x' in \u hexadecimal character escape"#)
    }

    func testNonASCIIBytesAreQuotedAsLatin1Runes() {
        XCTAssertEqual(error("é"), "invalid character 'Ã' looking for beginning of value")
        XCTAssertEqual(error("\u{0}"), #"invalid character '\x00' looking for beginning of value"#)
        XCTAssertEqual(error("\u{7}"), #"invalid character '\a' looking for beginning of value"#)
    }

    func testNestingDeeperThanTenThousandFails() throws {
        let deep = String(repeating: "[", count: 10001) + String(repeating: "]", count: 10001)
        XCTAssertEqual(error(deep), "invalid character '[' exceeded max depth")
        let ok = String(repeating: "[", count: 10000) + String(repeating: "]", count: 10000)
        XCTAssertNoThrow(try JSON.decode(ok))
    }

    func testOutOfRangeNumberIsATypeError() {
        XCTAssertEqual(error("[1e999]"), "json: cannot unmarshal number 1e999 into Go value of type float64")
        XCTAssertEqual(try JSON.decode("1e-400"), .float(0))
    }

    func testObjectTargetRejectsOtherKindsByName() {
        for (text, kind) in [("[1]", "array"), ("\"s\"", "string"), ("true", "bool"), ("42", "number"), ("1e999", "number")] {
            XCTAssertEqual(JSON.unmarshalObject(text).error?.description,
                "json: cannot unmarshal \(kind) into Go value of type map[string]interface {}")
        }
    }

    func testObjectTargetKeepsPartialEntriesBesideARangeError() {
        let (entries, error) = JSON.unmarshalObject(#"{"a": 1, "b": 1e999}"#)
        XCTAssertEqual(entries, ["a": .float(1), "b": .null])
        XCTAssertEqual(error?.description, "json: cannot unmarshal number 1e999 into Go value of type float64")
    }

    func testNullLeavesNilMapAndNilSlice() {
        XCTAssertNil(JSON.unmarshalObject("null").entries)
        XCTAssertNil(JSON.unmarshalArray("null").items)
        XCTAssertEqual(try JSON.decodeObject("null"), [:])
    }

    func testArrayTargetRejectsObjects() {
        XCTAssertThrowsError(try JSON.decodeArray(#"{"a": 1}"#)) {
            XCTAssertEqual("\($0)", "json: cannot unmarshal object into Go value of type []interface {}")
        }
    }
}
