import XCTest

@testable import Values

/// `YAML.encodePretty` (Helm's `toYamlPretty`: go-yaml v3, indent 2) against the oracle.
final class YAMLPrettyEncodeTests: XCTestCase {
    private func enc(_ v: Value) throws -> String { try YAML.encodePretty(v) }

    func testToYamlPrettyIndentsSequencesUnderMappingKeys() throws {
        XCTAssertEqual(try enc(["a": [1, 2]]), "a:\n  - 1\n  - 2\n")
        XCTAssertEqual(try enc([["a": [["b": [1]]]]]), "- a:\n    - b:\n        - 1\n")
        XCTAssertEqual(try enc(["a": ["b": [["c": [1, 2]]]]]), "a:\n  b:\n    - c:\n        - 1\n        - 2\n")
    }

    func testToYamlPrettyPrintsFloat64WithPercentG() throws {
        XCTAssertEqual(try enc(.float(1_000_000)), "1e+06\n")
        XCTAssertEqual(try enc(.float(12_345_678_901_234_567_168)), "1.2345678901234567e+19\n")
        XCTAssertEqual(try enc(.float(-0.0)), "-0\n")
        XCTAssertEqual(try enc(.float(2.5)), "2.5\n")
    }

    func testToYamlPrettyWritesNaNAndInfinityAsYAMLFloats() throws {
        XCTAssertEqual(try enc(.float(.nan)), ".nan\n")
        XCTAssertEqual(try enc(.float(.infinity)), ".inf\n")
    }

    func testToYamlPrettyWritesBytesAsAListOfNumbers() throws {
        XCTAssertEqual(try enc(.bytes(Array("hi".utf8))), "- 104\n- 105\n")
    }

    func testToYamlPrettyPutsLettersBeforeSymbolsAfterEqualDigits() throws {
        let v: Value = ["1": 1, "1a": 1, "1_": 1, "2": 1, "10": 1]
        XCTAssertEqual(try enc(v), "\"1\": 1\n1a: 1\n\"1_\": 1\n\"2\": 1\n\"10\": 1\n")
    }

    func testToYamlPrettyDoesNotFoldLongLines() throws {
        let s = String(repeating: "word ", count: 50).dropLast()
        XCTAssertEqual(try enc(.string(String(s))), "\(s)\n")
    }

    func testToYamlPrettyAllowsTabsInLiteralBlocks() throws {
        XCTAssertEqual(try enc("a\n\tb"), "|-\n  a\n  \tb\n")
        XCTAssertEqual(try enc("tab\there"), "\"tab\\there\"\n")
    }

    func testToYamlPrettyEscapesNextLineAndDelete() throws {
        XCTAssertEqual(try enc("\u{85}"), "\"\\N\"\n")
        XCTAssertEqual(try enc("\u{7F}"), "\"\\x7F\"\n")
    }

    func testToYamlPrettyQuotesLikeToYaml() throws {
        XCTAssertEqual(try enc(["s": "True"]), "s: \"True\"\n")
        XCTAssertEqual(try enc(["s": ">"]), "s: '>'\n")
        XCTAssertEqual(try enc(["s": "NaN"]), "s: NaN\n")
        XCTAssertEqual(try enc(["s": "😀"]), "s: \"\\U0001F600\"\n")
    }

    func testToYamlPrettyWritesEmptyCollectionsInFlowStyle() throws {
        XCTAssertEqual(try enc(.map([:])), "{}\n")
        XCTAssertEqual(try enc(.list([])), "[]\n")
    }
}
