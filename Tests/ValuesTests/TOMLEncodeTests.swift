import XCTest

@testable import Values

/// Expectations from Helm's toToml (BurntSushi/toml v1.6.0's encoder).
final class TOMLEncodeTests: XCTestCase {
    private func text(_ v: Value) -> String {
        do { return try TOML.encode(v) } catch { return "\(error)" }
    }

    func testPlainKeysComeBeforeTablesAndNestedTablesIndent() {
        let v: Value = ["a": ["b": ["c": ["d": 1]], "e": 2], "f": ["g": 3]]
        XCTAssertEqual(text(v), "[a]\n  e = 2\n  [a.b]\n    [a.b.c]\n      d = 1\n\n[f]\n  g = 3\n")
    }

    func testFloatsUseShortestGDigitsWithDecimalForWholeNumbers() {
        let v: Value = ["a": .list([1.5e21, 123456789, 1e-7, 0.1, 100, 1e20, 12345678901234567890].map { .float($0) })]
        XCTAssertEqual(text(v), "a = [1.5e+21, 1.23456789e+08, 1e-07, 0.1, 100.0, 1e+20, 1.2345678901234567e+19]\n")
    }

    func testIntegersAndSpecialFloats() {
        XCTAssertEqual(text(["a": .int64(5), "b": 5, "c": .float(.nan), "d": .float(-.infinity)]), "a = 5\nb = 5\nc = nan\nd = -inf\n")
    }

    func testStringEscapes() {
        XCTAssertEqual(
            text(["s": "a\u{7f}b\u{0}c\u{1f}\u{8}\u{c}\r\u{2028}😀 é\"\\\t\n"]),
            "s = \"a\\u007fb\\u0000c\\u001f\\b\\f\\r\u{2028}😀 é\\\"\\\\\\t\\n\"\n")
    }

    func testKeysAreQuotedUnlessBare() {
        let v: Value = ["k\"ey": 1, "k\\ey": 2, "k\ney": 3, "a\u{1}": 4, "ABC-_z09": 5, "": 6, "é": 7]
        XCTAssertEqual(
            text(v),
            "\"\" = 6\nABC-_z09 = 5\n\"a\\u0001\" = 4\n\"k\\ney\" = 3\n\"k\\\"ey\" = 1\n\"k\\\\ey\" = 2\n\"é\" = 7\n")
    }

    func testListsOfMapsBecomeArraysOfTables() {
        let v: Value = ["z": [["a": ["b": 1]], ["c": [["d": 1]]]]]
        XCTAssertEqual(text(v), "[[z]]\n  [z.a]\n    b = 1\n\n[[z]]\n\n  [[z.c]]\n    d = 1\n")
    }

    func testMixedListsAreInlineWithInlineTables() {
        XCTAssertEqual(text(["a": [1, ["x": 1, "y": nil]]]), "a = [1, {x = 1, }]\n")
        XCTAssertEqual(text(["a": [1, ["y": nil, "x": 1, "z": .map([:])]]]), "a = [1, {x = 1, z = {}}]\n")
        XCTAssertEqual(text(["a": [[["x": 1]], [["y": 1]]]]), "a = [[{x = 1}], [{y = 1}]]\n")
    }

    func testNilMapValuesAreSkippedButNilListElementsFail() {
        XCTAssertEqual(text(["a": ["b": nil]]), "[a]\n")
        XCTAssertEqual(text(["a": [[1, nil]]]), "toml: cannot encode array with nil element")
    }

    func testTopLevelValuesOtherThanMaps() {
        XCTAssertEqual(text([1, 2]), "[1, 2]")
        XCTAssertEqual(text("s"), "\"s\"")
        XCTAssertEqual(text(.list([])), "[]")
        XCTAssertEqual(text([["a": 1]]), "toml: top-level values must be Go maps or structs")
        XCTAssertEqual(text([["a": 1], 1]), "[{a = 1}, 1]")
    }

    func testTopLevelNilIsAGoPanic() {
        XCTAssertThrowsError(try TOML.encode(nil)) {
            XCTAssertEqual($0 as? TOMLEncodeError, .panic("reflect: call of reflect.Value.Type on zero Value"))
        }
    }

    func testTimesAreBareRFC3339() {
        let t = GoTime(year: 2020, month: 1, day: 2)
        XCTAssertEqual(text(["t": .object(t)]), "t = 2020-01-02T00:00:00Z\n")
        XCTAssertEqual(text(.object(t)), "2020-01-02T00:00:00Z")
    }

    func testEmptyTablesInArraysOfTables() {
        XCTAssertEqual(text(["a": [.map([:]), ["x": 1]]]), "[[a]]\n\n[[a]]\n  x = 1\n")
    }
}
