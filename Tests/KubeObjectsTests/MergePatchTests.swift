import KubeObjects
import XCTest

/// Expected values follow RFC 7386's appendix and evanphx/json-patch's `MergePatch` /
/// `CreateMergePatch`, which kube-apiserver uses.
final class MergePatchTests: XCTestCase {
    func testNullDeletesAMemberAndOthersMergeRecursively() throws {
        let doc: JSONValue = ["a": "b", "c": ["d": "e", "f": "g"]]
        let patch: JSONValue = ["a": "z", "c": ["f": nil]]
        XCTAssertEqual(try MergePatch.apply(patch, to: doc), ["a": "z", "c": ["d": "e"]])
    }

    func testArraysAreReplacedWhole() throws {
        let doc: JSONValue = ["a": [["b": "c"]]]
        XCTAssertEqual(try MergePatch.apply(["a": [1]], to: doc), ["a": [1]])
    }

    func testNullsInsideNewObjectsArePruned() throws {
        let patch: JSONValue = ["e": ["f": nil, "g": 1]]
        XCTAssertEqual(try MergePatch.apply(patch, to: ["a": 1]), ["a": 1, "e": ["g": 1]])
    }

    func testNullsInsideObjectsInArraysArePrunedButNullElementsKept() throws {
        // evanphx's pruneAryNulls recurses into elements (unlike the RFC's verbatim arrays).
        let patch: JSONValue = ["a": [["b": nil, "c": 1], nil]]
        XCTAssertEqual(try MergePatch.apply(patch, to: .emptyObject), ["a": [["c": 1], nil]])
    }

    func testScalarPatchIsInvalid() {
        XCTAssertThrowsError(try MergePatch.apply("x", to: ["a": 1])) { error in
            XCTAssertEqual("\(error)", "Invalid JSON Patch")
        }
    }

    func testPatchTextThatIsNotJSONIsInvalid() {
        XCTAssertThrowsError(try MergePatch.apply(patchText: "{", to: ["a": 1])) { error in
            XCTAssertEqual(error as? MergePatchError, .invalidPatch)
        }
    }

    func testCreateGivesChangedAddedAndNullForRemoved() throws {
        let original: JSONValue = ["a": 1, "b": "x", "m": ["k": "v", "gone": "y"], "l": [1, 2]]
        let modified: JSONValue = ["a": 1, "b": "z", "m": ["k": "v"], "l": [1, 2, 3], "new": true]
        XCTAssertEqual(
            try MergePatch.create(from: original, to: modified),
            ["b": "z", "m": ["gone": nil], "l": [1, 2, 3], "new": true])
    }

    func testCreateOfEqualObjectsIsEmpty() throws {
        let v: JSONValue = ["a": ["b": [1, ["c": 2]]], "n": 1]
        XCTAssertEqual(try MergePatch.create(from: v, to: ["a": ["b": [1, ["c": 2]]], "n": 1.0]), .emptyObject)
    }

    func testCreatedPatchTurnsOriginalIntoModified() throws {
        let original: JSONValue = ["spec": ["replicas": 1, "paused": true], "metadata": ["labels": ["a": "1"]]]
        let modified: JSONValue = ["spec": ["replicas": 3], "metadata": ["labels": ["a": "1", "b": "2"]]]
        let patch = try MergePatch.create(from: original, to: modified)
        XCTAssertEqual(try MergePatch.apply(patch, to: original), modified)
    }
}
