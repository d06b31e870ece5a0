import KubeObjects
import XCTest

final class JSONValueTests: XCTestCase {
    func testWholeNumbersParseAsIntegersAndOthersAsFloats() throws {
        let v = try JSONValue.parse(#"{"a": 3, "b": 3.0, "c": -9223372036854775808, "d": 1e3, "e": 18446744073709551615}"#)
        XCTAssertEqual(v["a"], .int(3))
        XCTAssertEqual(v["b"], .double(3))
        XCTAssertEqual(v["c"], .int(Int64.min))
        XCTAssertEqual(v["d"], .double(1000))
        XCTAssertEqual(v["e"], .double(18446744073709551615))
    }

    func testSerializationSortsKeysAndEscapesAsGoDoes() throws {
        let v: JSONValue = ["z": 1, "a": ["<b>&", "line\nbreak\u{2028}"], "m": nil, "f": 0.000001, "g": 1e21, "h": 1e-7]
        XCTAssertEqual(
            v.serialized(),
            #"{"a":["\u003cb\u003e\u0026","line\nbreak\u2028"],"f":0.000001,"g":1e+21,"h":1e-7,"m":null,"z":1}"#)
    }

    func testRoundTripKeepsEscapedUnicodeAndSurrogatePairs() throws {
        let v = try JSONValue.parse(#"["\u00e9\ud83d\ude00", "\/\"\\\b\f\t"]"#)
        XCTAssertEqual(v, ["é😀", "/\"\\\u{8}\u{c}\t"])
        XCTAssertEqual(try JSONValue.parse(v.serialized()), v)
    }

    func testSyntaxErrorsReadLikeGo() {
        XCTAssertThrowsError(try JSONValue.parse(#"{"a" 1}"#)) { error in
            XCTAssertEqual("\(error)", "invalid character '1' after object key")
        }
        XCTAssertThrowsError(try JSONValue.parse("{\"a\":1,}")) { error in
            XCTAssertEqual("\(error)", "invalid character '}' looking for beginning of object key string")
        }
        XCTAssertThrowsError(try JSONValue.parse("[1] x")) { error in
            XCTAssertEqual("\(error)", "invalid character 'x' after top-level value")
        }
        XCTAssertThrowsError(try JSONValue.parse("[1,")) { error in
            XCTAssertEqual("\(error)", "unexpected end of JSON input")
        }
    }

    func testPathSubscriptCreatesIntermediateObjects() {
        var v: JSONValue = ["kind": "ConfigMap"]
        v[path: ["metadata", "labels", "app"]] = "web"
        XCTAssertEqual(v.serialized(), #"{"kind":"ConfigMap","metadata":{"labels":{"app":"web"}}}"#)
        v[path: ["metadata", "labels", "app"]] = nil
        XCTAssertEqual(v[path: ["metadata", "labels"]], .object([:]))
    }

    func testYAMLDocumentsBecomeObjectsWithIntegers() throws {
        let v = try JSONValue.parseYAML("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n  ratio: 0.5\n")
        XCTAssertEqual(v.groupVersionKind, GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        XCTAssertEqual(v[path: ["spec", "replicas"]], .int(3))
        XCTAssertEqual(v[path: ["spec", "ratio"]], .double(0.5))
    }

    func testGroupVersionParsing() {
        XCTAssertEqual(GroupVersion(apiVersion: "v1"), GroupVersion(group: "", version: "v1"))
        XCTAssertEqual(GroupVersion(apiVersion: "helm.rudder.dev/v1")?.group, "helm.rudder.dev")
        XCTAssertNil(GroupVersion(apiVersion: "a/b/c"))
        XCTAssertNil(GroupVersion(apiVersion: "/v1"))
        XCTAssertEqual(GroupVersionKind(group: "apps", version: "v1", kind: "Deployment").description, "apps/v1, Kind=Deployment")
    }
}
