import XCTest

@testable import Values

/// `YAML.decode` against what Helm v4.2.3 (`sigs.k8s.io/yaml` over go-yaml v2) gives;
/// every expectation was taken from the oracle (`fromYaml … | toJson`).
final class YAMLDecodeTests: XCTestCase {
    private func decode(_ text: String) throws -> Value { try YAML.decode(text) }

    private func field(_ text: String, _ key: String = "a") throws -> Value? {
        try YAML.decodeMap(text)[key]
    }

    func testDecodeTurnsEveryNumberIntoFloat64() throws {
        XCTAssertEqual(try field("a: 42"), .float(42))
        XCTAssertEqual(try field("a: 1.5e3"), .float(1500))
        XCTAssertEqual(try field("a: -0"), .float(0))
    }

    func testDecodeReadsYAML11BooleansOnlyInGoYAMLsSpellings() throws {
        let m = try YAML.decodeMap("a: Yes\nb: yES\nc: ON\nd: oN\ne: TRUE\nf: tRUE\ng: y\nh: n\nj: Off\nk: OFF")
        XCTAssertEqual(m["a"], .bool(true))
        XCTAssertEqual(m["b"], .string("yES"))
        XCTAssertEqual(m["c"], .bool(true))
        XCTAssertEqual(m["d"], .string("oN"))
        XCTAssertEqual(m["e"], .bool(true))
        XCTAssertEqual(m["f"], .string("tRUE"))
        XCTAssertEqual(m["g"], .bool(true))
        XCTAssertEqual(m["h"], .bool(false))
        XCTAssertEqual(m["j"], .bool(false))
        XCTAssertEqual(m["k"], .bool(false))
    }

    func testDecodeReadsNullSpellings() throws {
        let m = try YAML.decodeMap("a: ~\nb: NULL\nc: nULL\nd:\ne: Null")
        XCTAssertEqual(m["a"], .null)
        XCTAssertEqual(m["b"], .null)
        XCTAssertEqual(m["c"], .string("nULL"))
        XCTAssertEqual(m["d"], .null)
        XCTAssertEqual(m["e"], .null)
    }

    func testDecodeReadsIntegerPrefixesLegacyOctalAndUnderscores() throws {
        XCTAssertEqual(try field("a: 0x1F"), .float(31))
        XCTAssertEqual(try field("a: -0x1F"), .float(-31))
        XCTAssertEqual(try field("a: 0o17"), .float(15))
        XCTAssertEqual(try field("a: 0b101"), .float(5))
        XCTAssertEqual(try field("a: 010"), .float(8))
        XCTAssertEqual(try field("a: 0777"), .float(511))
        XCTAssertEqual(try field("a: 1_000"), .float(1000))
        XCTAssertEqual(try field("a: 0x_1F"), .float(31))
        XCTAssertEqual(try field("a: +12"), .float(12))
    }

    func testDecodeFallsBackToFloatWhenLegacyOctalHasDigitsAboveSeven() throws {
        XCTAssertEqual(try field("a: 09"), .float(9))
        XCTAssertEqual(try field("a: 08.5"), .float(8.5))
    }

    func testDecodeReadsFloatsWithLeadingOrTrailingDot() throws {
        XCTAssertEqual(try field("a: .5"), .float(0.5))
        XCTAssertEqual(try field("a: 5."), .float(5))
        XCTAssertEqual(try field("a: -.5"), .float(-0.5))
        XCTAssertEqual(try field("a: 1_0.5_0e1_0"), .float(105_000_000_000))
    }

    func testDecodeKeepsOutOfRangeAndMalformedNumbersAsStrings() throws {
        XCTAssertEqual(try field("a: 1e400"), .string("1e400"))
        XCTAssertEqual(try field("a: 0x"), .string("0x"))
        XCTAssertEqual(try field("a: 0x1FFFFFFFFFFFFFFFF"), .string("0x1FFFFFFFFFFFFFFFF"))
        XCTAssertEqual(try field("a: 1.2.3"), .string("1.2.3"))
        XCTAssertEqual(try field("a: _1"), .string("_1"))
    }

    func testDecodeReadsUint64RangeIntegers() throws {
        XCTAssertEqual(try field("a: 0xFFFFFFFFFFFFFFFF"), .float(18_446_744_073_709_551_615))
        XCTAssertEqual(try field("a: 012345678901234567890"), .float(12_345_678_901_234_567_168))
    }

    func testDecodeKeepsTimestampsAndSexagesimalsAsStrings() throws {
        XCTAssertEqual(try field("a: 2001-12-14"), .string("2001-12-14"))
        XCTAssertEqual(try field("a: 1:20"), .string("1:20"))
        XCTAssertEqual(try field("a: 190:20:30"), .string("190:20:30"))
    }

    func testDecodeKeepsQuotedScalarsAsStrings() throws {
        XCTAssertEqual(try field("a: \"1\""), .string("1"))
        XCTAssertEqual(try field("a: 'yes'"), .string("yes"))
    }

    func testDecodeTurnsNonStringKeysIntoTheirJSONText() throws {
        let m = try YAML.decodeMap("1: a\n2.5: b\ny: c\nno: d\n0x10: e\n1e3: f\n3.14159265358979: o\n1e20: h\n.inf: i")
        XCTAssertEqual(m["1"], .string("a"))
        XCTAssertEqual(m["2.5"], .string("b"))
        XCTAssertEqual(m["true"], .string("c"))
        XCTAssertEqual(m["false"], .string("d"))
        XCTAssertEqual(m["16"], .string("e"))
        XCTAssertEqual(m["1000"], .string("f"))
        XCTAssertEqual(m["3.1415927"], .string("o"), "float keys are printed as float32")
        XCTAssertEqual(m["1e+20"], .string("h"))
        XCTAssertEqual(m[".inf"], .string("i"))
    }

    func testDecodeFormatsLargeNegativeIntegerKeysAsFloat32() throws {
        XCTAssertEqual(try YAML.decodeMap("-9223372036854775809: x").keys.first, "-9.223372e+18")
    }

    func testDecodeLetsLaterDuplicateKeysWin() throws {
        XCTAssertEqual(try YAML.decodeMap("a: 1\nb: 2\na: 3"), ["a": .float(3), "b": .float(2)])
    }

    func testDecodeExpandsAnchorsAndAliases() throws {
        let m = try YAML.decodeMap("base: &b {x: 1}\nuse: *b")
        XCTAssertEqual(m["use"], .map(["x": .float(1)]))
    }

    func testDecodeUsesTheLatestAnchorOfAName() throws {
        XCTAssertEqual(try field("a: &x 1\na2: &x 2\nb: *x", "b"), .float(2))
    }

    func testDecodeMergeKeyAppliesWhereItAppearsSoLaterKeysWin() throws {
        let before = try YAML.decodeMap("a: &a {x: 1, k: 2}\nb:\n  <<: *a\n  k: 3")
        XCTAssertEqual(before["b"], .map(["x": .float(1), "k": .float(3)]))
        let after = try YAML.decodeMap("a: &a {x: 1, k: 2}\nb:\n  k: 3\n  <<: *a")
        XCTAssertEqual(after["b"], .map(["x": .float(1), "k": .float(2)]))
    }

    func testDecodeMergeOfAListLetsEarlierMapsWin() throws {
        let m = try YAML.decodeMap("b:\n  <<: [{a: 1}, {a: 2, b: 3}]\n  c: 4")
        XCTAssertEqual(m["b"], .map(["a": .float(1), "b": .float(3), "c": .float(4)]))
    }

    func testDecodeTreatsQuotedMergeKeyAsAnOrdinaryKey() throws {
        XCTAssertEqual(try YAML.decodeMap("'<<': {a: 1}")["<<"], .map(["a": .float(1)]))
    }

    func testDecodeHonoursExplicitTags() throws {
        XCTAssertEqual(try field("a: !!str 1"), .string("1"))
        XCTAssertEqual(try field("a: !!int \"3\""), .float(3))
        XCTAssertEqual(try field("a: !!binary aGVsbG8="), .string("hello"))
        XCTAssertEqual(try field("a: !foo x"), .string("x"))
        XCTAssertEqual(try field("a: !!str"), .string(""))
    }

    func testDecodeReadsBlockScalars() throws {
        XCTAssertEqual(try field("a: >\n  l1\n  l2\n"), .string("l1 l2\n"))
        XCTAssertEqual(try field("a: |+\n  l1\n\n"), .string("l1\n\n"))
        XCTAssertEqual(try field("a: >-\n  x\n  y\n\n  z"), .string("x y\nz"))
    }

    func testDecodeTakesOnlyTheFirstDocument() throws {
        XCTAssertEqual(try decode("a: 1\n---\nb: 2"), .map(["a": .float(1)]))
        XCTAssertEqual(try decode("a: 1\n---\nb: [1"), .map(["a": .float(1)]), "later documents are not read")
    }

    func testDecodeAllReadsEveryDocument() throws {
        XCTAssertEqual(try YAML.decodeAll("a: 1\n---\nb: 2"), [.map(["a": .float(1)]), .map(["b": .float(2)])])
    }

    func testDecodeOfEmptyOrCommentOnlyTextIsNull() throws {
        XCTAssertEqual(try decode(""), .null)
        XCTAssertEqual(try decode("# nothing"), .null)
        XCTAssertEqual(try YAML.decodeMap("---"), [:])
    }

    func testDecodeMakesInterfaceSlicesAndMaps() throws {
        let v = try decode("a: [1, {b: c}]")
        XCTAssertEqual(v.typeName, "map[string]interface {}")
        XCTAssertEqual(v.mapValue?["a"]?.typeName, "[]interface {}")
    }

    func testDecodeAcceptsCRLFAndByteOrderMark() throws {
        XCTAssertEqual(try YAML.decodeMap("a: 1\r\nb: x\r\n"), ["a": .float(1), "b": .string("x")])
        XCTAssertEqual(try YAML.decodeMap("\u{FEFF}a: 1"), ["a": .float(1)])
    }

    func testDecodeMapOfAListFailsLikeEncodingJSON() {
        XCTAssertThrowsError(try YAML.decodeMap("- 1\n- 2")) { e in
            XCTAssertEqual(
                "\(e)",
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
            )
        }
    }

    func testDecodeListOfAScalarFailsLikeEncodingJSON() {
        XCTAssertThrowsError(try YAML.decodeList("x")) { e in
            XCTAssertEqual(
                (e as? YAMLError)?.message, "json: cannot unmarshal string into Go value of type []interface {}")
        }
    }
}
