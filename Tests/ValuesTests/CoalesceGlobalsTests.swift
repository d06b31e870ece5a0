import XCTest

@testable import Values

/// Parent/subchart coalescing; expectations from Helm v4.2.3 rendering a parent chart
/// `p` with a subchart `sub` (through helm-python-sdk).
final class CoalesceGlobalsTests: XCTestCase {
    private func tree(_ parent: [String: Value], _ sub: [String: Value]) -> CoalesceNode {
        CoalesceNode(name: "p", defaults: parent, dependencies: [CoalesceNode(name: "sub", defaults: sub)])
    }

    private func coalesce(_ chart: CoalesceNode, _ user: [String: Value] = [:]) throws -> [String: Value] {
        var warnings: [CoalesceWarning] = []
        return try Coalesce.coalesce(chart, values: user, warnings: &warnings)
    }

    func testParentGlobalsWinAndMergeWithTheSubchartsOwn() throws {
        let out = try coalesce(tree(
            ["global": ["a": 1.0, "m": ["k": 1.0]], "sub": ["global": ["a": 2.0, "m": ["j": 2.0], "s": 3.0]]],
            ["global": ["z": 9.0]]))
        XCTAssertEqual(out, [
            "global": ["a": 1.0, "m": ["k": 1.0]],
            "sub": ["global": ["a": 1.0, "m": ["j": 2.0, "k": 1.0], "s": 3.0, "z": 9.0]],
        ])
    }

    func testASubchartScalarGlobalIsKeptOverAParentMapWithAWarning() {
        var subValues: [String: Value] = ["global": ["m": 5.0]]
        var warnings: [CoalesceWarning] = []
        Coalesce.coalesceGlobals(into: &subValues, from: ["global": ["m": ["k": 1.0]]], prefix: "p", warnings: &warnings)
        XCTAssertEqual(subValues, ["global": ["m": 5.0]])
        XCTAssertEqual(warnings.map(\.message), [#"Conflict: cannot merge map onto non-map for "m". Skipping."#])
    }

    func testEverySubchartGetsAGlobalMap() throws {
        let out = try coalesce(tree(["sub": ["k": nil, "j": 2.0]], ["k": 1.0, "n": nil, "m": ["a": nil, "b": 1.0]]))
        XCTAssertEqual(out, ["sub": ["global": [:], "j": 2.0, "k": 1.0, "m": ["b": 1.0]]])
    }

    func testANonMapSubchartSectionIsATypeMismatch() {
        XCTAssertThrowsError(try coalesce(tree(["x": 1.0], ["k": 1.0]), ["sub": "foo"])) {
            XCTAssertEqual("\($0)", "type mismatch on sub: %!t(string=foo)")
        }
        XCTAssertThrowsError(try coalesce(tree(["x": 1.0], ["k": 1.0]), ["sub": nil])) {
            XCTAssertEqual("\($0)", "type mismatch on sub: %!t(<nil>)")
        }
        XCTAssertThrowsError(try coalesce(tree(["x": 1.0], ["k": 1.0]), ["sub": [1.0, "a", nil, true, ["q": 1.0]]])) {
            XCTAssertEqual(
                "\($0)", "type mismatch on sub: [%!t(float64=1) %!t(string=a) <nil> true map[%!t(string=q):%!t(float64=1)]]")
        }
    }

    func testAMissingSubchartSectionIsEmpty() throws {
        XCTAssertEqual(try Coalesce.subchartSection("sub", of: ["x": 1.0]), [:])
    }
}
