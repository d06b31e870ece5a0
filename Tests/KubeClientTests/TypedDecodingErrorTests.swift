import Foundation
import KubeClient
import KubeObjects
import XCTest

/// A JSON object that does not fit its typed struct: the error names the kind and the
/// field's path; objects without `apiVersion`/`kind` (list items) still decode, objects of
/// another kind do not.
final class TypedDecodingErrorTests: XCTestCase {
    private func decodeError<T: Decodable>(_ json: JSONValue, as type: T.Type) -> TypedDecodingError? {
        do {
            _ = try json.decode(T.self)
            XCTFail("decoded \(json.serialized()) as \(T.self)")
            return nil
        } catch {
            return error
        }
    }

    func testWrongTypeNamesTheKindAndThePath() {
        let json: JSONValue = ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "l"],
                               "spec": ["leaseDurationSeconds": "15"]]
        let error = decodeError(json, as: Lease.self)
        XCTAssertEqual(error?.kind, "Lease")
        XCTAssertEqual(error?.path, "spec.leaseDurationSeconds")
        XCTAssertEqual(error?.description.hasPrefix("cannot decode Lease: spec.leaseDurationSeconds: "), true,
                       error?.description ?? "")
    }

    func testPathIncludesListIndexes() {
        let json: JSONValue = ["status": ["conditions": [["type": "Available", "status": "True"], ["type": 5, "status": "True"]]]]
        XCTAssertEqual(decodeError(json, as: Deployment.self)?.path, "status.conditions[1].type")
    }

    func testPathQuotesKeysWithDots() {
        let json: JSONValue = ["metadata": ["labels": ["app.kubernetes.io/name": 3]]]
        XCTAssertEqual(decodeError(json, as: ConfigMap.self)?.path, #"metadata.labels["app.kubernetes.io/name"]"#)
    }

    func testMissingRequiredFieldIsNamed() {
        let json: JSONValue = ["metadata": ["ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "x"]]]]
        let error = decodeError(json, as: Secret.self)
        XCTAssertEqual(error?.path, "metadata.ownerReferences[0].uid")
        XCTAssertEqual(error?.message, "required field is missing")
    }

    func testOutOfRangeInt32IsRefused() {
        let json: JSONValue = ["spec": ["replicas": 4_294_967_296]]
        let error = decodeError(json, as: Deployment.self)
        XCTAssertEqual(error?.path, "spec.replicas")
        XCTAssertEqual(error?.message, "number out of range for Int32")
    }

    func testFractionForAnIntegerFieldIsRefused() {
        let json: JSONValue = ["status": ["replicas": 1.5]]
        let error = decodeError(json, as: Deployment.self)
        XCTAssertEqual(error?.path, "status.replicas")
        XCTAssertEqual(error?.message, "expected Int32, found a fraction")
    }

    func testWholeFloatReadsAsAnInteger() throws {
        // YAML-decoded input may hold 2.0 where JSON would have 2.
        XCTAssertEqual(try JSONValue(["spec": ["replicas": 2.0]]).decode(Deployment.self).spec?.replicas, 2)
    }

    func testNullForARequiredFieldIsNamed() {
        let json: JSONValue = ["involvedObject": nil, "metadata": ["ownerReferences": [
            ["apiVersion": "v1", "kind": "ConfigMap", "name": nil, "uid": "u"]]]]
        let error = decodeError(json, as: Event.self)
        XCTAssertEqual(error?.path, "metadata.ownerReferences[0].name")
        XCTAssertEqual(error?.message, "expected String, found null")
    }

    func testWrongJSONTypeMessageNamesBothTypes() {
        let error = decodeError(["data": ["a": ["nested"]]], as: ConfigMap.self)
        XCTAssertEqual(error?.description, "cannot decode ConfigMap: data.a: expected a string, found array")
    }

    func testAnotherKindIsRefused() {
        let json: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"]]
        let error = decodeError(json, as: Secret.self)
        XCTAssertEqual(error?.path, "kind")
        XCTAssertEqual(error?.message, "expected Secret, found ConfigMap")
    }

    func testAnotherVersionIsRefused() {
        let json: JSONValue = ["apiVersion": "extensions/v1beta1", "kind": "Deployment"]
        XCTAssertEqual(decodeError(json, as: Deployment.self)?.path, "apiVersion")
    }

    func testListItemsWithoutTypeMetaDecodeAndEncodeWithIt() throws {
        // kube-apiserver sends list items without apiVersion and kind.
        let item: JSONValue = ["metadata": ["name": "a", "namespace": "ns"], "data": ["k": "v"]]
        let map = try item.decode(ConfigMap.self)
        XCTAssertEqual(map.metadata.name, "a")
        let written = try JSONValue(encoding: map)
        XCTAssertEqual(written["apiVersion"], "v1")
        XCTAssertEqual(written["kind"], "ConfigMap")
    }

    func testObjectWithoutMetadataDecodesToEmptyMetadata() throws {
        XCTAssertEqual(try JSONValue.emptyObject.decode(Namespace.self).metadata, ObjectMeta())
    }

    func testNonObjectIsAnErrorAtTheTop() {
        let error = decodeError(["a", "b"], as: Lease.self)
        XCTAssertEqual(error?.kind, "Lease")
        XCTAssertEqual(error?.path, "")
    }

    func testNonResourceTypeIsNamedBySwiftName() {
        XCTAssertEqual(decodeError(["type": 1], as: JobCondition.self)?.kind, "JobCondition")
    }

    func testNonFiniteDoubleIsAnEncodingError() {
        do {
            _ = try JSONValue(encoding: ["spec": ["x": JSONValue.double(.infinity)]] as JSONValue)
            XCTFail("encoded infinity")
        } catch {
            XCTAssertEqual(error.path, "spec.x")
        }
    }

    func testResourceStaticsGiveGroupVersionResourceAndKind() {
        XCTAssertEqual(Lease.groupVersionResource, GroupVersionResource(group: "coordination.k8s.io", version: "v1", resource: "leases"))
        XCTAssertEqual(Deployment.groupVersionKind, GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        XCTAssertEqual(Secret.groupVersionResource, GroupVersionResource(group: "", version: "v1", resource: "secrets"))
        XCTAssertFalse(Namespace.isNamespaced)
    }
}
