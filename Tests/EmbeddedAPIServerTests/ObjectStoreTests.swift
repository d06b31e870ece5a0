import EmbeddedAPIServer
import KubeObjects
import XCTest

final class ObjectStoreTests: XCTestCase {
    let configmaps = GroupResource(group: "", resource: "configmaps")

    static func object(_ name: String, _ data: String = "1") -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "ns"], "data": ["a": .string(data)]]
    }

    func testEveryWriteTakesTheNextGlobalResourceVersion() async throws {
        let store = ObjectStore()
        let a = try await store.mutate(configmaps, ObjectKey(namespace: "ns", name: "a")) { _ in Self.object("a") }
        let b = try await store.mutate(configmaps, ObjectKey(namespace: "ns", name: "b")) { _ in Self.object("b") }
        XCTAssertEqual(a.object?[path: ["metadata", "resourceVersion"]], "2")
        XCTAssertEqual(b.object?[path: ["metadata", "resourceVersion"]], "3")
        let unchanged = try await store.mutate(configmaps, ObjectKey(namespace: "ns", name: "b")) { $0 }
        XCTAssertFalse(unchanged.changed)
        let rv = await store.resourceVersion
        XCTAssertEqual(rv, 3, "a write that changes nothing does not bump the counter")
    }

    func testWatchResumesAfterAResourceVersionAndExpiresBeyondHistory() async throws {
        let store = ObjectStore(historyLimit: 2)
        for name in ["a", "b", "c"] {
            try await store.mutate(configmaps, ObjectKey(namespace: "ns", name: name)) { _ in Self.object(name) }
        }
        // rv 2, 3, 4 written; history keeps 3 and 4, so a client at rv 2 can still resume.
        let resumed = try await store.watch(configmaps, namespace: nil, from: 2)
        XCTAssertEqual(resumed.initial.map(\.key.name), ["b", "c"])
        do {
            _ = try await store.watch(configmaps, namespace: nil, from: 1)
            XCTFail("a resourceVersion older than the history must expire")
        } catch let e as StoreError {
            XCTAssertEqual(e, .expired(requested: 1, oldest: 2))
        }
    }

    func testLiveEventsReachWatchersOfThatResourceAndNamespaceOnly() async throws {
        let store = ObjectStore()
        let sub = try await store.watch(configmaps, namespace: "ns", from: nil)
        XCTAssertTrue(sub.initial.isEmpty)
        try await store.mutate(configmaps, ObjectKey(namespace: "other", name: "x")) { _ in Self.object("x") }
        try await store.mutate(configmaps, ObjectKey(namespace: "ns", name: "a")) { _ in Self.object("a") }
        try await store.mutate(configmaps, ObjectKey(namespace: "ns", name: "a")) { _ in Self.object("a", "2") }
        try await store.mutate(configmaps, ObjectKey(namespace: "ns", name: "a")) { _ in nil }
        var seen: [String] = []
        for await e in sub.events {
            seen.append("\(e.kind.rawValue) \(e.key.name) \(e.resourceVersion)")
            if seen.count == 3 { break }
        }
        XCTAssertEqual(seen, ["ADDED a 3", "MODIFIED a 4", "DELETED a 5"])
    }

    func testDroppingWatchesEndsTheirStreams() async throws {
        let store = ObjectStore()
        let sub = try await store.watch(configmaps, namespace: nil, from: nil)
        await store.dropAllWatches()
        var count = 0
        for await _ in sub.events { count += 1 }
        XCTAssertEqual(count, 0)
        let open = await store.watcherCount
        XCTAssertEqual(open, 0)
    }
}
