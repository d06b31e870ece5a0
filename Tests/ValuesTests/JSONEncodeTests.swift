import XCTest

@testable import Values

/// Expectations from Helm's toJson / toRawJson / toPrettyJson (Go's encoding/json).
final class JSONEncodeTests: XCTestCase {
    func testMapKeysAreSortedByBytes() throws {
        let m: Value = ["b": 1, "a": 2, "B": 3, "_": 4, "10": 5, "9": 6]
        XCTAssertEqual(try JSON.encode(m), #"{"10":5,"9":6,"B":3,"_":4,"a":2,"b":1}"#)
    }

    func testHTMLCharactersAreEscapedUnlessRaw() throws {
        XCTAssertEqual(try JSON.encode("<a>&"), #""\u003ca\u003e\u0026""#)
        XCTAssertEqual(try JSON.encode("<a>&", escapeHTML: false), #""<a>&""#)
    }

    func testLineAndParagraphSeparatorsAreAlwaysEscaped() throws {
        XCTAssertEqual(try JSON.encode("a\u{2028}b\u{2029}c", escapeHTML: false), #""a\u2028b\u2029c""#)
    }

    func testControlCharactersUseShortOrUnicodeEscapes() throws {
        XCTAssertEqual(try JSON.encode("\u{8}\u{c}\t\n\r\u{0}\u{1f}\u{7f}\\\""), "\"\\b\\f\\t\\n\\r\\u0000\\u001f\u{7f}\\\\\\\"\"")
    }

    func testFloatsUseExponentOnlyWhenTinyOrHuge() throws {
        let floats: Value = .list([1e21, -1e21, 1.5e-7, 123456789012, 1e-6, 5e-324, 1.7976931348623157e308, 0.1, 1e20])
        XCTAssertEqual(
            try JSON.encode(floats),
            "[1e+21,-1e+21,1.5e-7,123456789012,0.000001,5e-324,1.7976931348623157e+308,0.1,100000000000000000000]")
    }

    func testNegativeZeroKeepsItsSign() throws {
        XCTAssertEqual(try JSON.encode(.float(-0.0)), "-0")
    }

    func testLargeFloatsPrintAllDigits() throws {
        XCTAssertEqual(try JSON.encode(.float(12345678901234567890)), "12345678901234567000")
    }

    func testUnsignedIntegersUseTheirBitPattern() throws {
        XCTAssertEqual(try JSON.encode(.int(-1, type: .uint64)), "18446744073709551615")
        XCTAssertEqual(try JSON.encode(.int64(-5)), "-5")
    }

    func testBytesAreStandardBase64() throws {
        XCTAssertEqual(try JSON.encode(.bytes(Array("hi".utf8))), #""aGk=""#)
        XCTAssertEqual(try JSON.encode(.bytes(Array("abc".utf8))), #""YWJj""#)
    }

    func testNaNAndInfinityAreUnsupportedValues() {
        XCTAssertThrowsError(try JSON.encode(.float(.nan))) { XCTAssertEqual("\($0)", "json: unsupported value: NaN") }
        XCTAssertThrowsError(try JSON.encode(["a": .float(.infinity)])) {
            XCTAssertEqual("\($0)", "json: unsupported value: +Inf")
        }
        XCTAssertThrowsError(try JSON.encode(.float(-.infinity))) { XCTAssertEqual("\($0)", "json: unsupported value: -Inf") }
    }

    func testNullIsNull() throws {
        XCTAssertEqual(try JSON.encode(nil), "null")
    }

    func testIndentedNestsAndKeepsEmptyContainersCompact() throws {
        let v: Value = ["a": .map([:]), "b": .list([]), "c": [.map([:])], "d": [1, ["e": nil]]]
        XCTAssertEqual(
            try JSON.encodeIndented(v),
            "{\n  \"a\": {},\n  \"b\": [],\n  \"c\": [\n    {}\n  ],\n  \"d\": [\n    1,\n    {\n      \"e\": null\n    }\n  ]\n}")
    }

    func testIndentedPrefixStartsEveryLineButTheFirst() throws {
        XCTAssertEqual(try JSON.encodeIndented([1], prefix: "> ", indent: "\t"), "[\n> \t1\n> ]")
    }

    func testIndentedEscapesHTML() throws {
        XCTAssertEqual(try JSON.encodeIndented(["a": "<&>"]), "{\n  \"a\": \"\\u003c\\u0026\\u003e\"\n}")
    }
}
