import KubeObjects
import XCTest

/// Bodies built by hand from `k8s.io/api/core/v1/generated.proto` and apimachinery's
/// `generated.proto` (field numbers in the comments), wrapped in the `k8s\0` + runtime.Unknown
/// envelope, as Helm's storage driver and `kubectl create namespace` send them.
final class ProtobufTests: XCTestCase {
    // Minimal wire writers for test vectors: a length-delimited field, a varint field.
    private func ld(_ field: Int, _ bytes: [UInt8]) -> [UInt8] { varint(UInt64(field << 3 | 2)) + varint(UInt64(bytes.count)) + bytes }
    private func ld(_ field: Int, _ s: String) -> [UInt8] { ld(field, Array(s.utf8)) }
    private func vi(_ field: Int, _ v: UInt64) -> [UInt8] { varint(UInt64(field << 3)) + varint(v) }
    private func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        return out + [UInt8(v)]
    }
    private func entry(_ field: Int, _ key: String, _ value: [UInt8]) -> [UInt8] { ld(field, ld(1, key) + ld(2, value)) }
    private func envelope(_ apiVersion: String, _ kind: String, _ raw: [UInt8]) -> [UInt8] {
        [0x6B, 0x38, 0x73, 0x00] + ld(1, ld(1, apiVersion) + ld(2, kind)) + ld(2, raw) + ld(3, "") + ld(4, "")
    }

    func testHelmReleaseSecretDecodesToItsJSONForm() throws {
        let meta = ld(1, "sh.helm.release.v1.demo.v1") + ld(8, [UInt8]())  // name, empty creationTimestamp
            + entry(11, "owner", Array("helm".utf8)) + entry(11, "name", Array("demo".utf8))  // labels
        let raw = ld(1, meta) + entry(2, "release", [0x01, 0x02, 0xFF]) + ld(3, "helm.sh/release.v1")
        XCTAssertEqual(
            try KubernetesProtobuf.decode(envelope("v1", "Secret", raw)),
            [
                "apiVersion": "v1", "kind": "Secret",
                "metadata": ["name": "sh.helm.release.v1.demo.v1", "creationTimestamp": nil, "labels": ["owner": "helm", "name": "demo"]],
                "data": ["release": "AQL/"], "type": "helm.sh/release.v1",
            ])
    }

    func testCreateNamespaceBodyHasEmptySpecAndStatus() throws {
        let raw = ld(1, ld(1, "y") + ld(8, [UInt8]())) + ld(2, [UInt8]()) + ld(3, [UInt8]())
        XCTAssertEqual(
            try KubernetesProtobuf.decode(envelope("v1", "Namespace", raw)),
            ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "y", "creationTimestamp": nil], "spec": .emptyObject, "status": .emptyObject])
    }

    func testConfigMapDataAndBinaryData() throws {
        let raw = ld(1, ld(1, "cm") + ld(3, "x")) + entry(2, "a", Array("1".utf8)) + entry(3, "bin", Array("hi".utf8)) + vi(4, 1)
        let v = try KubernetesProtobuf.decode(envelope("v1", "ConfigMap", raw))
        XCTAssertEqual(v["data"], ["a": "1"])
        XCTAssertEqual(v["binaryData"], ["bin": "aGk="])
        XCTAssertEqual(v["immutable"], true)
        XCTAssertEqual(v.metadataNamespace, "x")
    }

    func testObjectMetaTimesOwnersFinalizersAndManagedFields() throws {
        let time = ld(8, vi(1, 1_700_000_000))
        let owner = ld(13, ld(1, "Deployment") + ld(3, "web") + ld(4, "u-1") + ld(5, "apps/v1") + vi(6, 1))
        let managed = ld(17, ld(1, "helm") + ld(2, "Apply") + ld(3, "v1") + ld(4, vi(1, 1_700_000_000)) + ld(6, "FieldsV1")
            + ld(7, ld(1, #"{"f:data":{"f:a":{}}}"#)))
        let meta = ld(1, "cm") + ld(5, "uid-9") + ld(6, "42") + vi(7, 3) + time + owner + ld(14, "example.com/guard") + managed
        let v = try KubernetesProtobuf.decode(envelope("v1", "ConfigMap", ld(1, meta)))
        XCTAssertEqual(
            v["metadata"],
            [
                "name": "cm", "uid": "uid-9", "resourceVersion": "42", "generation": 3, "creationTimestamp": "2023-11-14T22:13:20Z",
                "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "u-1", "controller": true]],
                "finalizers": ["example.com/guard"],
                "managedFields": [
                    ["manager": "helm", "operation": "Apply", "apiVersion": "v1", "time": "2023-11-14T22:13:20Z", "fieldsType": "FieldsV1",
                     "fieldsV1": ["f:data": ["f:a": .emptyObject]]]
                ],
            ])
    }

    func testDeleteOptions() throws {
        let raw = ld(2, ld(1, "u-1")) + ld(4, "Background") + ld(5, "All")
        XCTAssertEqual(
            try KubernetesProtobuf.decode(envelope("v1", "DeleteOptions", raw)),
            ["apiVersion": "v1", "kind": "DeleteOptions", "preconditions": ["uid": "u-1"], "propagationPolicy": "Background", "dryRun": ["All"]])
    }

    func testEmptyDeleteOptionsAsHelmSendsThem() throws {
        XCTAssertEqual(try KubernetesProtobuf.decode(envelope("v1", "DeleteOptions", [])), ["apiVersion": "v1", "kind": "DeleteOptions"])
    }

    func testUnknownFieldsAreSkipped() throws {
        let raw = ld(1, ld(1, "cm") + ld(99, "future")) + vi(50, 7)
        XCTAssertEqual(try KubernetesProtobuf.decode(envelope("v1", "ConfigMap", raw))["metadata"], ["name": "cm", "creationTimestamp": nil])
    }

    func testUnsupportedKindIsATypedError() {
        XCTAssertThrowsError(try KubernetesProtobuf.decode(envelope("apps/v1", "Deployment", ld(1, ld(1, "web"))))) { error in
            XCTAssertEqual(error as? ProtobufError, .unsupportedKind(apiVersion: "apps/v1", kind: "Deployment"))
        }
    }

    func testBodyWithoutMagicIsRejected() {
        XCTAssertThrowsError(try KubernetesProtobuf.decode(Array(#"{"kind":"Secret"}"#.utf8))) { error in
            XCTAssertEqual(error as? ProtobufError, .missingMagic)
        }
    }

    func testTruncatedBodyIsMalformed() {
        let body = envelope("v1", "Secret", ld(1, ld(1, "x")))
        XCTAssertThrowsError(try KubernetesProtobuf.decode(Array(body.dropLast(6)))) { error in
            guard case .malformed = error as? ProtobufError else { return XCTFail("\(error)") }
        }
    }

    func testPeekKindReadsTheEnvelopeOnly() throws {
        let peeked = try KubernetesProtobuf.peekKind(envelope("apps/v1", "Deployment", [0xFF]))
        XCTAssertEqual(peeked.kind, "Deployment")
        XCTAssertEqual(peeked.apiVersion, "apps/v1")
    }

    func testEncodeWritesTheSameBytesAsGoForAMinimalNamespace() throws {
        // Go writes every non-pointer field: six empty strings, generation 0, empty time.
        let meta = ld(1, "y") + ld(2, "") + ld(3, "") + ld(4, "") + ld(5, "") + ld(6, "") + vi(7, 0) + ld(8, [UInt8]())
        let raw = ld(1, meta) + ld(2, [UInt8]()) + ld(3, ld(1, ""))
        XCTAssertEqual(
            try KubernetesProtobuf.encode(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "y"]]),
            envelope("v1", "Namespace", raw))
    }

    func testSecretRoundTrips() throws {
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque", "immutable": false,
            "metadata": [
                "name": "s", "namespace": "ns", "creationTimestamp": "2024-02-29T23:59:59Z", "generation": 2,
                "labels": ["a": "1"], "annotations": ["meta.helm.sh/release-name": "demo"],
                "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "o", "uid": "u", "blockOwnerDeletion": true]],
                "managedFields": [["manager": "kubectl", "operation": "Update", "fieldsType": "FieldsV1", "fieldsV1": ["f:data": .emptyObject]]],
            ],
            "data": ["k": "AAEC/w==", "empty": ""],
        ]
        XCTAssertEqual(try KubernetesProtobuf.decode(try KubernetesProtobuf.encode(secret)), secret)
    }

    func testNamespaceAndDeleteOptionsRoundTrip() throws {
        let ns: JSONValue = [
            "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "n", "creationTimestamp": nil, "deletionTimestamp": "2024-01-01T00:00:00Z"],
            "spec": ["finalizers": ["kubernetes"]],
            "status": ["phase": "Terminating", "conditions": [["type": "NamespaceDeletionContentFailure", "status": "False", "lastTransitionTime": nil, "reason": "ContentDeleted"]]],
        ]
        XCTAssertEqual(try KubernetesProtobuf.decode(try KubernetesProtobuf.encode(ns)), ns)
        let opts: JSONValue = ["apiVersion": "meta.k8s.io/v1", "kind": "DeleteOptions", "gracePeriodSeconds": 0, "orphanDependents": false]
        XCTAssertEqual(try KubernetesProtobuf.decode(try KubernetesProtobuf.encode(opts)), opts)
    }

    func testEncodingRejectsInvalidBase64() {
        XCTAssertThrowsError(try KubernetesProtobuf.encode(["apiVersion": "v1", "kind": "Secret", "data": ["k": "no!"]])) { error in
            XCTAssertEqual("\(error)", "data.k: illegal base64 data at input byte 2")
        }
    }

    func testRFC3339TimesWithOffsetsAndFractions() {
        XCTAssertEqual(KubeTime(rfc3339: "2023-11-15T00:13:20.5+02:00")?.rfc3339, "2023-11-14T22:13:20Z")
        XCTAssertNil(KubeTime(rfc3339: "2023-11-14 22:13:20Z"))
        XCTAssertEqual(KubeTime(secondsSinceEpoch: 0).rfc3339, "1970-01-01T00:00:00Z")
    }
}

final class KubeTimeTests: XCTestCase {
    func testTimesBeforeTheEpochFormatWithFloorDivision() {
        XCTAssertEqual(KubeTime(secondsSinceEpoch: -1).rfc3339, "1969-12-31T23:59:59Z")
    }

    func testExtremeSecondsDoNotTrap() {
        XCTAssertFalse(KubeTime(secondsSinceEpoch: .min).rfc3339.isEmpty)
        XCTAssertFalse(KubeTime(secondsSinceEpoch: .max).rfc3339.isEmpty)
    }
}
