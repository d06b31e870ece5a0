@testable import Sprig
import Values
import XCTest

final class DictFunctionsTests: XCTestCase {
    let d: Value = ["a": 1.0, "b": ["c": 2.0, "l": [1.0, 2.0]], "n": nil]
    let o: Value = ["b": ["c": 9.0, "x": 8.0], "z": 7.0]

    func testDictKeysAreStrvalAndOddArgumentsGetEmptyString() throws {
        XCTAssertEqual(try call("dict"), .map([:]))
        XCTAssertEqual(try call("dict", "a", 1, "b", 2), ["a": 1, "b": 2])
        XCTAssertEqual(try call("dict", 1, 2), ["1": 2])
        XCTAssertEqual(try call("dict", nil, 1), ["<nil>": 1])
        XCTAssertEqual(try call("dict", true, "t"), ["true": "t"])
        XCTAssertEqual(try call("dict", "a", 1, "a", 2), ["a": 2])
        XCTAssertEqual(try call("dict", 1.5, "x"), ["1.5": "x"])
        XCTAssertEqual(try call("dict", "k"), ["k": ""])
    }

    func testGetSetUnsetHasKey() throws {
        XCTAssertEqual(try call("get", d, "missing"), "")
        XCTAssertEqual(try call("get", d, "n"), .null)
        XCTAssertEqual(try call("get", nil, "a"), "")
        XCTAssertEqual(try call("set", .map([:]), "a", 1), ["a": 1])
        XCTAssertEqual(failure("set", nil, "a", 1), "assignment to entry in nil map")
        XCTAssertEqual(try call("unset", ["a": 1, "b": 2], "a"), ["b": 2])
        XCTAssertEqual(try call("unset", nil, "a"), .map([:]))
        XCTAssertEqual(try call("hasKey", d, "n"), true)
        XCTAssertEqual(try call("hasKey", d, "missing"), false)
    }

    func testPluckKeysValuesPickOmit() throws {
        XCTAssertEqual(try call("pluck", "a", d, o), [1.0])
        XCTAssertEqual(try call("pluck", "z", d, o), [7.0])
        XCTAssertEqual(try call("pluck", "x"), .list([]))
        XCTAssertEqual(try call("keys", d, o), .strings(["a", "b", "n", "b", "z"]))
        XCTAssertEqual(try call("keys", nil), .strings([]))
        XCTAssertEqual(try call("values", ["only": 1]), [1])
        XCTAssertEqual(try call("pick", d, "a", "n"), ["a": 1.0, "n": nil])
        XCTAssertEqual(try call("pick", d), .map([:]))
        XCTAssertEqual(try call("pick", nil, "a"), .map([:]))
        XCTAssertEqual(try call("omit", d, "b"), ["a": 1.0, "n": nil])
        XCTAssertEqual(try call("omit", d, "a", "b", "n"), .map([:]))
    }

    func testMergeFillsOnlyEmptyDestinationValues() throws {
        // A nil source value never fills a key without overwrite.
        XCTAssertEqual(try call("merge", .map([:]), d), ["a": 1.0, "b": ["c": 2.0, "l": [1.0, 2.0]]])
        XCTAssertEqual(try call("merge", d, o), ["a": 1.0, "b": ["c": 2.0, "l": [1.0, 2.0], "x": 8.0], "n": nil, "z": 7.0])
        XCTAssertEqual(try call("merge", ["a": [1]], ["a": [2, 3]]), ["a": [1]])
        XCTAssertEqual(try call("merge", ["a": nil], ["a": 1]), ["a": 1])
        XCTAssertEqual(try call("merge", ["a": ""], ["a": "x"]), ["a": "x"])
        XCTAssertEqual(try call("merge", ["a": ["x": 1]], ["a": "scalar"]), ["a": ["x": 1]])
        XCTAssertEqual(try call("mustMerge", nil, .map([:])), .map([:]))
        XCTAssertEqual(try call("merge", nil, ["a": 1]), ["a": 1])
        XCTAssertEqual(try call("mustMerge", ["a": 1], ["a": 2]), ["a": 1])
    }

    func testMergeOverwriteLetsSourceWinButMergesMaps() throws {
        XCTAssertEqual(try call("mergeOverwrite", d, o), ["a": 1.0, "b": ["c": 9.0, "l": [1.0, 2.0], "x": 8.0], "n": nil, "z": 7.0])
        XCTAssertEqual(try call("mergeOverwrite", ["a": [1]], ["a": [2, 3]]), ["a": [2, 3]])
        XCTAssertEqual(try call("mergeOverwrite", ["a": 1], ["a": nil]), ["a": nil])
        XCTAssertEqual(try call("mergeOverwrite", ["a": "x"], ["a": ""]), ["a": ""])
        XCTAssertEqual(try call("mergeOverwrite", ["a": ["x": 1]], ["a": "scalar"]), ["a": "scalar"])
        XCTAssertEqual(try call("mustMergeOverwrite", ["a": 1], ["a": 2]), ["a": 2])
    }

    func testDigWalksNestedMaps() throws {
        XCTAssertEqual(try call("dig", "b", "c", "dflt", d), 2.0)
        XCTAssertEqual(try call("dig", "b", "missing", "dflt", d), "dflt")
        XCTAssertEqual(try call("dig", "missing", "x", "dflt", d), "dflt")
        XCTAssertEqual(try call("dig", "n", "dflt", d), .null)
        XCTAssertEqual(try call("dig", "a", "b", "dflt", ["a": ["b": nil]]), .null)
        XCTAssertEqual(failure("dig", "dflt", d), "dig needs at least three arguments")
        XCTAssertEqual(failure("dig", "a", "b", "d", ["a": "x"]),
                       "interface conversion: interface {} is string, not map[string]interface {}")
        XCTAssertEqual(failure("dig", 1, "d", ["a": "x"]), "interface conversion: interface {} is int, not string")
    }

    func testDeepCopy() throws {
        XCTAssertEqual(try call("deepCopy", [1, ["a": 2]]), [1, ["a": 2]])
        XCTAssertEqual(try call("deepCopy", "s"), "s")
        XCTAssertEqual(try call("mustDeepCopy", ["a": 1]), ["a": 1])
        XCTAssertEqual(failure("deepCopy", nil), "reflect: call of reflect.Value.Type on zero Value")
        XCTAssertEqual(failure("mustDeepCopy", nil), "reflect: call of reflect.Value.Type on zero Value")
    }
}

/// Go maps are references: the dict functions that change a map change it for every holder.
final class DictReferenceSemanticsTests: XCTestCase {
    func fn(_ name: String) -> GoFunction { Sprig.functions()[name]! }

    func testSetChangesTheMapItHolds() throws {
        let d: Value = .map(["a": 1])
        let alias = d
        _ = try fn("set").body([d, "b", 2])
        XCTAssertEqual(alias.mapValue?["b"], 2)
    }

    func testUnsetAndMergeChangeTheDestination() throws {
        let d: Value = .map(["a": 1, "n": .map(["x": 1])])
        _ = try fn("unset").body([d, "a"])
        XCTAssertNil(d.mapValue?["a"])
        _ = try fn("merge").body([d, .map(["n": .map(["y": 2]), "z": 3])])
        XCTAssertEqual(d.mapValue?["z"], 3)
        XCTAssertEqual(d.mapValue?["n"]?.mapValue?["y"], 2)
    }

    func testDeepCopyMakesAnIndependentMap() throws {
        let d: Value = .map(["n": .map(["x": 1])])
        let copy = try fn("deepCopy").body([d])
        _ = try fn("set").body([copy.mapValue!["n"]!, "x", 2])
        XCTAssertEqual(d.mapValue?["n"]?.mapValue?["x"], 1)
    }
}
