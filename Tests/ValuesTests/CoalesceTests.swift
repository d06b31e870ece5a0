import XCTest

@testable import Values

/// Value-level coalescing; expectations from Helm v4.2.3 (`toJson .Values` through the
/// template-case oracle). Chart defaults are written as the values Helm's YAML loader
/// produces (numbers are float64).
final class CoalesceTests: XCTestCase {
    private func coalesce(_ defaults: [String: Value], _ user: [String: Value]) -> [String: Value] {
        Coalesce.coalesceValues(chartDefaults: defaults, user: user)
    }

    func testMergeMapsMergesMapsAndLetsTheLaterInputWin() {
        let a: [String: Value] = ["m": ["x": 1.0, "y": 2.0], "l": [1.0, 2.0], "s": "a", "n": 1.0]
        let b: [String: Value] = ["m": ["y": 3.0, "z": nil], "l": [3.0], "s": ["k": "v"], "n": nil]
        XCTAssertEqual(
            Coalesce.mergeMaps(a, b), ["m": ["x": 1.0, "y": 3.0, "z": nil], "l": [3.0], "s": ["k": "v"], "n": nil])
    }

    func testUserNullDeletesTheDefaultKey() {
        XCTAssertEqual(coalesce(["a": ["b": 1.0, "c": 2.0]], ["a": ["b": nil]]), ["a": ["c": 2.0]])
        XCTAssertEqual(coalesce(["a": ["b": 1.0]], ["a": nil]), [:])
        XCTAssertEqual(coalesce(["a": nil], ["a": nil]), [:])
    }

    func testUserNullWithoutADefaultStaysNull() {
        XCTAssertEqual(coalesce(["a": ["c": 1.0]], ["a": ["b": nil]]), ["a": ["b": nil, "c": 1.0]])
        XCTAssertEqual(coalesce(["b": 1.0], ["x": nil]), ["b": 1.0, "x": nil])
        XCTAssertEqual(coalesce(["x": 1.0], ["a": ["b": ["c": nil]]]), ["a": ["b": ["c": nil]], "x": 1.0])
        XCTAssertEqual(
            coalesce(["a": ["b": ["c": 1.0, "d": 2.0]]], ["a": ["b": ["c": nil, "e": nil]]]),
            ["a": ["b": ["d": 2.0, "e": nil]]])
    }

    func testNullsInChartDefaultsAreDroppedAtEveryDepth() {
        XCTAssertEqual(coalesce(["a": nil, "b": 1.0], [:]), ["b": 1.0])
        XCTAssertEqual(coalesce(["a": ["b": nil, "c": 1.0]], [:]), ["a": ["c": 1.0]])
        XCTAssertEqual(coalesce(["a": ["b": nil, "c": 1.0]], ["a": ["d": 1.0]]), ["a": ["c": 1.0, "d": 1.0]])
        XCTAssertEqual(coalesce(["a": ["b": ["c": nil]]], ["a": ["x": 1.0]]), ["a": ["b": [:], "x": 1.0]])
        XCTAssertEqual(coalesce(["a": ["b": nil, "c": 1.0]], ["a": ["b": nil]]), ["a": ["b": nil, "c": 1.0]])
    }

    func testNullsInsideDefaultListsAreKept() {
        XCTAssertEqual(coalesce(["a": [1.0, nil, ["b": nil]]], [:]), ["a": [1.0, nil, ["b": nil]]])
    }

    func testListsAndScalarsAreReplaced() {
        XCTAssertEqual(coalesce(["a": [1.0, 2.0]], ["a": [3.0]]), ["a": [3.0]])
        XCTAssertEqual(coalesce(["a": ["b": 1.0]], ["a": 5.0]), ["a": 5.0])
        XCTAssertEqual(coalesce(["a": ["b": 1.0]], ["a": [1.0]]), ["a": [1.0]])
    }

    func testTypeClashesKeepTheUserValueAndWarn() {
        var warnings: [CoalesceWarning] = []
        let out = Coalesce.coalesceValues(
            chartDefaults: ["a": 1.0, "t": ["b": ["c": 1.0]], "u": ["b": "str"], "w": ["b": [1.0]]],
            user: ["a": ["b": 1.0], "t": ["b": "str"], "u": ["b": ["c": 1.0]], "w": ["b": ["c": 1.0]]],
            chartName: "testchart", warnings: &warnings)
        XCTAssertEqual(out, ["a": ["b": 1.0], "t": ["b": "str"], "u": ["b": ["c": 1.0]], "w": ["b": ["c": 1.0]]])
        XCTAssertEqual(warnings.map(\.message), [
            "warning: skipped value for testchart.a: Not a table.",
            "warning: cannot overwrite table with non table for testchart.t.b (map[c:1])",
            "warning: destination for testchart.u.b is a table. Ignoring non-table value (str)",
            "warning: destination for testchart.w.b is a table. Ignoring non-table value ([1])",
        ])
    }

    func testANullDefaultUnderAUserMapIsNotAWarning() {
        var warnings: [CoalesceWarning] = []
        let out = Coalesce.coalesceValues(
            chartDefaults: ["a": nil], user: ["a": ["b": 1.0]], chartName: "c", warnings: &warnings)
        XCTAssertEqual(out, ["a": ["b": 1.0]])
        XCTAssertEqual(warnings, [])
    }

    func testMergeModeKeepsNulls() {
        var warnings: [CoalesceWarning] = []
        let out = Coalesce.coalesceValues(
            chartDefaults: ["a": ["b": 1.0, "c": nil], "d": nil], user: ["a": ["b": nil]], merge: true,
            warnings: &warnings)
        XCTAssertEqual(out, ["a": ["b": nil, "c": nil], "d": nil])
    }

    func testCoalesceTablesTreatsDestinationAsAuthoritative() {
        XCTAssertEqual(
            Coalesce.coalesceTables(["a": ["x": 1.0], "n": nil, "k": nil], ["a": ["x": 2.0, "y": 3.0], "n": 4.0]),
            ["a": ["x": 1.0, "y": 3.0], "k": nil])
        XCTAssertEqual(
            Coalesce.coalesceTables(["n": nil], ["n": 4.0], merge: true), ["n": nil])
    }
}
