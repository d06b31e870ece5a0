import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// The dynamic client over HTTP against the embedded API server: CRUD, pagination,
/// optimistic concurrency, server-side apply, patches, subresources, dry-run,
/// preconditions and typed errors.
final class ResourceClientTests: TransportTestCase {
    private let configMapsResource = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    private let deploymentsResource = GroupVersionResource(group: "apps", version: "v1", resource: "deployments")

    private func configMaps(_ cluster: TestCluster) throws -> ResourceClient {
        ResourceClient(client: try APIClient(configuration: cluster.configuration()), resource: configMapsResource, namespace: "default")
    }

    private func configMap(_ name: String, _ data: JSONValue = [:]) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": data]
    }

    private func apiError(_ body: () async throws -> Void, file: StaticString = #filePath, line: UInt = #line) async -> KubeAPIError? {
        do {
            try await body()
            XCTFail("no error", file: file, line: line)
            return nil
        } catch let error as KubeAPIError {
            return error
        } catch {
            XCTFail("not a KubeAPIError: \(error)", file: file, line: line)
            return nil
        }
    }

    func testCreateGetUpdateDeleteAConfigMap() async throws {
        let cm = try configMaps(try await startCluster())
        let created = try await cm.create(configMap("settings", ["mode": "a"]))
        XCTAssertNotNil(created.metadataUID)

        var read = try await cm.get("settings")
        XCTAssertEqual(read[path: ["data", "mode"]], "a")
        read[path: ["data", "mode"]] = "b"
        let updated = try await cm.update(read)
        XCTAssertEqual(updated[path: ["data", "mode"]], "b")
        XCTAssertNotEqual(updated.metadataResourceVersion, created.metadataResourceVersion)

        try await cm.delete("settings")
        let gone = try await cm.getIfExists("settings")
        XCTAssertNil(gone)
    }

    func testGettingAMissingObjectIsATypedNotFound() async throws {
        let cm = try configMaps(try await startCluster())
        let error = await apiError { _ = try await cm.get("absent") }
        XCTAssertEqual(error?.isNotFound, true)
        XCTAssertEqual(error?.reason, "NotFound")
        XCTAssertEqual(error?.message, #"configmaps "absent" not found"#)
    }

    func testListAllReadsEveryPageAtOneResourceVersion() async throws {
        let cluster = try await startCluster()
        for i in 0..<5 { try await cluster.createConfigMap("page-\(i)", labels: ["set": "pages"]) }
        let cm = try configMaps(cluster)
        let first = try await cm.list(ListParams(labelSelector: "set=pages", limit: 2))
        XCTAssertEqual(first.items.count, 2)
        XCTAssertNotNil(first.continueToken)

        let all = try await cm.listAll(ListParams(labelSelector: "set=pages"), pageSize: 2)
        XCTAssertEqual(all.items.compactMap(\.metadataName).sorted(), (0..<5).map { "page-\($0)" })
        XCTAssertNil(all.continueToken)
        XCTAssertFalse(all.resourceVersion.isEmpty)
        let whole = try await cm.list(ListParams(labelSelector: "set=pages"))
        XCTAssertEqual(all.resourceVersion, whole.resourceVersion, "the pages were not read at one resourceVersion")
    }

    func testEveryPageCarriesTheFirstPagesResourceVersionAcrossAWrite() async throws {
        let cluster = try await startCluster()
        for i in 0..<5 { try await cluster.createConfigMap("snap-\(i)") }
        let cm = try configMaps(cluster)
        var params = ListParams(limit: 2)
        let first = try await cm.list(params)
        try await cluster.createConfigMap("snap-late")
        var names = first.items.compactMap(\.metadataName)
        params.continueToken = first.continueToken
        while params.continueToken != nil {
            let page = try await cm.list(params)
            XCTAssertEqual(page.resourceVersion, first.resourceVersion, "a page from another resourceVersion")
            names += page.items.compactMap(\.metadataName)
            params.continueToken = page.continueToken
        }
        // The embedded server reads later pages live (its documented simplification), so
        // only what the snapshot had is asserted, not the absence of the late object.
        XCTAssertTrue(Set((0..<5).map { "snap-\($0)" }).isSubset(of: names), "\(names)")
    }

    func testUpdateWithAStaleResourceVersionIsAConflict() async throws {
        let cm = try configMaps(try await startCluster())
        let created = try await cm.create(configMap("contended", ["v": "1"]))
        var newer = created
        newer[path: ["data", "v"]] = "2"
        _ = try await cm.update(newer)

        var stale = created
        stale[path: ["data", "v"]] = "3"
        let error = await apiError { _ = try await cm.update(stale) }
        XCTAssertEqual(error?.isConflict, true, "\(String(describing: error))")
        XCTAssertEqual(error?.code, 409)
    }

    func testServerSideApplyCreatesThenReappliesWithoutChange() async throws {
        let cm = try configMaps(try await startCluster())
        let desired = configMap("applied", ["a": "1"])
        let created = try await cm.apply(desired, fieldManager: "rudder")
        XCTAssertEqual(created[path: ["data", "a"]], "1")
        XCTAssertEqual(created[path: ["metadata", "managedFields"]]?.arrayValue?.first?["manager"], "rudder")

        let again = try await cm.apply(desired, fieldManager: "rudder")
        XCTAssertEqual(again.metadataResourceVersion, created.metadataResourceVersion, "a no-op apply wrote a new version")
    }

    func testServerSideApplyConflictNamesTheOtherManagerAndForceTakesOver() async throws {
        let cm = try configMaps(try await startCluster())
        _ = try await cm.apply(configMap("shared", ["owner": "first"]), fieldManager: "first-manager")

        let error = await apiError { _ = try await cm.apply(configMap("shared", ["owner": "second"]), fieldManager: "second-manager") }
        XCTAssertEqual(error?.isConflict, true, "\(String(describing: error))")
        XCTAssertEqual(error?.causes.map(\.field), [".data.owner"])
        XCTAssertTrue(error?.causes.first?.message.contains(#"conflict with "first-manager""#) ?? false, "\(error?.causes ?? [])")

        let forced = try await cm.apply(configMap("shared", ["owner": "second"]), fieldManager: "second-manager", force: true)
        XCTAssertEqual(forced[path: ["data", "owner"]], "second")
        let managers = forced[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
        XCTAssertEqual(managers, ["second-manager"], "the forced manager owns the field alone")
    }

    func testMergePatchDeletesWithNullAndJSONPatchReplaces() async throws {
        let cm = try configMaps(try await startCluster())
        _ = try await cm.create(configMap("patched", ["keep": "1", "drop": "2"]))
        let merged = try await cm.patch("patched", .merge(["data": ["drop": nil, "added": "3"]]))
        XCTAssertEqual(merged["data"], ["keep": "1", "added": "3"])

        let replaced = try await cm.patch("patched", .json([["op": "replace", "path": "/data/keep", "value": "one"]]))
        XCTAssertEqual(replaced[path: ["data", "keep"]], "one")
    }

    func testStrategicMergePatchMergesContainersByName() async throws {
        let cluster = try await startCluster()
        let deployments = ResourceClient(
            client: try APIClient(configuration: cluster.configuration()), resource: deploymentsResource, namespace: "default")
        _ = try await deployments.create(deployment("web"))
        let patched = try await deployments.patch(
            "web", .strategic(["spec": ["template": ["spec": ["containers": [["name": "sidecar", "image": "busybox"]]]]]]))
        let names = patched[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        XCTAssertEqual(names.map(Set.init), ["web", "sidecar"], "a strategic patch merges the list by name")
    }

    func testStatusIsWrittenThroughItsSubresourceOnly() async throws {
        let cluster = try await startCluster()
        let deployments = ResourceClient(
            client: try APIClient(configuration: cluster.configuration()), resource: deploymentsResource, namespace: "default")
        var object = try await deployments.create(deployment("statusful"))
        object["status"] = ["observedGeneration": 1, "replicas": 1, "readyReplicas": 1]
        object[path: ["spec", "replicas"]] = 5
        let written = try await deployments.updateStatus(object)
        XCTAssertEqual(written[path: ["status", "readyReplicas"]]?.intValue, 1)
        XCTAssertEqual(written[path: ["spec", "replicas"]]?.intValue, 1, "a status write changed the spec")

        var main = written
        main["status"] = ["readyReplicas": 0]
        let afterMain = try await deployments.update(main)
        XCTAssertEqual(afterMain[path: ["status", "readyReplicas"]]?.intValue, 1, "a main-resource write changed the status")
    }

    func testDryRunCreatesNothing() async throws {
        let cm = try configMaps(try await startCluster())
        let answer = try await cm.create(configMap("imaginary"), WriteParams(dryRun: true))
        XCTAssertEqual(answer.metadataName, "imaginary")
        let stored = try await cm.getIfExists("imaginary")
        XCTAssertNil(stored)
    }

    func testDeleteWithAnotherUIDPreconditionIsAConflict() async throws {
        let cm = try configMaps(try await startCluster())
        _ = try await cm.create(configMap("guarded"))
        let error = await apiError { try await cm.delete("guarded", DeleteParams(preconditionUID: "not-its-uid")) }
        XCTAssertEqual(error?.code, 409)
        XCTAssertEqual(error?.isConflict, true)
        let kept = try await cm.getIfExists("guarded")
        XCTAssertNotNil(kept)
    }

    func testDeleteCollectionDeletesWhatTheSelectorMatches() async throws {
        let cluster = try await startCluster()
        try await cluster.createConfigMap("doomed-1", labels: ["fate": "doomed"])
        try await cluster.createConfigMap("doomed-2", labels: ["fate": "doomed"])
        try await cluster.createConfigMap("spared", labels: ["fate": "spared"])
        let cm = try configMaps(cluster)
        try await cm.deleteCollection(ListParams(labelSelector: "fate=doomed"))
        let left = try await cm.list().items.compactMap(\.metadataName)
        XCTAssertTrue(left.contains("spared"))
        XCTAssertFalse(left.contains { $0.hasPrefix("doomed") })
    }

    private func deployment(_ name: String) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
            "spec": [
                "replicas": 1,
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "web", "image": "nginx"]]],
                ],
            ],
        ]
    }
}
