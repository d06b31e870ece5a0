import EmbeddedAPIServer
import KubeObjects
import XCTest

/// `PUT` semantics: optimistic concurrency, generation, and the status subresource split.
final class ClusterUpdateTests: XCTestCase {
    func update(_ t: TestCluster, _ rules: ResourceRules, _ object: JSONValue, subresource: String? = nil) async throws -> JSONValue {
        try await t.cluster.update(
            rules, namespace: "ns", name: object.metadataName ?? "", subresource: subresource, object: object, options: WriteOptions()
        ).object
    }

    func testAStaleResourceVersionIsConflict409WithTheServersMessage() async throws {
        let t = try await TestCluster()
        var stale = try await t.configMap("c")
        var fresh = stale
        fresh["data"] = ["k": "newer"]
        _ = try await update(t, t.configmaps, fresh)
        stale["data"] = ["k": "older"]
        let e = await expectAPIError { _ = try await self.update(t, t.configmaps, stale) }
        XCTAssertEqual(e?.code, 409)
        XCTAssertEqual(e?.reason, "Conflict")
        XCTAssertEqual(
            e?.message,
            "Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again")
        let stored = try await t.get(t.configmaps, "c")
        XCTAssertEqual(stored["data"], ["k": "newer"])
    }

    func testAnUpdateWithoutResourceVersionIsUnconditional() async throws {
        let t = try await TestCluster()
        try await t.configMap("c")
        let updated = try await update(t, t.configmaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["k": "2"]])
        XCTAssertEqual(updated["data"], ["k": "2"])
    }

    func testUpdateKeepsUIDAndCreationTimestamp() async throws {
        let t = try await TestCluster()
        let created = try await t.configMap("c")
        let updated = try await update(
            t, t.configmaps,
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "uid": "forged", "creationTimestamp": "2001-01-01T00:00:00Z"], "data": ["k": "2"]])
        XCTAssertEqual(updated[path: ["metadata", "uid"]], created[path: ["metadata", "uid"]])
        XCTAssertEqual(updated[path: ["metadata", "creationTimestamp"]], created[path: ["metadata", "creationTimestamp"]])
    }

    func testGenerationBumpsOnASpecChangeOnly() async throws {
        let t = try await TestCluster()
        var d = try await t.create(t.deployments, TestCluster.deployment("d"))
        d[path: ["metadata", "labels"]] = ["tier": "web"]
        d = try await update(t, t.deployments, d)
        XCTAssertEqual(d[path: ["metadata", "generation"]], 1, "a metadata change leaves generation alone")
        d[path: ["spec", "replicas"]] = 3
        d = try await update(t, t.deployments, d)
        XCTAssertEqual(d[path: ["metadata", "generation"]], 2)
    }

    func testStatusWritesNeverBumpGeneration() async throws {
        let t = try await TestCluster()
        var d = try await t.create(t.deployments, TestCluster.deployment("d"))
        d["status"] = ["observedGeneration": 1, "replicas": 1]
        d = try await update(t, t.deployments, d, subresource: "status")
        XCTAssertEqual(d[path: ["metadata", "generation"]], 1)
        XCTAssertEqual(d[path: ["status", "replicas"]], 1)
    }

    func testAStatusWriteChangesOnlyStatus() async throws {
        let t = try await TestCluster()
        var d = try await t.create(t.deployments, TestCluster.deployment("d"))
        d["status"] = ["replicas": 2]
        d[path: ["spec", "replicas"]] = 9
        d[path: ["metadata", "labels"]] = ["sneaky": "yes"]
        let written = try await update(t, t.deployments, d, subresource: "status")
        XCTAssertEqual(written[path: ["status", "replicas"]], 2)
        XCTAssertEqual(written[path: ["spec", "replicas"]], 1)
        XCTAssertNil(written[path: ["metadata", "labels", "sneaky"]])
    }

    func testAMainResourceWriteIgnoresStatus() async throws {
        let t = try await TestCluster()
        var d = try await t.create(t.deployments, TestCluster.deployment("d"))
        d["status"] = ["replicas": 2]
        d = try await update(t, t.deployments, d, subresource: "status")
        d["status"] = ["replicas": 99]
        d[path: ["spec", "replicas"]] = 4
        let written = try await update(t, t.deployments, d)
        XCTAssertEqual(written[path: ["spec", "replicas"]], 4)
        XCTAssertEqual(written[path: ["status", "replicas"]], 2)
    }

    func testANoOpUpdateWritesNothingAndSendsNoEvent() async throws {
        let t = try await TestCluster()
        let c = try await t.configMap("c")
        let rv = await t.store.resourceVersion
        let watch = await StreamRecorder.start(try await t.cluster.watch(t.configmaps, namespace: "ns", options: {
            var o = ListOptions()
            o.resourceVersion = String(rv)
            return o
        }()))
        defer { Task { await watch.stop() } }
        let again = try await update(t, t.configmaps, c)
        XCTAssertEqual(again[path: ["metadata", "resourceVersion"]], c[path: ["metadata", "resourceVersion"]])
        let afterNoOp = await t.store.resourceVersion
        XCTAssertEqual(afterNoOp, rv)
        // A marker write proves the watch is live; the no-op must not precede it.
        try await t.configMap("marker")
        let frames = await watch.wait(count: 1)
        XCTAssertEqual(frames.names, ["marker"])
    }

    func testUpdatingAMissingObjectIsNotFound() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError {
            _ = try await self.update(t, t.configmaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "ghost"]])
        }
        XCTAssertEqual(e?.code, 404)
        XCTAssertEqual(e?.message, "configmaps \"ghost\" not found")
    }

    func testANameInTheBodyDifferentFromTheURLsIsBadRequest() async throws {
        let t = try await TestCluster()
        try await t.configMap("c")
        let e = await expectAPIError {
            _ = try await t.cluster.update(
                t.configmaps, namespace: "ns", name: "c", subresource: nil,
                object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "other"]], options: WriteOptions())
        }
        XCTAssertEqual(e?.code, 400)
    }
}
