import KubeClient
import KubeObjects
import XCTest

final class ObjectCacheTests: XCTestCase {
    private func cm(_ ns: String, _ name: String, rv: String = "1", owner: String? = nil) -> JSONValue {
        var o: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap",
                            "metadata": ["namespace": .string(ns), "name": .string(name), "resourceVersion": .string(rv)]]
        if let owner { o[path: ["metadata", "ownerReferences"]] = [["uid": .string(owner)]] }
        return o
    }

    private static let byOwner: [String: ObjectCache.IndexFunction] = [
        "owner": { o in (o[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue } },
    ]

    func testARestartReplacesEverythingAndReportsWhatChanged() async {
        let cache = ObjectCache()
        await cache.apply(.restarted([cm("a", "x"), cm("a", "gone")], resourceVersion: "5"))
        let touched = await cache.apply(.restarted([cm("a", "x"), cm("b", "new", rv: "7")], resourceVersion: "9"))
        XCTAssertEqual(touched, [ObjectRef(namespace: "a", name: "gone"), ObjectRef(namespace: "b", name: "new")])
        let names = await cache.list().compactMap(\.metadataName)
        XCTAssertEqual(names, ["x", "new"])
        let rv = await cache.resourceVersion
        XCTAssertEqual(rv, "9")
        let synced = await cache.hasSynced
        XCTAssertTrue(synced)
    }

    func testEventsKeepTheNamespaceAndCustomIndexesCurrent() async {
        let cache = ObjectCache(indexes: Self.byOwner)
        await cache.apply(.restarted([], resourceVersion: "1"))
        await cache.apply(.applied(cm("a", "x", rv: "2", owner: "u1")))
        await cache.apply(.applied(cm("b", "y", rv: "3", owner: "u1")))
        var owned = await cache.byIndex("owner", "u1")
        XCTAssertEqual(owned, [ObjectRef(namespace: "a", name: "x"), ObjectRef(namespace: "b", name: "y")])
        await cache.apply(.applied(cm("a", "x", rv: "4", owner: "u2")))
        owned = await cache.byIndex("owner", "u1")
        XCTAssertEqual(owned, [ObjectRef(namespace: "b", name: "y")])
        await cache.apply(.deleted(cm("b", "y", rv: "5", owner: "u1")))
        owned = await cache.byIndex("owner", "u1")
        XCTAssertEqual(owned, [])
        let inA = await cache.list(namespace: "a").compactMap(\.metadataName)
        XCTAssertEqual(inA, ["x"])
        let rv = await cache.resourceVersion
        XCTAssertEqual(rv, "5")
    }

    func testABookmarkMovesTheResumePointOnly() async {
        let cache = ObjectCache()
        await cache.apply(.restarted([cm("a", "x")], resourceVersion: "3"))
        let touched = await cache.apply(.bookmark(resourceVersion: "40"))
        XCTAssertEqual(touched, [])
        let rv = await cache.resourceVersion
        XCTAssertEqual(rv, "40")
        let count = await cache.count
        XCTAssertEqual(count, 1)
    }

    func testObjectsWithoutANameAreIgnored() async {
        let cache = ObjectCache()
        let touched = await cache.apply(.applied(["metadata": ["namespace": "a"]]))
        XCTAssertEqual(touched, [])
        let count = await cache.count
        XCTAssertEqual(count, 0)
    }
}

/// What the reflector passes on: the changes a cache saw, with objects.
final class ObjectCacheChangeTests: XCTestCase {
    private func cm(_ name: String, _ v: String) -> JSONValue {
        ["metadata": ["namespace": "a", "name": .string(name), "resourceVersion": "1"], "data": ["v": .string(v)]]
    }

    func testARestartReportsVanishedObjectsAsDeletionsWithTheirLastState() async {
        let cache = ObjectCache()
        _ = await cache.record(.restarted([cm("kept", "1"), cm("changed", "1"), cm("gone", "last")], resourceVersion: "5"))
        let changes = await cache.record(.restarted([cm("kept", "1"), cm("changed", "2"), cm("new", "1")], resourceVersion: "9"))
        XCTAssertEqual(changes, [.applied(cm("changed", "2")), .deleted(cm("gone", "last")), .applied(cm("new", "1"))])
    }

    func testWaitForSyncReturnsOnceTheFirstListArrives() async throws {
        let cache = ObjectCache()
        let waiter = Task { try await cache.waitForSync() }
        _ = await cache.record(.restarted([], resourceVersion: "1"))
        try await waiter.value
        let synced = await cache.hasSynced
        XCTAssertTrue(synced)
    }

    func testWaitForSyncThrowsWhenCancelled() async {
        let cache = ObjectCache()
        let waiter = Task { try await cache.waitForSync() }
        waiter.cancel()
        do {
            try await waiter.value
            XCTFail("a cancelled wait must throw")
        } catch {
            XCTAssertTrue(error is CancellationError)
        }
    }
}
