import KubeObjects
import XCTest

/// Behaviour and texts of evanphx/json-patch v4 (`gopkg.in/evanphx/json-patch.v4`), which
/// kube-apiserver applies `application/json-patch+json` with; cases follow RFC 6902's
/// appendix A.
final class JSONPatchTests: XCTestCase {
    private func apply(_ patch: String, to doc: String) throws -> JSONValue {
        try JSONPatch(parsing: patch).apply(to: try JSONValue.parse(doc))
    }

    private func failure(_ patch: String, on doc: String) -> JSONPatchError? {
        do {
            _ = try apply(patch, to: doc)
            return nil
        } catch let error as JSONPatchError {
            return error
        } catch {
            return nil
        }
    }

    func testAddInsertsIntoObjectsAndArrays() throws {
        XCTAssertEqual(
            try apply(#"[{"op":"add","path":"/baz","value":"qux"},{"op":"add","path":"/foo/1","value":"x"}]"#, to: #"{"foo":["a","b"]}"#),
            ["foo": ["a", "x", "b"], "baz": "qux"])
    }

    func testDashAppendsToAnArray() throws {
        XCTAssertEqual(try apply(#"[{"op":"add","path":"/a/-","value":3}]"#, to: #"{"a":[1,2]}"#), ["a": [1, 2, 3]])
    }

    func testNegativeIndexCountsFromTheEnd() throws {
        XCTAssertEqual(try apply(#"[{"op":"remove","path":"/a/-1"}]"#, to: #"{"a":[1,2,3]}"#), ["a": [1, 2]])
    }

    func testEscapedTokensNameSlashAndTilde() throws {
        XCTAssertEqual(
            try apply(#"[{"op":"replace","path":"/metadata/labels/app.kubernetes.io~1name","value":"x"},{"op":"remove","path":"/m~0n"}]"#,
                      to: #"{"metadata":{"labels":{"app.kubernetes.io/name":"y"}},"m~n":1}"#),
            ["metadata": ["labels": ["app.kubernetes.io/name": "x"]]])
    }

    func testMoveAndCopy() throws {
        XCTAssertEqual(
            try apply(#"[{"op":"move","from":"/a","path":"/b"},{"op":"copy","from":"/b","path":"/c"}]"#, to: #"{"a":{"x":1}}"#),
            ["b": ["x": 1], "c": ["x": 1]])
    }

    func testPassingTestChangesNothing() throws {
        XCTAssertEqual(try apply(#"[{"op":"test","path":"/a","value":[1,{"b":"c"}]}]"#, to: #"{"a":[1,{"b":"c"}]}"#), ["a": [1, ["b": "c"]]])
    }

    func testFailedTestReadsLikeEvanphx() {
        let error = failure(#"[{"op":"test","path":"/a","value":"y"}]"#, on: #"{"a":"x"}"#)
        XCTAssertEqual(error?.message, "testing value /a failed: test failed")
        XCTAssertEqual(error?.statusCode, 422)
    }

    func testTestOfMissingMemberAgainstNullPasses() throws {
        XCTAssertEqual(try apply(#"[{"op":"test","path":"/nope","value":null}]"#, to: #"{"a":1}"#), ["a": 1])
    }

    func testReplaceOfMissingKeyFails() {
        XCTAssertEqual(
            failure(#"[{"op":"replace","path":"/spec/tolerations","value":[]}]"#, on: #"{"spec":{}}"#)?.message,
            "replace operation does not apply: doc is missing key: /spec/tolerations: missing value")
    }

    func testAddUnderMissingParentFails() {
        XCTAssertEqual(
            failure(#"[{"op":"add","path":"/metadata/labels/a","value":"b"}]"#, on: #"{"metadata":{}}"#)?.message,
            #"add operation does not apply: doc is missing path: "/metadata/labels/a": missing value"#)
    }

    func testRemoveOfMissingKeyFails() {
        XCTAssertEqual(
            failure(#"[{"op":"remove","path":"/a"}]"#, on: #"{}"#)?.message,
            "error in remove for path: '/a': Unable to remove nonexistent key: a: missing value")
    }

    func testOutOfRangeIndexFails() {
        XCTAssertEqual(
            failure(#"[{"op":"add","path":"/a/5","value":1}]"#, on: #"{"a":[1]}"#)?.message,
            "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced")
    }

    func testUnknownOperationFails() {
        XCTAssertEqual(failure(#"[{"op":"merge","path":"/a"}]"#, on: #"{}"#)?.message, "Unexpected kind: merge")
    }

    func testAFailureDiscardsEarlierOperations() {
        let error = failure(#"[{"op":"add","path":"/x","value":1},{"op":"remove","path":"/y"}]"#, on: #"{}"#)
        XCTAssertEqual(error?.operationIndex, 1)
    }

    func testServerShowsGenericMessageForFailedOperations() {
        let error = failure(#"[{"op":"test","path":"/a","value":2}]"#, on: #"{"a":1}"#)
        XCTAssertEqual(error?.statusMessage, "the server rejected our request due to an error in our request")
    }

    func testObjectBodyIsAMalformedPatch() {
        XCTAssertThrowsError(try JSONPatch(parsing: #"{"op":"add"}"#)) { error in
            let e = error as? JSONPatchError
            XCTAssertEqual(e?.message, "json: cannot unmarshal object into Go value of type jsonpatch.Patch")
            XCTAssertEqual(e?.statusCode, 400)
        }
    }

    func testResourceVersionPreconditionPatchReplacesExistingMembers() throws {
        // kubectl's client-side-apply migration: replace managedFields and resourceVersion.
        let out = try apply(
            #"[{"op":"replace","path":"/metadata/managedFields","value":[{"manager":"kubectl"}]},{"op":"replace","path":"/metadata/resourceVersion","value":"112"}]"#,
            to: #"{"metadata":{"managedFields":[],"resourceVersion":"111"}}"#)
        XCTAssertEqual(out[path: ["metadata", "resourceVersion"]], "112")
    }
}
