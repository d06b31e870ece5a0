import XCTest

@testable import Values

/// `YAML.encode` (Helm's `toYaml`, before it trims the final newline) against the oracle.
final class YAMLEncodeTests: XCTestCase {
    private func enc(_ v: Value) throws -> String { try YAML.encode(v) }

    func testToYamlEndsWithANewline() throws {
        XCTAssertEqual(try enc("hello"), "hello\n")
        XCTAssertEqual(try enc(.null), "null\n")
    }

    /// (go-yaml's comparison is not transitive for key sets like `a1b`/`a10`/`a01` or
    /// `2`/`10`/`1a`; Go then sorts in an order that depends on map iteration, so no such
    /// set is tested here.)
    func testToYamlSortsKeysNaturallyWithNonLettersFirst() throws {
        let keys = ["a10", "a2", "a1", "B", "b", "_x", "1", "10", "2", "a", "ä", "-", "A", "1_", "a01", "a001"]
        let v = Value.map(Dictionary(uniqueKeysWithValues: keys.map { ($0, Value.int(1)) }))
        let order = try enc(v).split(separator: "\n").map { $0.split(separator: ":").first.map(String.init) ?? "" }
        XCTAssertEqual(
            order,
            ["'-'", "_x", "\"1\"", "\"1_\"", "\"2\"", "\"10\"", "A", "B", "a", "a1", "a01", "a001", "a2", "a10", "b", "ä"])
    }

    func testToYamlPutsNonLettersBeforeLettersAfterEqualDigits() throws {
        XCTAssertEqual(try enc(["1a": 1, "1_": 2, "10": 3]), "\"1_\": 2\n\"10\": 3\n1a: 1\n")
    }

    func testToYamlKeyOrderIsDeterministicEvenWhereGoYAMLsIsNot() throws {
        let v: Value = ["2": 1, "10": 1, "1a": 1, "a1b": 1, "a10": 1, "a01": 1]
        let first = try enc(v)
        for _ in 0..<20 {
            XCTAssertEqual(try enc(.map(Dictionary(uniqueKeysWithValues: v.mapValue!.shuffled()))), first)
        }
    }

    func testToYamlDoesNotIndentSequencesUnderMappingKeys() throws {
        XCTAssertEqual(try enc(["a": [1, 2]]), "a:\n- 1\n- 2\n")
        XCTAssertEqual(try enc(["a": [["b": 1]]]), "a:\n- b: 1\n")
    }

    func testToYamlWritesNestedSequencesCompactly() throws {
        XCTAssertEqual(try enc([[1, 2], [3]]), "- - 1\n  - 2\n- - 3\n")
        XCTAssertEqual(try enc([[[1]]]), "- - - 1\n")
    }

    func testToYamlWritesMapsInsideSequences() throws {
        XCTAssertEqual(try enc([["a": 1, "b": 2]]), "- a: 1\n  b: 2\n")
        XCTAssertEqual(try enc([["a": [1, 2], "b": ["c": "d"]]]), "- a:\n  - 1\n  - 2\n  b:\n    c: d\n")
    }

    func testToYamlWritesEmptyCollectionsInFlowStyle() throws {
        XCTAssertEqual(try enc(["l": .list([]), "m": .map([:]), "n": .null, "s": ""]), "l: []\nm: {}\n\"n\": null\ns: \"\"\n")
        XCTAssertEqual(try enc([.list([])]), "- []\n")
    }

    func testToYamlDoubleQuotesStringsThatWouldReadAsOtherTypes() throws {
        for s in ["1", "-1", "1.5", "1e3", ".5", "0x1F", "0o17", "010", "1_000", "true", "True", "yes", "Y", "n", "off",
            "null", "~", "", ".inf", "2001-12-14", "2001-12-14 21:59:43.10", "1:20"]
        {
            XCTAssertEqual(try enc(.string(s)), "\"\(s)\"\n", s)
        }
    }

    func testToYamlLeavesLookalikesThatGoYAMLReadsAsStringsPlain() throws {
        for s in ["yEs", "tRue", "nul", "NaN", "inf", "1:60", "2001-13-14", "<<", "=", "-a", ":a", "a:b", "a#b", "a,b", "it's"] {
            XCTAssertEqual(try enc(.string(s)), "\(s)\n", s)
        }
    }

    func testToYamlSingleQuotesStringsWithIndicators() throws {
        for s in ["a: b", "#c", "a #b", "- a", "-", "?", ":", "a:", "[a]", "{a}", "@a", "`a", "!a", "|", ">", "%a", "&a", "*a",
            "---", "...", " a", "a ", "   "]
        {
            XCTAssertEqual(try enc(.string(s)), "'\(s)'\n", s)
        }
    }

    func testToYamlDoublesSingleQuotesInsideSingleQuotedStrings() throws {
        XCTAssertEqual(try enc("'q' x"), "'''q'' x'\n")
    }

    func testToYamlWritesMultiLineStringsAsLiteralBlocks() throws {
        XCTAssertEqual(try enc("line1\nline2"), "|-\n  line1\n  line2\n")
        XCTAssertEqual(try enc("line1\nline2\n"), "|\n  line1\n  line2\n")
        XCTAssertEqual(try enc("a\n\n"), "|+\n  a\n\n")
        XCTAssertEqual(try enc(["x": ["y": "a\nb\n"]]), "x:\n  \"y\": |\n    a\n    b\n")
        XCTAssertEqual(try enc(["a\nb"]), "- |-\n  a\n  b\n")
    }

    func testToYamlGivesLiteralBlocksAnIndentationHintWhenTheyStartWithSpaceOrBreak() throws {
        XCTAssertEqual(try enc("  lead\nx"), "|2-\n    lead\n  x\n")
        XCTAssertEqual(try enc("\n"), "|2+\n\n")
        XCTAssertEqual(try enc(["a": "\n\n", "b": 1]), "a: |2+\n\n\nb: 1\n")
    }

    func testToYamlDoubleQuotesMultiLineStringsThatABlockCannotHold() throws {
        XCTAssertEqual(try enc("trail \nline2"), "\"trail \\nline2\"\n")
        XCTAssertEqual(try enc("a\n  "), "\"a\\n  \"\n")
        XCTAssertEqual(try enc("a\n\tb"), "\"a\\n\\tb\"\n")
        XCTAssertEqual(try enc("a\r\nb"), "\"a\\r\\nb\"\n")
    }

    func testToYamlEscapesTabsControlsAndFourByteCharacters() throws {
        XCTAssertEqual(try enc("tab\there"), "\"tab\\there\"\n")
        XCTAssertEqual(try enc("a\u{01}b"), "\"a\\x01b\"\n")
        XCTAssertEqual(try enc("\u{1B}"), "\"\\e\"\n")
        XCTAssertEqual(try enc("\u{0}"), "\"\\0\"\n")
        XCTAssertEqual(try enc("🎉 party"), "\"\\U0001F389 party\"\n")
    }

    func testToYamlWritesOtherUnicodeRaw() throws {
        XCTAssertEqual(try enc("é ü"), "é ü\n")
        XCTAssertEqual(try enc("日本"), "日本\n")
        XCTAssertEqual(try enc("\u{A0}x"), "\u{A0}x\n")
    }

    func testToYamlEscapesEveryCharacterOfAStringStartingWithAByteOrderMark() throws {
        XCTAssertEqual(try enc("\u{FEFF}x"), "\"\\uFEFF\\x78\"\n")
        XCTAssertEqual(try enc("x\u{FEFF}"), "\"x\\uFEFF\"\n")
    }

    func testToYamlTreatsLineAndParagraphSeparatorsAsBreaks() throws {
        XCTAssertEqual(try enc(["s": "a\u{2028}b"]), "s: 'a\u{2028}  b'\n")
        XCTAssertEqual(try enc("\u{2029}"), "'\u{2029}'\n")
    }

    func testToYamlFoldsNextLineCharactersLikeTheYAMLReaderOfItsJSONStep() throws {
        XCTAssertEqual(try enc("\u{85}x"), "' x'\n")
        XCTAssertEqual(try enc("a \u{85} \u{85}b\u{85}"), "\"a\\nb \"\n")
        XCTAssertEqual(try enc("x\u{85}\u{85}\u{85}y"), "|-\n  x\n\n  y\n")
    }

    func testToYamlFoldsLongPlainStringsAtEightyColumns() throws {
        let s = Array(repeating: "word", count: 50).joined(separator: " ")
        let line = Array(repeating: "word", count: 16).joined(separator: " ")
        XCTAssertEqual(try enc(.string(s)), "\(line) word\n  \(line)\n  \(line)\n  word\n")
    }

    func testToYamlFoldsOnlyOnceTheColumnPassesEighty() throws {
        let x39 = String(repeating: "x ", count: 39)
        XCTAssertEqual(try enc(.string(x39 + "yy zz")), x39 + "yy zz\n")
        let x40 = String(repeating: "x ", count: 40)
        XCTAssertEqual(try enc(.string(x40 + "yy zz")), x40 + "yy\n  zz\n")
    }

    func testToYamlDoesNotFoldStringsWithoutSpaces() throws {
        let s = String(repeating: "x", count: 120)
        XCTAssertEqual(try enc(["s": .string(s)]), "s: \(s)\n")
    }

    func testToYamlFoldsQuotedStringsAndIndentsContinuationUnderTheKey() throws {
        let w = String(repeating: "w ", count: 50)
        let first = String(repeating: "w ", count: 37) + "w"
        XCTAssertEqual(try enc(["a": ["b": .string(w)]]), "a:\n  b: '\(first)\n    \(String(repeating: "w ", count: 12))'\n")
    }

    func testToYamlEscapesAFoldedDoubleQuotedSpaceRun() throws {
        let s = "\"" + String(repeating: "a ", count: 45) + "\t"
        XCTAssertEqual(
            try enc(.string(s)),
            "\"\\\"" + String(repeating: "a ", count: 39) + "a\n  " + String(repeating: "a ", count: 5) + "\\t\"\n")
    }

    func testToYamlWritesLongKeysInExplicitForm() throws {
        let k128 = String(repeating: "k", count: 128)
        let k129 = String(repeating: "k", count: 129)
        XCTAssertEqual(try enc([k128: 1]), "\(k128): 1\n")
        XCTAssertEqual(try enc([k129: 1]), "? \(k129)\n: 1\n")
    }

    func testToYamlWritesMultiLineKeysInExplicitForm() throws {
        XCTAssertEqual(try enc(["multi\nline": 1]), "? |-\n  multi\n  line\n: 1\n")
        XCTAssertEqual(try enc(["multi\nline": [1]]), "? |-\n  multi\n  line\n: - 1\n")
    }

    func testToYamlPrintsFloat64AsJSONThenYAMLReadsIt() throws {
        XCTAssertEqual(try enc(.float(1_000_000)), "1000000\n")
        XCTAssertEqual(try enc(.float(1.0)), "1\n")
        XCTAssertEqual(try enc(.float(123_456_789.5)), "1.234567895e+08\n")
        XCTAssertEqual(try enc(.float(1e20)), "1e+20\n")
        XCTAssertEqual(try enc(.float(1e21)), "1e+21\n")
        XCTAssertEqual(try enc(.float(1e-6)), "1e-06\n")
        XCTAssertEqual(try enc(.float(0.000123)), "0.000123\n")
        XCTAssertEqual(try enc(.float(-0.0)), "0\n")
        XCTAssertEqual(try enc(.float(12_345_678_901_234_567_168)), "12345678901234567000\n")
    }

    func testToYamlPrintsIntegersOfEveryGoType() throws {
        XCTAssertEqual(try enc(.int64(-5)), "-5\n")
        XCTAssertEqual(try enc(.int(-1, type: .uint64)), "18446744073709551615\n")
    }

    func testToYamlWritesBytesAsBase64() throws {
        XCTAssertEqual(try enc(.bytes(Array("hi".utf8))), "aGk=\n")
    }

    func testToYamlRefusesNaNLikeJSONMarshal() {
        XCTAssertThrowsError(try enc(.float(.nan))) { e in
            XCTAssertEqual("\(e)", "error marshaling into JSON: json: unsupported value: NaN")
        }
        XCTAssertThrowsError(try enc(["a": .float(.infinity)])) { e in
            XCTAssertEqual((e as? YAMLError)?.message, "json: unsupported value: +Inf")
        }
    }

    func testToYamlRefusesDeleteAndC1ControlsThatGoYAMLCannotReadBack() {
        XCTAssertThrowsError(try enc("\u{7F}")) { e in
            XCTAssertEqual("\(e)", "yaml: control characters are not allowed")
        }
        XCTAssertThrowsError(try enc(["a\u{80}": 1]))
    }
}
