import Foundation
import KubeClient
import KubeObjects
import XCTest

/// Each typed resource read from JSON shaped as kube-apiserver returns it, checked field by
/// field, then written back: the JSON that comes out is the JSON that went in, less only
/// the fields the struct deliberately does not model (managedFields).
final class TypedRoundTripTests: XCTestCase {
    /// Decodes `json` as `R`, re-encodes it, and asserts the result equals the input with
    /// `dropped` paths removed. Returns the decoded value for field checks.
    private func roundTrip<R: KubeResource>(
        _ type: R.Type, _ json: String, dropped: [[String]] = [["metadata", "managedFields"]],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> R {
        let input = try JSONValue.parse(json)
        let value = try input.decode(R.self)
        let output = try JSONValue(encoding: value)
        var expected = input
        for path in dropped { expected[path: path] = nil }
        XCTAssert(
            output.semanticallyEquals(expected), "round trip changed the object:\n\(output.serialized())\n\(expected.serialized())",
            file: file, line: line)
        return value
    }

    func testSecretRoundTripsAndDecodesBase64Data() throws {
        let secret = try roundTrip(Secret.self, #"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"apps","uid":"5f0c3f0e-2b1d-4c55-9a43-7c1f1c6f2a10",
             "resourceVersion":"1234","creationTimestamp":"2024-05-01T12:00:00Z","labels":{"app":"db"},
             "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2024-05-01T12:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{}}}]},
             "data":{"password":"czNjcjN0","empty":""},"type":"Opaque","immutable":false}
            """#)
        XCTAssertEqual(secret.data?["password"], Data("s3cr3t".utf8))
        XCTAssertEqual(secret.data?["empty"], Data())
        XCTAssertEqual(secret.type, "Opaque")
        XCTAssertEqual(secret.immutable, false)
        XCTAssertEqual(secret.metadata.creationTimestamp, Time(rfc3339: "2024-05-01T12:00:00Z"))
    }

    func testHelmReleaseSecretKeepsItsTypeAndLabels() throws {
        let secret = try roundTrip(Secret.self, #"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"sh.helm.release.v1.podinfo.v1","namespace":"apps",
             "labels":{"name":"podinfo","owner":"helm","status":"deployed","version":"1"}},
             "data":{"release":"SDRzSUFBQUFBQUFBLzZ1dUJRQ0FBQUE9"},"type":"helm.sh/release.v1"}
            """#)
        XCTAssertEqual(secret.type, "helm.sh/release.v1")
        XCTAssertEqual(secret.metadata.labels?["owner"], "helm")
    }

    func testConfigMapRoundTripsTextAndBinaryData() throws {
        let map = try roundTrip(ConfigMap.self, #"""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"charts","namespace":"apps","resourceVersion":"77"},
             "data":{"values.yaml":"replicaCount: 2\n"},"binaryData":{"podinfo-6.5.0.tgz":"H4sIAAAAAAAA/w=="}}
            """#)
        XCTAssertEqual(map.data?["values.yaml"], "replicaCount: 2\n")
        XCTAssertEqual(map.binaryData?["podinfo-6.5.0.tgz"], Data([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF]))
    }

    func testNamespaceRoundTripsPhaseAndFinalizers() throws {
        let ns = try roundTrip(Namespace.self, #"""
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"apps","uid":"0b1d","resourceVersion":"12",
             "creationTimestamp":"2024-05-01T12:00:00Z","deletionTimestamp":"2024-05-02T08:30:00Z",
             "labels":{"kubernetes.io/metadata.name":"apps"}},
             "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Terminating"}}
            """#)
        XCTAssertEqual(ns.status?.phase, "Terminating")
        XCTAssertEqual(ns.spec?.finalizers, ["kubernetes"])
        XCTAssertNotNil(ns.metadata.deletionTimestamp)
    }

    func testLeaseRoundTripsMicroTimes() throws {
        let lease = try roundTrip(Lease.self, #"""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"rudder-leader","namespace":"rudder-system",
             "resourceVersion":"981"},
             "spec":{"holderIdentity":"rudder-7d9f_3c1e","leaseDurationSeconds":15,"acquireTime":"2024-05-01T12:00:00.000000Z",
             "renewTime":"2024-05-01T12:00:10.123456Z","leaseTransitions":3}}
            """#)
        XCTAssertEqual(lease.spec?.holderIdentity, "rudder-7d9f_3c1e")
        XCTAssertEqual(lease.spec?.leaseDurationSeconds, 15)
        XCTAssertEqual(lease.spec?.renewTime, MicroTime(secondsSinceEpoch: 1_714_564_810, microseconds: 123_456))
        XCTAssertEqual(lease.spec?.leaseTransitions, 3)
    }

    func testCoreEventRoundTripsWithNullEventTime() throws {
        // kube-apiserver writes `eventTime: null` on core Events that do not set it; read as
        // nil it is then omitted on write.
        let event = try roundTrip(
            Event.self, #"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"podinfo.17c9a3b2d4e5f6a7","namespace":"apps"},
             "involvedObject":{"kind":"HelmRelease","namespace":"apps","name":"podinfo","uid":"9a8b","apiVersion":"helm.rudder.dev/v1","resourceVersion":"44"},
             "reason":"UpgradeSucceeded","message":"Helm upgrade succeeded","source":{"component":"rudder"},
             "firstTimestamp":"2024-05-01T12:00:00Z","lastTimestamp":"2024-05-01T12:05:00Z","count":4,"type":"Normal",
             "eventTime":null,"reportingComponent":"rudder","reportingInstance":"rudder-7d9f"}
            """#, dropped: [["eventTime"]])
        XCTAssertEqual(event.involvedObject.kind, "HelmRelease")
        XCTAssertEqual(event.count, 4)
        XCTAssertNil(event.eventTime)
        XCTAssertEqual(event.source?.component, "rudder")
        XCTAssertEqual(event.lastTimestamp, Time(rfc3339: "2024-05-01T12:05:00Z"))
    }

    func testEventWithEventTimeAndRelatedRoundTrips() throws {
        let event = try roundTrip(Event.self, #"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"e1","namespace":"apps"},
             "involvedObject":{"kind":"Pod","namespace":"apps","name":"web-0","fieldPath":"spec.containers{web}"},
             "related":{"kind":"Node","name":"node-1"},"reason":"Pulled","message":"pulled","type":"Warning",
             "eventTime":"2024-05-01T12:00:00.500000Z","action":"Pulling","reportingComponent":"kubelet","reportingInstance":"node-1"}
            """#)
        XCTAssertEqual(event.eventTime?.microseconds, 500_000)
        XCTAssertEqual(event.related?.name, "node-1")
        XCTAssertEqual(event.involvedObject.fieldPath, "spec.containers{web}")
    }

    func testDeploymentRoundTripKeepsTemplateSelectorAndStrategy() throws {
        let deployment = try roundTrip(Deployment.self, #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"podinfo","namespace":"apps","generation":3,
             "annotations":{"deployment.kubernetes.io/revision":"2","meta.helm.sh/release-name":"podinfo"},
             "ownerReferences":[{"apiVersion":"helm.rudder.dev/v1","kind":"HelmRelease","name":"podinfo","uid":"9a8b","controller":true,"blockOwnerDeletion":true}]},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"podinfo"}},
              "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"podinfo"}},
               "spec":{"containers":[{"name":"podinfo","image":"ghcr.io/stefanprodan/podinfo:6.5.0","ports":[{"containerPort":9898,"protocol":"TCP"}],
                "resources":{"limits":{"cpu":"1.5"}}}],"restartPolicy":"Always","terminationGracePeriodSeconds":30}},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
              "revisionHistoryLimit":10,"progressDeadlineSeconds":600},
             "status":{"observedGeneration":3,"replicas":2,"updatedReplicas":2,"readyReplicas":1,"availableReplicas":1,"unavailableReplicas":1,
              "conditions":[{"type":"Available","status":"False","lastUpdateTime":"2024-05-01T12:00:00Z","lastTransitionTime":"2024-05-01T12:00:00Z",
               "reason":"MinimumReplicasUnavailable","message":"Deployment does not have minimum availability."},
               {"type":"Progressing","status":"True","lastUpdateTime":"2024-05-01T12:01:00Z","lastTransitionTime":"2024-05-01T12:00:00Z",
               "reason":"ReplicaSetUpdated","message":"ReplicaSet \"podinfo-5d8f\" is progressing."}]}}
            """#)
        XCTAssertEqual(deployment.spec?.replicas, 2)
        XCTAssertEqual(deployment.spec?.strategy?[path: ["rollingUpdate", "maxUnavailable"]], "25%")
        XCTAssertEqual(deployment.spec?.template?[path: ["metadata", "creationTimestamp"]], .null)
        XCTAssertEqual(deployment.status?.unavailableReplicas, 1)
        XCTAssertEqual(deployment.status?.conditions?.last?.status, .true)
        XCTAssertEqual(deployment.status?.conditions?.first?.reason, "MinimumReplicasUnavailable")
        XCTAssertEqual(deployment.metadata.ownerReferences?.first?.controller, true)
    }

    func testJobRoundTripsStatusAndConditions() throws {
        let job = try roundTrip(Job.self, #"""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"podinfo-test","namespace":"apps","labels":{"batch.kubernetes.io/job-name":"podinfo-test"},
              "annotations":{"helm.sh/hook":"test"}},
             "spec":{"parallelism":1,"completions":1,"backoffLimit":0,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"77aa"}},
              "template":{"metadata":{"labels":{"job-name":"podinfo-test"}},"spec":{"containers":[{"name":"t","image":"busybox","command":["true"]}],"restartPolicy":"Never"}}},
             "status":{"startTime":"2024-05-01T12:00:00Z","completionTime":"2024-05-01T12:00:07Z","succeeded":1,"ready":0,
              "conditions":[{"type":"Complete","status":"True","lastProbeTime":"2024-05-01T12:00:07Z","lastTransitionTime":"2024-05-01T12:00:07Z"}]}}
            """#)
        XCTAssertEqual(job.spec?.backoffLimit, 0)
        XCTAssertEqual(job.status?.succeeded, 1)
        XCTAssertEqual(job.status?.conditions?.first?.type, "Complete")
        XCTAssertEqual(job.spec?.template?[path: ["spec", "restartPolicy"]], "Never")
    }

    func testEncodingWritesAPIVersionAndKindFromTheType() throws {
        let lease = Lease(metadata: ObjectMeta(name: "l", namespace: "ns"), spec: Lease.Spec(holderIdentity: "me"))
        let json = try JSONValue(encoding: lease)
        XCTAssertEqual(json, ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                              "metadata": ["name": "l", "namespace": "ns"], "spec": ["holderIdentity": "me"]])
    }

    func testMetav1ConditionWritesReasonAndMessageAlwaysAndReadsMissingOnesAsEmpty() throws {
        let written = try JSONValue(encoding: Condition(type: "Ready", status: .false, observedGeneration: 2,
                                                        lastTransitionTime: Time(secondsSinceEpoch: 0)))
        XCTAssertEqual(written, ["type": "Ready", "status": "False", "observedGeneration": 2,
                                 "lastTransitionTime": "1970-01-01T00:00:00Z", "reason": "", "message": ""])
        let read = try JSONValue(["type": "Ready", "status": "True"]).decode(Condition.self)
        XCTAssertEqual(read, Condition(type: "Ready", status: .true))
    }

    func testJSONValueFieldsKeepIntsDoublesAndNulls() throws {
        let value: JSONValue = ["i": 9_007_199_254_740_993, "d": 1.5, "b": true, "n": nil, "a": [1, "x"], "o": [:]]
        XCTAssertEqual(try JSONValue(encoding: value), value)
        XCTAssertEqual(try value.decode(JSONValue.self), value)
    }

    func testFoundationCodersReadAndWriteTheSameJSON() throws {
        // Typed values also go straight through JSONEncoder/JSONDecoder (a request body, a
        // file), JSONValue parts included.
        let deployment = Deployment(
            metadata: ObjectMeta(name: "web"),
            spec: Deployment.Spec(replicas: 3, template: ["spec": ["containers": [["name": "c", "ports": [80, 443.5]]]], "x": nil]))
        let bytes = try JSONEncoder().encode(deployment)
        XCTAssertEqual(try JSONDecoder().decode(Deployment.self, from: bytes), deployment)
        XCTAssertEqual(try JSONValue.parse([UInt8](bytes)).decode(Deployment.self), deployment)
    }
}
