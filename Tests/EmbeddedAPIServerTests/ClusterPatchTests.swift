import EmbeddedAPIServer
import KubeObjects
import XCTest

/// `PATCH` with JSON, merge and strategic merge patches.
final class ClusterPatchTests: XCTestCase {
    func testMergePatchSetsAndNullDeletesKeys() async throws {
        let t = try await TestCluster()
        try await t.configMap("c", data: ["a": "1", "b": "2"])
        let r = try await t.patch(t.configmaps, "c", .merge, ["data": ["a": nil, "c": "3"]])
        XCTAssertEqual(r.object["data"], ["b": "2", "c": "3"])
        XCTAssertEqual(r.status, 200)
    }

    func testJSONPatchAppliesOperationsInOrder() async throws {
        let t = try await TestCluster()
        try await t.configMap("c", data: ["a": "1"])
        let r = try await t.patch(
            t.configmaps, "c", .json,
            [["op": "add", "path": "/data/b", "value": "2"], ["op": "replace", "path": "/data/a", "value": "x"]])
        XCTAssertEqual(r.object["data"], ["a": "x", "b": "2"])
    }

    func testAFailingJSONPatchTestIs422AndChangesNothing() async throws {
        let t = try await TestCluster()
        try await t.configMap("c", data: ["a": "1"])
        let rv = await t.store.resourceVersion
        let e = await expectAPIError {
            _ = try await t.patch(
                t.configmaps, "c", .json,
                [["op": "test", "path": "/data/a", "value": "nope"], ["op": "replace", "path": "/data/a", "value": "x"]])
        }
        XCTAssertEqual(e?.code, 422)
        let stored = try await t.get(t.configmaps, "c")
        XCTAssertEqual(stored["data"], ["a": "1"])
        let after = await t.store.resourceVersion
        XCTAssertEqual(after, rv)
    }

    func testStrategicMergeMergesContainersByName() async throws {
        let t = try await TestCluster()
        try await t.create(
            t.deployments,
            TestCluster.deployment("d", containers: [["name": "web", "image": "nginx:1"], ["name": "sidecar", "image": "envoy:1"]]))
        let r = try await t.patch(
            t.deployments, "d", .strategic,
            ["spec": ["template": ["spec": ["containers": [["name": "web", "image": "nginx:2"]]]]]])
        let containers = r.object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        XCTAssertEqual(containers.map { $0["name"] }, ["web", "sidecar"])
        XCTAssertEqual(containers.first?["image"], "nginx:2")
        XCTAssertEqual(containers.last?["image"], "envoy:1")
        XCTAssertEqual(r.object[path: ["metadata", "generation"]], 2)
    }

    func testStrategicMergeMergesEnvByNameAndPortsByContainerPort() async throws {
        let t = try await TestCluster()
        try await t.create(
            t.deployments,
            TestCluster.deployment("d", containers: [[
                "name": "web", "image": "nginx:1",
                "env": [["name": "A", "value": "1"], ["name": "B", "value": "2"]],
                "ports": [["containerPort": 80, "name": "http"]],
            ]]))
        let r = try await t.patch(
            t.deployments, "d", .strategic,
            ["spec": ["template": ["spec": ["containers": [[
                "name": "web",
                "env": [["name": "B", "value": "changed"], ["name": "C", "value": "3"]],
                "ports": [["containerPort": 443, "name": "https"]],
            ]]]]]])
        let web = r.object[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        let env = (web?["env"]?.arrayValue ?? []).map { "\($0["name"]?.stringValue ?? "")=\($0["value"]?.stringValue ?? "")" }
        XCTAssertEqual(Set(env), ["A=1", "B=changed", "C=3"])
        let ports = (web?["ports"]?.arrayValue ?? []).compactMap { $0["containerPort"]?.intValue }
        XCTAssertEqual(Set(ports), [80, 443])
        XCTAssertEqual(web?["image"], "nginx:1")
    }

    func testStrategicMergeOnACustomResourceIsUnsupportedMediaType() async throws {
        let t = try await TestCluster()
        try await t.create(t.crds, DiscoveryFixtures.helmReleaseCRD())
        let hr = try await t.rules("helm.rudder.dev", "v1", "helmreleases")
        try await t.create(hr, ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "r"], "spec": ["releaseName": "a"]])
        let e = await expectAPIError { _ = try await t.patch(hr, "r", .strategic, ["spec": ["releaseName": "b"]]) }
        XCTAssertEqual(e?.code, 415)
        XCTAssertEqual(e?.reason, "UnsupportedMediaType")
        XCTAssertFalse(e?.message.contains("strategic") ?? true, "the accepted types exclude strategic merge: \(e?.message ?? "")")
    }

    func testAPatchCarryingAStaleResourceVersionIsConflict() async throws {
        let t = try await TestCluster()
        let c = try await t.configMap("c")
        _ = try await t.patch(t.configmaps, "c", .merge, ["data": ["k": "2"]])
        let e = await expectAPIError {
            _ = try await t.patch(t.configmaps, "c", .merge, ["metadata": ["resourceVersion": c[path: ["metadata", "resourceVersion"]]!], "data": ["k": "3"]])
        }
        XCTAssertEqual(e?.code, 409)
        XCTAssertEqual(e?.reason, "Conflict")
    }

    func testAPatchCarryingTheCurrentResourceVersionSucceeds() async throws {
        let t = try await TestCluster()
        let c = try await t.configMap("c")
        let r = try await t.patch(t.configmaps, "c", .merge, ["metadata": ["resourceVersion": c[path: ["metadata", "resourceVersion"]]!], "data": ["k": "3"]])
        XCTAssertEqual(r.object["data"], ["k": "3"])
    }

    /// kubectl's csaupgrade rewrites managedFields with a JSON patch guarded by a `test`
    /// of resourceVersion.
    func testManagedFieldsAreWritableByAJSONPatch() async throws {
        var options = WriteOptions()
        options.fieldManager = "kubectl-client-side-apply"
        let t = try await TestCluster()
        let c = try await t.create(t.configmaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["k": "v"]], options: options)
        let rv = c[path: ["metadata", "resourceVersion"]]!
        var entry = try XCTUnwrap(c[path: ["metadata", "managedFields"]]?.arrayValue?.first)
        entry["manager"] = "kubectl"
        entry["operation"] = "Apply"
        let r = try await t.patch(
            t.configmaps, "c", .json,
            [["op": "test", "path": "/metadata/resourceVersion", "value": rv],
             ["op": "replace", "path": "/metadata/managedFields", "value": [entry]]])
        let managers = (r.object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).map { $0["manager"] }
        XCTAssertEqual(managers, ["kubectl"])
        XCTAssertEqual(r.object[path: ["metadata", "managedFields"]]?.arrayValue?.first?["operation"], "Apply")
        XCTAssertNotEqual(r.object[path: ["metadata", "resourceVersion"]], rv)
    }

    func testAPatchToStatusChangesOnlyStatus() async throws {
        let t = try await TestCluster()
        try await t.create(t.deployments, TestCluster.deployment("d"))
        let r = try await t.patch(t.deployments, "d", .merge, ["status": ["replicas": 1], "spec": ["replicas": 5]], subresource: "status")
        XCTAssertEqual(r.object[path: ["status", "replicas"]], 1)
        XCTAssertEqual(r.object[path: ["spec", "replicas"]], 1)
        XCTAssertEqual(r.object[path: ["metadata", "generation"]], 1)
    }

    func testAPatchThatChangesNothingWritesNothing() async throws {
        let t = try await TestCluster()
        let c = try await t.configMap("c", data: ["k": "v"])
        let r = try await t.patch(t.configmaps, "c", .merge, ["data": ["k": "v"]])
        XCTAssertEqual(r.object[path: ["metadata", "resourceVersion"]], c[path: ["metadata", "resourceVersion"]])
        XCTAssertEqual(r.object[path: ["metadata", "managedFields"]], c[path: ["metadata", "managedFields"]])
    }

    func testPatchingAMissingObjectIsNotFound() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError { _ = try await t.patch(t.configmaps, "ghost", .merge, ["data": ["a": "b"]]) }
        XCTAssertEqual(e?.code, 404)
    }

    func testDryRunPatchAnswersThePatchedObjectAndStoresNothing() async throws {
        let t = try await TestCluster()
        try await t.configMap("c", data: ["k": "1"])
        let rv = await t.store.resourceVersion
        var options = WriteOptions()
        options.dryRun = true
        let r = try await t.patch(t.configmaps, "c", .merge, ["data": ["k": "2"]], options: options)
        XCTAssertEqual(r.object["data"], ["k": "2"])
        let stored = try await t.get(t.configmaps, "c")
        XCTAssertEqual(stored["data"], ["k": "1"])
        let after = await t.store.resourceVersion
        XCTAssertEqual(after, rv)
    }
}

/// The directives kubectl's client-side apply and `kubectl patch` put in strategic merge patches.
final class StrategicMergeDirectiveTests: XCTestCase {
    func twoContainers(_ t: TestCluster) async throws {
        try await t.create(
            t.deployments,
            TestCluster.deployment("d", containers: [["name": "web", "image": "nginx:1"], ["name": "side", "image": "envoy:1"]]))
    }

    func containerNames(_ object: JSONValue) -> [JSONValue] {
        (object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []).map { $0["name"] ?? nil }
    }

    func testPatchDeleteRemovesAContainerByName() async throws {
        let t = try await TestCluster()
        try await twoContainers(t)
        let r = try await t.patch(
            t.deployments, "d", .strategic, ["spec": ["template": ["spec": ["containers": [["name": "side", "$patch": "delete"]]]]]])
        XCTAssertEqual(containerNames(r.object), ["web"])
    }

    func testSetElementOrderOrdersTheMergedList() async throws {
        let t = try await TestCluster()
        try await twoContainers(t)
        let r = try await t.patch(
            t.deployments, "d", .strategic,
            ["spec": ["template": ["spec": [
                "$setElementOrder/containers": [["name": "side"], ["name": "web"]],
                "containers": [["name": "web", "image": "nginx:2"]],
            ]]]])
        XCTAssertEqual(containerNames(r.object), ["side", "web"])
        XCTAssertNil(r.object[path: ["spec", "template", "spec", "$setElementOrder/containers"]])
    }

    func testNullRemovesAField() async throws {
        let t = try await TestCluster()
        try await t.create(t.deployments, TestCluster.deployment("d"))
        let r = try await t.patch(t.deployments, "d", .strategic, ["spec": ["replicas": nil]])
        XCTAssertNil(r.object[path: ["spec", "replicas"]])
    }
}
