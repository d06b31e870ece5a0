import EmbeddedAPIServer
import KubeObjects
import XCTest

final class ClusterSimulatorClusterTests: XCTestCase {
    let server = Cluster()
    var store: ObjectStore { server.store }
    lazy var cluster = ClusterSimulatorCluster(cluster: server)
    let key = ObjectKey(namespace: "ns", name: "web")

    override func setUp() async throws {
        try await SimulatedCluster.createNamespace("ns", in: server)
    }

    private func createDeployment() async throws -> JSONValue {
        var object = SimulatorWorkloads.deployment("web")
        object["status"] = ["replicas": 5]
        return try await cluster.create(.deployments, object)
    }

    func testCreateStampsWhatTheServerStampsAndDropsStatus() async throws {
        let created = try await createDeployment()
        XCTAssertEqual(created[path: ["metadata", "uid"]]?.stringValue?.count, 36)
        XCTAssertNotNil(created[path: ["metadata", "creationTimestamp"]].flatMap { KubeTime(rfc3339: $0.stringValue ?? "") })
        XCTAssertEqual(created[path: ["metadata", "managedFields"]]?.arrayValue?.first?["manager"], "kube-controller-manager")
        XCTAssertEqual(created[path: ["metadata", "generation"]], 1)
        XCTAssertNotNil(created[path: ["metadata", "resourceVersion"]])
        XCTAssertNil(created["status"])
    }

    func testCreatingATakenNameIsAlreadyExists() async throws {
        _ = try await createDeployment()
        do {
            _ = try await createDeployment()
            XCTFail("a second create of the same name must fail")
        } catch let error as APIError {
            XCTAssertEqual(error.code, 409)
            XCTAssertEqual(error.reason, "AlreadyExists")
        }
    }

    func testUpdateBumpsGenerationOnlyWhenTheSpecChangesAndNeverTouchesStatus() async throws {
        let uid = try await createDeployment()[path: ["metadata", "uid"]]!.stringValue!
        try await cluster.updateStatus(.deployments, key, uid: uid, status: ["replicas": 1])
        let annotated = try await cluster.update(.deployments, key, uid: uid) {
            $0[path: ["metadata", "annotations", "a"]] = "b"
            $0["status"] = ["replicas": 9]
        }
        XCTAssertEqual(annotated?[path: ["metadata", "generation"]], 1)
        XCTAssertEqual(annotated?["status"], ["replicas": 1])
        let scaled = try await cluster.update(.deployments, key, uid: uid) { $0[path: ["spec", "replicas"]] = 3 }
        XCTAssertEqual(scaled?[path: ["metadata", "generation"]], 2)
    }

    func testStatusWritesChangeOnlyStatus() async throws {
        let created = try await createDeployment()
        let uid = created[path: ["metadata", "uid"]]!.stringValue!
        let written = try await cluster.updateStatus(.deployments, key, uid: uid, status: ["replicas": 1])
        var expected = created
        expected["status"] = ["replicas": 1]
        expected[path: ["metadata", "resourceVersion"]] = written?[path: ["metadata", "resourceVersion"]]
        expected[path: ["metadata", "managedFields"]] = written?[path: ["metadata", "managedFields"]]
        XCTAssertEqual(written, expected)
        XCTAssertEqual(written?[path: ["metadata", "managedFields"]]?.arrayValue?.last?["subresource"], "status")
    }

    func testWritesAimedAtAnEarlierObjectOfTheSameNameWriteNothing() async throws {
        let first = try await createDeployment()[path: ["metadata", "uid"]]!.stringValue!
        try await store.mutate(SimulatedResource.deployments.groupResource, key) { _ in nil }
        let second = try await createDeployment()
        let rv = await store.resourceVersion
        let status = try await cluster.updateStatus(.deployments, key, uid: first, status: ["replicas": 1])
        let update = try await cluster.update(.deployments, key, uid: first) { $0[path: ["spec", "replicas"]] = 7 }
        try await cluster.delete(.deployments, key, uid: first)
        XCTAssertNil(status)
        XCTAssertNil(update)
        let after = await store.resourceVersion
        XCTAssertEqual(after, rv)
        let stored = try await cluster.get(.deployments, key)
        XCTAssertEqual(stored, second)
    }
}
