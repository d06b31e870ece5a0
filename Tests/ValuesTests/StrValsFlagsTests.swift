import XCTest

@testable import Values

/// Helm's `values.Options.MergeValues` order and error wording (Helm v4.2.3 source).
final class StrValsFlagsTests: XCTestCase {
    private func merge(_ files: [[String: Value]] = [], _ flags: StrVals.Flags) throws -> [String: Value] {
        try StrVals.merge(valueFiles: files, flags: flags) { "<\($0)>" }
    }

    func testKindsApplyInHelmsFixedOrderWhateverTheCommandLine() throws {
        let out = try merge(
            [["a": "file", "m": ["x": 1.0, "y": 1.0]]],
            StrVals.Flags(json: [#"{"m":{"y":2}}"#, "j=1"], set: ["a=set", "j=2"], setString: ["s=1"],
                          setFile: ["f=path"], setLiteral: ["a=lit,eral"]))
        XCTAssertEqual(out, ["a": "lit,eral", "m": ["x": 1.0, "y": 2.0], "j": .int64(2), "s": "1", "f": "<path>"])
    }

    func testLaterFilesMergeOverEarlierOnes() throws {
        XCTAssertEqual(
            try merge([["m": ["x": 1.0], "l": [1.0]], ["m": ["y": 2.0], "l": [2.0]]], StrVals.Flags()),
            ["m": ["x": 1.0, "y": 2.0], "l": [2.0]])
    }

    func testFlagErrorsUseHelmsWording() {
        XCTAssertThrowsError(try merge([], StrVals.Flags(set: ["a"]))) {
            XCTAssertEqual("\($0)", #"failed parsing --set data: key "a" has no value"#)
        }
        XCTAssertThrowsError(try merge([], StrVals.Flags(json: ["a=tru"]))) {
            XCTAssertEqual("\($0)", "failed parsing --set-json data a=tru")
        }
        XCTAssertThrowsError(try merge([], StrVals.Flags(json: [#" {"a":1} x"#]))) {
            XCTAssertEqual("\($0)", #"failed parsing --set-json data JSON:  {"a":1} x"#)
        }
        XCTAssertThrowsError(try merge([], StrVals.Flags(setLiteral: ["a"]))) {
            XCTAssertEqual("\($0)", #"failed parsing --set-literal data: key "a" has no value"#)
        }
    }
}
