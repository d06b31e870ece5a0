import EmbeddedAPIServer
import KubeObjects
import XCTest

/// `DELETE`: immediate deletion, finalizers, preconditions, propagation through owner
/// references, namespace cascade, deletecollection and CRD removal.
final class ClusterDeleteTests: XCTestCase {
    /// A watch on one kind from now on.
    func watch(_ t: TestCluster, _ rules: ResourceRules) async throws -> StreamRecorder<WatchFrame> {
        var options = ListOptions()
        options.resourceVersion = String(await t.store.resourceVersion)
        return await StreamRecorder.start(try await t.cluster.watch(rules, namespace: nil, options: options))
    }

    /// Starts the in-server controllers and returns once they watch the store, so that no
    /// change made afterwards escapes them.
    func startControllers(_ t: TestCluster) async throws -> Task<Void, Never> {
        let before = await t.store.watcherCount
        let cluster = t.cluster
        let task = Task { await APIServer.runControllers(cluster) }
        for _ in 0..<2000 where await t.store.watcherCount == before {
            try await Task.sleep(for: .milliseconds(5))
        }
        let now = await t.store.watcherCount
        XCTAssertGreaterThan(now, before, "the controllers never started watching")
        return task
    }

    func finalizedConfigMap(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "finalizers": ["example.com/hold"]]]
    }

    func ownedReplicaSet(_ name: String, owner: JSONValue) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": [
                "name": .string(name),
                "ownerReferences": [[
                    "apiVersion": "apps/v1", "kind": "Deployment", "name": owner["metadata"]!["name"]!,
                    "uid": owner["metadata"]!["uid"]!, "controller": true, "blockOwnerDeletion": true,
                ]],
            ],
            "spec": [
                "replicas": 0, "selector": ["matchLabels": ["app": "x"]],
                "template": ["metadata": ["labels": ["app": "x"]], "spec": ["containers": [["name": "c", "image": "i"]]]],
            ],
        ]
    }

    // MARK: Immediate and finalized deletes

    func testDeletingAnObjectWithoutFinalizersAnswersAStatusSuccess() async throws {
        let t = try await TestCluster()
        let cm = try await t.configMap("c")
        let http = TestHTTP(t.cluster)
        let response = await http.send("DELETE", "/api/v1/namespaces/ns/configmaps/c")
        XCTAssertEqual(response.status, 200)
        let body = try await response.json
        XCTAssertEqual(body["kind"], "Status")
        XCTAssertEqual(body["status"], "Success")
        XCTAssertEqual(body[path: ["details", "name"]], "c")
        XCTAssertEqual(body[path: ["details", "kind"]], "configmaps")
        XCTAssertEqual(body[path: ["details", "uid"]], cm[path: ["metadata", "uid"]])
        let e = await expectAPIError { _ = try await t.get(t.configmaps, "c") }
        XCTAssertEqual(e?.code, 404)
    }

    func testAnImmediateDeleteSendsDELETEDWithANewResourceVersion() async throws {
        let t = try await TestCluster()
        let cm = try await t.configMap("c")
        let events = try await watch(t, t.configmaps)
        _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "c", options: DeleteOptions())
        let frames = await events.wait(count: 1)
        XCTAssertEqual(frames.types, ["DELETED"])
        XCTAssertNotEqual(frames.first?.object[path: ["metadata", "resourceVersion"]], cm[path: ["metadata", "resourceVersion"]])
        await events.stop()
    }

    func testDeletingAnObjectWithFinalizersMarksItAndSendsMODIFIED() async throws {
        let t = try await TestCluster()
        try await t.create(t.configmaps, finalizedConfigMap("f"))
        let events = try await watch(t, t.configmaps)
        let http = TestHTTP(t.cluster)
        let response = await http.send("DELETE", "/api/v1/namespaces/ns/configmaps/f")
        XCTAssertEqual(response.status, 200)
        let body = try await response.json
        XCTAssertEqual(body["kind"], "ConfigMap")
        XCTAssertNotNil(body[path: ["metadata", "deletionTimestamp"]])
        XCTAssertEqual(body[path: ["metadata", "deletionGracePeriodSeconds"]], 0)
        let frames = await events.wait(count: 1)
        XCTAssertEqual(frames.types, ["MODIFIED"])
        let stored = try await t.get(t.configmaps, "f")
        XCTAssertNotNil(stored[path: ["metadata", "deletionTimestamp"]])
        await events.stop()
    }

    func testRemovingTheLastFinalizerDeletesTheObject() async throws {
        let t = try await TestCluster()
        try await t.create(t.configmaps, finalizedConfigMap("f"))
        _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "f", options: DeleteOptions())
        let events = try await watch(t, t.configmaps)
        _ = try await t.patch(t.configmaps, "f", .merge, ["metadata": ["finalizers": nil]])
        let frames = await events.wait(count: 1)
        XCTAssertEqual(frames.types, ["DELETED"])
        let e = await expectAPIError { _ = try await t.get(t.configmaps, "f") }
        XCTAssertEqual(e?.code, 404)
        await events.stop()
    }

    func testASecondDeleteOfATerminatingObjectChangesNothing() async throws {
        let t = try await TestCluster()
        try await t.create(t.configmaps, finalizedConfigMap("f"))
        guard case .pending(let first) = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "f", options: DeleteOptions()) else {
            return XCTFail("finalizers hold the object")
        }
        guard case .pending(let second) = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "f", options: DeleteOptions()) else {
            return XCTFail("finalizers still hold the object")
        }
        XCTAssertEqual(second, first)
    }

    func testAddingAFinalizerToATerminatingObjectIsForbidden() async throws {
        let t = try await TestCluster()
        try await t.create(t.configmaps, finalizedConfigMap("f"))
        _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "f", options: DeleteOptions())
        let e = await expectAPIError {
            _ = try await t.patch(t.configmaps, "f", .merge, ["metadata": ["finalizers": ["example.com/hold", "example.com/more"]]])
        }
        XCTAssertEqual(e?.code, 422)
    }

    func testDeletingAMissingObjectIsNotFound() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError { _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "ghost", options: DeleteOptions()) }
        XCTAssertEqual(e?.code, 404)
        XCTAssertEqual(e?.message, "configmaps \"ghost\" not found")
    }

    func testDryRunDeleteKeepsTheObject() async throws {
        let t = try await TestCluster()
        try await t.configMap("c")
        let rv = await t.store.resourceVersion
        var options = DeleteOptions()
        options.dryRun = true
        _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "c", options: options)
        let still = try await t.get(t.configmaps, "c")
        XCTAssertEqual(still.metadataName, "c")
        let after = await t.store.resourceVersion
        XCTAssertEqual(after, rv)
    }

    // MARK: Preconditions

    func testAUIDPreconditionThatDoesNotHoldIsConflict() async throws {
        let t = try await TestCluster()
        let cm = try await t.configMap("c")
        var options = DeleteOptions()
        options.preconditionUID = "not-the-uid"
        let e = await expectAPIError { _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "c", options: options) }
        XCTAssertEqual(e?.code, 409)
        XCTAssertEqual(
            e?.message,
            "Operation cannot be fulfilled on configmaps \"c\": Precondition failed: UID in precondition: not-the-uid, UID in object meta: \(cm[path: ["metadata", "uid"]]?.stringValue ?? "")")
        let still = try await t.get(t.configmaps, "c")
        XCTAssertEqual(still.metadataName, "c")
    }

    func testAResourceVersionPreconditionThatDoesNotHoldIsConflict() async throws {
        let t = try await TestCluster()
        try await t.configMap("c")
        var options = DeleteOptions()
        options.preconditionResourceVersion = "1"
        let e = await expectAPIError { _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "c", options: options) }
        XCTAssertEqual(e?.code, 409)
        XCTAssertTrue(e?.message.contains("Precondition failed: ResourceVersion in precondition: 1") == true, e?.message ?? "")
    }

    func testPreconditionsThatHoldDelete() async throws {
        let t = try await TestCluster()
        let cm = try await t.configMap("c")
        var options = DeleteOptions()
        options.preconditionUID = cm[path: ["metadata", "uid"]]?.stringValue
        options.preconditionResourceVersion = cm[path: ["metadata", "resourceVersion"]]?.stringValue
        guard case .deleted = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "c", options: options) else {
            return XCTFail("the object has no finalizers")
        }
    }

    // MARK: Propagation

    func testBackgroundDeletionRemovesDependents() async throws {
        let t = try await TestCluster()
        let owner = try await t.create(t.deployments, TestCluster.deployment("d"))
        try await t.create(t.replicasets, ownedReplicaSet("rs", owner: owner))
        let controllers = try await startControllers(t)
        defer { controllers.cancel() }
        let events = try await watch(t, t.replicasets)
        var options = DeleteOptions()
        options.propagation = .background
        guard case .deleted = try await t.cluster.delete(t.deployments, namespace: "ns", name: "d", options: options) else {
            return XCTFail("background deletion removes the owner at once")
        }
        let frames = await events.wait { frames, _ in frames.has("DELETED", "rs") }
        XCTAssertTrue(frames.has("DELETED", "rs"), "the dependent ReplicaSet was collected: \(frames.types)")
        await events.stop()
    }

    func testForegroundDeletionWaitsForDependentsThenRemovesTheOwner() async throws {
        let t = try await TestCluster()
        let owner = try await t.create(t.deployments, TestCluster.deployment("d"))
        try await t.create(t.replicasets, ownedReplicaSet("rs", owner: owner))
        let controllers = try await startControllers(t)
        defer { controllers.cancel() }
        let owners = try await watch(t, t.deployments)
        let dependents = try await watch(t, t.replicasets)
        var options = DeleteOptions()
        options.propagation = .foreground
        guard case .pending(let marked) = try await t.cluster.delete(t.deployments, namespace: "ns", name: "d", options: options) else {
            return XCTFail("foreground deletion waits for dependents")
        }
        XCTAssertEqual(marked[path: ["metadata", "finalizers"]], ["foregroundDeletion"])
        XCTAssertNotNil(marked[path: ["metadata", "deletionTimestamp"]])
        let ownerFrames = await owners.wait { frames, _ in frames.has("DELETED", "d") }
        XCTAssertTrue(ownerFrames.has("DELETED", "d"), "the owner went once its dependents had: \(ownerFrames.types)")
        let dependentFrames = await dependents.wait { frames, _ in frames.has("DELETED", "rs") }
        XCTAssertTrue(dependentFrames.has("DELETED", "rs"))
        await owners.stop()
        await dependents.stop()
    }

    func testOrphanDeletionKeepsDependentsAndDropsTheirOwnerReference() async throws {
        let t = try await TestCluster()
        let owner = try await t.create(t.deployments, TestCluster.deployment("d"))
        try await t.create(t.replicasets, ownedReplicaSet("rs", owner: owner))
        let controllers = try await startControllers(t)
        defer { controllers.cancel() }
        let owners = try await watch(t, t.deployments)
        var options = DeleteOptions()
        options.propagation = .orphan
        guard case .pending(let marked) = try await t.cluster.delete(t.deployments, namespace: "ns", name: "d", options: options) else {
            return XCTFail("orphan deletion first releases the dependents")
        }
        XCTAssertEqual(marked[path: ["metadata", "finalizers"]], ["orphan"])
        let frames = await owners.wait { frames, _ in frames.has("DELETED", "d") }
        XCTAssertTrue(frames.has("DELETED", "d"), "\(frames.types)")
        let rs = try await t.get(t.replicasets, "rs")
        XCTAssertNil(rs[path: ["metadata", "ownerReferences"]])
        await owners.stop()
    }

    func testPropagationPolicyFromTheQueryIsHonoured() async throws {
        let t = try await TestCluster()
        try await t.create(t.deployments, TestCluster.deployment("d"))
        let http = TestHTTP(t.cluster)
        let response = await http.send("DELETE", "/apis/apps/v1/namespaces/ns/deployments/d?propagationPolicy=Orphan")
        XCTAssertEqual(response.status, 200)
        let body = try await response.json
        XCTAssertEqual(body[path: ["metadata", "finalizers"]], ["orphan"])
    }

    func testAnUnknownPropagationPolicyIs422() async throws {
        let t = try await TestCluster()
        try await t.configMap("c")
        let http = TestHTTP(t.cluster)
        let response = await http.send("DELETE", "/api/v1/namespaces/ns/configmaps/c", json: ["propagationPolicy": "Sideways"])
        XCTAssertEqual(response.status, 422)
    }

    // MARK: Namespaces, collections, CRDs

    func testDeletingANamespaceDeletesEveryKindInIt() async throws {
        let t = try await TestCluster()
        try await t.configMap("c")
        try await t.create(t.secrets, ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"], "stringData": ["a": "b"]])
        try await t.create(t.deployments, TestCluster.deployment("d"))
        let controllers = try await startControllers(t)
        defer { controllers.cancel() }
        let events = try await watch(t, t.namespaces)
        guard case .pending = try await t.cluster.delete(t.namespaces, namespace: nil, name: "ns", options: DeleteOptions()) else {
            return XCTFail("a namespace waits for its contents")
        }
        let frames = await events.wait { frames, _ in frames.has("DELETED", "ns") }
        XCTAssertTrue(frames.has("DELETED", "ns"), "\(frames.types)")
        for resource in ["configmaps", "secrets"] {
            let left = await t.store.list(GroupResource(group: "", resource: resource), namespace: "ns").items
            XCTAssertTrue(left.isEmpty, resource)
        }
        let deployments = await t.store.list(GroupResource(group: "apps", resource: "deployments"), namespace: "ns").items
        XCTAssertTrue(deployments.isEmpty)
        await events.stop()
    }

    func testATerminatingNamespaceRefusesNewObjects() async throws {
        let t = try await TestCluster()
        try await t.configMap("keep")
        _ = try await t.cluster.delete(t.namespaces, namespace: nil, name: "ns", options: DeleteOptions())
        let e = await expectAPIError { try await t.configMap("new") }
        XCTAssertEqual(e?.code, 403)
        XCTAssertEqual(e?.reason, "Forbidden")
        XCTAssertTrue(e?.message.hasSuffix("unable to create new content in namespace ns because it is being terminated") == true, e?.message ?? "")
    }

    func testDeleteCollectionRemovesOnlyWhatTheLabelSelectorMatches() async throws {
        let t = try await TestCluster()
        try await t.configMap("a", labels: ["app": "x"])
        try await t.configMap("b", labels: ["app": "x"])
        try await t.configMap("c", labels: ["app": "y"])
        let http = TestHTTP(t.cluster)
        let response = await http.send("DELETE", "/api/v1/namespaces/ns/configmaps?labelSelector=app%3Dx")
        XCTAssertEqual(response.status, 200)
        let body = try await response.json
        XCTAssertEqual(body["kind"], "ConfigMapList")
        XCTAssertEqual(Set((body["items"]?.arrayValue ?? []).compactMap(\.metadataName)), ["a", "b"])
        let left = await t.store.list(GroupResource(group: "", resource: "configmaps"), namespace: "ns").items.map(\.0.name)
        XCTAssertEqual(left, ["c"])
    }

    func testDeletingACRDRemovesItsObjectsAndItsKind() async throws {
        let t = try await TestCluster()
        try await t.create(t.crds, DiscoveryFixtures.helmReleaseCRD())
        let hr = try await t.rules("helm.rudder.dev", "v1", "helmreleases")
        try await t.create(hr, ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "r"], "spec": ["releaseName": "a"]])
        _ = try await t.cluster.delete(t.crds, namespace: nil, name: "helmreleases.helm.rudder.dev", options: DeleteOptions())
        let served = await t.cluster.rules(group: "helm.rudder.dev", version: "v1", plural: "helmreleases")
        XCTAssertNil(served)
        let left = await t.store.list(GroupResource(group: "helm.rudder.dev", resource: "helmreleases"), namespace: nil).items
        XCTAssertTrue(left.isEmpty)
        let http = TestHTTP(t.cluster)
        let response = await http.send("GET", "/apis/helm.rudder.dev/v1/namespaces/ns/helmreleases")
        XCTAssertEqual(response.status, 404)
    }
}
