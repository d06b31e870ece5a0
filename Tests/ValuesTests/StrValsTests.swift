import XCTest

@testable import Values

/// `--set` and `--set-string`; expectations from Helm v4.2.3's strvals (through the
/// helm-python-sdk oracle).
final class StrValsTests: XCTestCase {
    private func set(_ line: String) throws -> [String: Value] { try StrVals.parse(line) }

    private func error(_ line: String, mode: (String) throws -> Void = { _ = try StrVals.parse($0) }) -> String {
        do {
            try mode(line)
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    func testTypedValuesInferBoolsNullsAndInt64s() throws {
        XCTAssertEqual(
            try set("a=1,b=0123,c=-012,d=1.5,e=TRUE,f=NuLL,g=,h=0"),
            ["a": .int64(1), "b": "0123", "c": .int64(-12), "d": "1.5", "e": true, "f": nil, "g": "", "h": .int64(0)])
    }

    func testTypedValueFollowsGoEqualFoldAndParseInt() throws {
        XCTAssertEqual(
            try set("a=fal\u{17F}e,b=+5,c=-0,d=9223372036854775808,e=1_000"),
            ["a": false, "b": .int64(5), "c": .int64(0), "d": "9223372036854775808", "e": "1_000"])
    }

    func testSetStringNeverInfersTypes() throws {
        XCTAssertEqual(
            try StrVals.parseString("a={1,true},b=null,c=0"),
            ["a": ["1", "true"], "b": "null", "c": "0"])
    }

    func testDottedNamesBuildNestedMaps() throws {
        XCTAssertEqual(
            try set("outer.inner1=value,outer.middle.inner=value"),
            ["outer": ["inner1": "value", "middle": ["inner": "value"]]])
    }

    func testBackslashEscapesCommaDotAndEquals() throws {
        XCTAssertEqual(try set("a\\.b=1,c\\=d=2"), ["a.b": .int64(1), "c=d": .int64(2)])
        XCTAssertEqual(try set("f=\\\\x\\,y\\.z"), ["f": "\\x,y.z"])
    }

    func testBraceListsAndTheirQuirks() throws {
        XCTAssertEqual(try set("i={a,b},n={1021,902}"), ["i": ["a", "b"], "n": [.int64(1021), .int64(902)]])
        XCTAssertEqual(try set("h={}"), ["h": [""]])
        XCTAssertEqual(try set("a={,}"), ["a": ["", ""]])
        XCTAssertEqual(try set("a=x{y}"), ["a": "x{y}"])
        XCTAssertEqual(try set("a={a\\,b,c\\}}"), ["a": ["a,b", "c}"]])
    }

    func testTextAfterAClosingBraceStartsTheNextKey() throws {
        XCTAssertEqual(try set("a={x}y=1"), ["a": ["x"], "y": .int64(1)])
    }

    func testListIndicesGrowWithNulls() throws {
        XCTAssertEqual(try set("j[2]=x"), ["j": [nil, nil, "x"]])
        XCTAssertEqual(try set("nested[1][1]=1"), ["nested": [nil, [nil, .int64(1)]]])
    }

    func testListItemsHoldMaps() throws {
        XCTAssertEqual(try set("a[1]=1,a[0].b=2"), ["a": [["b": .int64(2)], .int64(1)]])
        XCTAssertEqual(try set("a[0].b=1,a[0]=2,a[0].c=3"), ["a": [["c": .int64(3)]]])
        XCTAssertEqual(try set("a[0]=1,a[0].b[0]=2"), ["a": [["b": [.int64(2)]]]])
    }

    func testAnEmptyValueAtTheEndDropsANewListItemMap() throws {
        // Helm's parser loses the fresh inner map when the line ends right after `=`.
        XCTAssertEqual(try set("a[0].b="), ["a": []])
        XCTAssertEqual(try set("a[0].c=1,a[0].b="), ["a": [["b": "", "c": .int64(1)]]])
        XCTAssertEqual(try set("a[0]=1,a[0].b="), ["a": [["b": ""]]])
        XCTAssertEqual(try set("a[0][0].c=1,a[0][0].b="), ["a": [[["b": "", "c": .int64(1)]]]])
        XCTAssertEqual(try set("a[0][0]=1,a[0][1].b="), ["a": [[.int64(1)]]])
        XCTAssertEqual(try set("a.b="), ["a": ["b": ""]])
    }

    func testIncompletePathsAtTheEndSetNothingOrEmptyLists() throws {
        XCTAssertEqual(try set("a[0]"), ["a": []])
        XCTAssertEqual(try set("a[0][0]"), ["a": []])
        XCTAssertEqual(try set("a[0]."), ["a": []])
        XCTAssertEqual(try set("a."), [:])
        XCTAssertEqual(try set("a[1"), [:])
        XCTAssertEqual(try set("=1,b=2"), ["b": .int64(2)])
        XCTAssertEqual(try set("name1=value1,name2=value2,"), ["name1": "value1", "name2": "value2"])
    }

    func testParseIntoOverwritesAndKeepsOtherKeys() throws {
        var values: [String: Value] = ["outer": ["inner1": "overwrite", "inner2": "value2"]]
        try StrVals.parse("outer.inner1=value1,outer.inner3=value3,outer.inner4=4", into: &values)
        XCTAssertEqual(values, ["outer": ["inner1": "value1", "inner2": "value2", "inner3": "value3", "inner4": .int64(4)]])
    }

    func testMissingValueErrorsQuoteTheKeyAsGoDoes() {
        XCTAssertEqual(error("a"), #"key "a" has no value"#)
        XCTAssertEqual(error("a.b"), #"key "b" has no value"#)
        XCTAssertEqual(error("a,b=1"), #"key "a" has no value (cannot end with ,)"#)
        XCTAssertEqual(error(",a=1"), #"key "" has no value (cannot end with ,)"#)
        XCTAssertEqual(error("a.=1"), #"key map "a" has no value"#)
        XCTAssertEqual(error("k\u{e9}\u{a0}y\u{1}\"\\"), #"key "ké\u00a0y\x01\"" has no value"#)
    }

    func testIndexErrors() {
        XCTAssertEqual(error("a[99999]=1"), "index of 99999 is greater than maximum supported index of 65536")
        XCTAssertEqual(error("a[x]=1"), #"error parsing index: strconv.Atoi: parsing "x": invalid syntax"#)
        XCTAssertEqual(error("a[]=1"), #"error parsing index: strconv.Atoi: parsing "": invalid syntax"#)
        XCTAssertEqual(
            error("a[99999999999999999999]=1"),
            #"error parsing index: strconv.Atoi: parsing "99999999999999999999": value out of range"#)
        XCTAssertEqual(error("a[-1]=1"), "negative -1 index not allowed")
        XCTAssertEqual(error("a[0]xy=1"), "unexpected data at end of array index: ['x' 'y']")
        XCTAssertEqual(error("a[0]\u{e9}'=1"), #"unexpected data at end of array index: ['é' '\'']"#)
    }

    func testWalkingIntoTheWrongKindReportsGoTypeAssertion() {
        XCTAssertEqual(
            error("a=1,a.b=2"),
            "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}")
        XCTAssertEqual(
            error("a=1,a[0]=2"), "unable to parse key: interface conversion: interface {} is int64, not []interface {}")
        XCTAssertEqual(
            error("a=null,a[0]=2"), "unable to parse key: interface conversion: interface {} is nil, not []interface {}")
        XCTAssertEqual(
            error("a[0]=1,a[0][0]=2"),
            "unable to parse key: interface conversion: interface {} is int64, not []interface {}")
    }

    func testUnterminatedListAndEmptyKeysFail() {
        XCTAssertEqual(error("a={a,b"), "list must terminate with '}'")
        XCTAssertEqual(error("name1=value1,,,,name2=value2,"), #"key "" has no value (cannot end with ,)"#)
    }

    func testNamesHoldAtMostThirtyDots() throws {
        let names = "abcdefghijklmnopqrstuvwxyz".map(String.init) + ["a1", "a2", "a3", "a4", "a5"]
        XCTAssertNoThrow(try set(names.joined(separator: ".") + "=1"))
        XCTAssertEqual(
            error((names + ["a6"]).joined(separator: ".") + "=1"),
            "value name nested level is greater than maximum supported nested level of 30")
    }

    func testDotsAfterAListIndexDoNotCountTowardTheNestingLimit() throws {
        let names = "bcdefghijklmnopqrstuvwxyz".map(String.init) + ["a1", "a2", "a3", "a4", "a5", "a6"]
        XCTAssertNoThrow(try set("a[0]." + names.joined(separator: ".") + "=1"))
    }
}
