import EmbeddedAPIServer
import KubeObjects
import XCTest

/// Watches as client-go reflectors, kubectl and the Python client use them.
final class ClusterWatchTests: XCTestCase {
    func watch(_ t: TestCluster, _ configure: (inout ListOptions) async throws -> Void = { _ in }) async throws -> StreamRecorder<WatchFrame> {
        var o = ListOptions()
        o.watch = true
        try await configure(&o)
        return await StreamRecorder.start(try await t.cluster.watch(t.configmaps, namespace: "ns", options: o))
    }

    func rv(_ object: JSONValue) -> String { object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "" }

    func testAWatchFromAResourceVersionReplaysEveryLaterChangeInOrder() async throws {
        let t = try await TestCluster()
        let a = try await t.configMap("a")
        try await t.configMap("b")
        _ = try await t.patch(t.configmaps, "a", .merge, ["data": ["k": "2"]])
        _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "b", options: DeleteOptions())
        let events = try await watch(t) { $0.resourceVersion = self.rv(a) }
        let frames = await events.wait(count: 3)
        XCTAssertEqual(frames.types, ["ADDED", "MODIFIED", "DELETED"])
        XCTAssertEqual(frames.names, ["b", "a", "b"])
        let versions = frames.compactMap { UInt64(self.rv($0.object)) }
        XCTAssertEqual(versions, versions.sorted())
        XCTAssertTrue(versions.allSatisfy { $0 > UInt64(self.rv(a))! })
        await events.stop()
    }

    func testAWatchWithoutResourceVersionStartsWithSyntheticADDEDThenLiveEvents() async throws {
        for start in [nil, "0"] as [String?] {
            let t = try await TestCluster()
            try await t.configMap("a")
            try await t.configMap("b")
            let events = try await watch(t) { $0.resourceVersion = start }
            try await t.configMap("c")
            let frames = await events.wait(count: 3)
            XCTAssertEqual(frames.types, ["ADDED", "ADDED", "ADDED"], "rv \(start ?? "absent")")
            XCTAssertEqual(frames.names, ["a", "b", "c"])
            await events.stop()
        }
    }

    func testWatchListSendsADDEDThenAnInitialEventsEndBookmarkThenChanges() async throws {
        let t = try await TestCluster()
        try await t.configMap("a")
        try await t.configMap("b")
        let current = await t.store.resourceVersion
        let events = try await watch(t) {
            $0.sendInitialEvents = true
            $0.resourceVersionMatch = "NotOlderThan"
            $0.allowWatchBookmarks = true
        }
        let initial = await events.wait(count: 3)
        XCTAssertEqual(initial.types, ["ADDED", "ADDED", "BOOKMARK"])
        let bookmark = try XCTUnwrap(initial.last?.object)
        XCTAssertEqual(bookmark["kind"], "ConfigMap")
        XCTAssertEqual(bookmark["apiVersion"], "v1")
        XCTAssertEqual(bookmark[path: ["metadata", "annotations", "k8s.io/initial-events-end"]], "true")
        XCTAssertEqual(bookmark[path: ["metadata", "resourceVersion"]], .string(String(current)))
        try await t.configMap("c")
        let all = await events.wait(count: 4)
        XCTAssertEqual(all.last?.type, "ADDED")
        XCTAssertEqual(all.last?.object.metadataName, "c")
        await events.stop()
    }

    func testWatchListWithoutNotOlderThanIs422() async throws {
        let t = try await TestCluster()
        var o = ListOptions()
        o.sendInitialEvents = true
        o.allowWatchBookmarks = true
        let e = await expectAPIError { _ = try await t.cluster.watch(t.configmaps, namespace: "ns", options: o) }
        XCTAssertEqual(e?.code, 422)
        XCTAssertEqual(e?.reason, "Invalid")
        XCTAssertEqual(e?.details?["causes"]?.arrayValue?.first?["field"], "resourceVersionMatch")
    }

    func testAWatchFromAnExpiredResourceVersionGetsOneERROR410AndEnds() async throws {
        let t = try await TestCluster(store: ObjectStore(historyLimit: 2))
        let a = try await t.configMap("a")
        for name in ["b", "c", "d", "e"] { try await t.configMap(name) }
        let events = try await watch(t) { $0.resourceVersion = self.rv(a) }
        let ended = await events.waitFinished()
        XCTAssertTrue(ended)
        let frames = await events.items
        XCTAssertEqual(frames.types, ["ERROR"])
        let status = try XCTUnwrap(frames.first?.object)
        XCTAssertEqual(status["kind"], "Status")
        XCTAssertEqual(status["code"], 410)
        XCTAssertEqual(status["reason"], "Expired")
        XCTAssertTrue(status["message"]?.stringValue?.hasPrefix("too old resource version: \(rv(a))") == true)
    }

    func testAnObjectLeavingTheLabelSelectionIsDELETEDAndOneEnteringItIsADDED() async throws {
        let t = try await TestCluster()
        try await t.configMap("a", labels: ["app": "x"])
        try await t.configMap("b", labels: ["app": "y"])
        let events = try await watch(t) {
            $0.labelSelector = try LabelSelector(parsing: "app=x")
            $0.resourceVersion = String(await t.store.resourceVersion)
        }
        _ = try await t.patch(t.configmaps, "a", .merge, ["metadata": ["labels": ["app": "y"]]])
        _ = try await t.patch(t.configmaps, "b", .merge, ["metadata": ["labels": ["app": "x"]]])
        _ = try await t.patch(t.configmaps, "b", .merge, ["data": ["k": "2"]])
        try await t.configMap("ignored", labels: ["app": "z"])
        try await t.configMap("marker", labels: ["app": "x"])
        let frames = await events.wait(count: 4)
        XCTAssertEqual(frames.types, ["DELETED", "ADDED", "MODIFIED", "ADDED"])
        XCTAssertEqual(frames.names, ["a", "b", "b", "marker"])
        await events.stop()
    }

    func testAFieldSelectorOnTheNameFiltersEvents() async throws {
        let t = try await TestCluster()
        let events = try await watch(t) {
            $0.fieldSelector = try FieldSelector(parsing: "metadata.name=wanted")
            $0.resourceVersion = String(await t.store.resourceVersion)
        }
        try await t.configMap("other")
        try await t.configMap("wanted")
        let frames = await events.wait(count: 1)
        XCTAssertEqual(frames.names, ["wanted"])
        await events.stop()
    }

    func testBookmarksReachOnlyWatchesThatAllowThem() async throws {
        let t = try await TestCluster()
        let start = String(await t.store.resourceVersion)
        let with = try await watch(t) {
            $0.allowWatchBookmarks = true
            $0.resourceVersion = start
        }
        let without = try await watch(t) { $0.resourceVersion = start }
        await t.store.bookmarkAll()
        try await t.configMap("marker")
        let withFrames = await with.wait(count: 2)
        let withoutFrames = await without.wait(count: 1)
        XCTAssertEqual(withFrames.types, ["BOOKMARK", "ADDED"])
        XCTAssertNil(withFrames.first?.object[path: ["metadata", "annotations"]])
        XCTAssertEqual(withFrames.first?.object["kind"], "ConfigMap")
        XCTAssertEqual(withoutFrames.types, ["ADDED"])
        await with.stop()
        await without.stop()
    }

    func testANamespacedWatchSeesOnlyItsNamespace() async throws {
        let t = try await TestCluster()
        try await t.create(t.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "other"]], namespace: nil)
        let events = try await watch(t) { $0.resourceVersion = String(await t.store.resourceVersion) }
        try await t.configMap("elsewhere", namespace: "other")
        try await t.configMap("here")
        let frames = await events.wait(count: 1)
        XCTAssertEqual(frames.names, ["here"])
        await events.stop()
    }
}
