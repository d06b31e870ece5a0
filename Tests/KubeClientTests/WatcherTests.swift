import EmbeddedAPIServer
import KubeClient
import KubeObjects
import XCTest

/// The watcher against the embedded server's own list/watch semantics: resumes across
/// dropped streams without losing or repeating events, relists after 410, and a cache fed
/// by it ends identical to the server.
final class WatcherTests: XCTestCase {
    private func setUp(historyLimit: Int = 10_000) async throws -> (Cluster, ResourceRules, Watcher, ClusterListWatchSource) {
        let cluster = Cluster(store: ObjectStore(historyLimit: historyLimit))
        let namespaces = await cluster.rules(group: "", version: "v1", plural: "namespaces")!
        _ = try await cluster.create(namespaces, namespace: nil, object: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "w"]], options: WriteOptions())
        let rules = await cluster.rules(group: "", version: "v1", plural: "configmaps")!
        let source = ClusterListWatchSource(cluster: cluster, rules: rules, namespace: "w")
        var watcher = Watcher(source: source)
        watcher.pageSize = 7
        watcher.backoff = Backoff(initial: .milliseconds(5), maximum: .milliseconds(20))
        return (cluster, rules, watcher, source)
    }

    private static func put(_ cluster: Cluster, _ rules: ResourceRules, _ name: String, _ value: String) async throws {
        let body = Array(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)"},"data":{"v":"\#(value)"}}"#.utf8)
        var options = WriteOptions()
        options.fieldManager = "test"
        options.force = true
        _ = try await cluster.patch(rules, namespace: "w", name: name, subresource: nil, type: .apply, body: body, options: options)
    }

    /// 60 changes of one object, dropping every open watch now and then.
    private static func writeDroppingWatches(_ cluster: Cluster, _ rules: ResourceRules) -> Task<Void, Error> {
        Task {
            for i in 0..<60 {
                try await put(cluster, rules, "cm", String(i))
                if i % 10 == 5 { await cluster.store.dropAllWatches() }
            }
        }
    }

    /// Consumes events into a cache until `until` holds for it.
    private func drive(_ events: AsyncStream<WatcherEvent>, into cache: ObjectCache, log: EventLog? = nil,
                       until: @escaping @Sendable (ObjectCache) async -> Bool) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await e in events {
                    await log?.add(e)
                    await cache.apply(e)
                    if await until(cache) { return }
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                throw CancellationError()
            }
            try await group.next()
            group.cancelAll()
        }
    }

    actor EventLog {
        var applied: [String] = []
        var restarts = 0
        func add(_ e: WatcherEvent) {
            switch e {
            case .applied(let o): applied.append("\(o.metadataName ?? "")=\(o[path: ["data", "v"]]?.stringValue ?? "")")
            case .restarted: restarts += 1
            default: break
            }
        }
    }

    private func serverState(_ cluster: Cluster) async -> [String: String] {
        var out: [String: String] = [:]
        for (k, o) in await cluster.store.list(GroupResource(group: "", resource: "configmaps"), namespace: "w").items {
            out[k.name] = o[path: ["data", "v"]]?.stringValue
        }
        return out
    }

    private static func state(_ cache: ObjectCache) async -> [String: String] {
        var out: [String: String] = [:]
        for o in await cache.list() { out[o.metadataName ?? ""] = o[path: ["data", "v"]]?.stringValue }
        return out
    }

    func testAFirstListArrivesInPagesAsOneRestart() async throws {
        let (cluster, rules, watcher, _) = try await setUp()
        for i in 0..<20 { try await Self.put(cluster, rules, "cm\(i)", "0") }
        let cache = ObjectCache()
        let log = EventLog()
        try await drive(watcher.events(), into: cache, log: log) { await $0.count == 20 }
        let restarts = await log.restarts
        XCTAssertEqual(restarts, 1)
    }

    func testDroppedStreamsResumeWithEveryChangeOnceAndInOrder() async throws {
        let (cluster, rules, watcher, _) = try await setUp()
        let cache = ObjectCache()
        let log = EventLog()
        let events = watcher.events()
        try await drive(events, into: cache, log: log) { await $0.hasSynced }
        let writer = Self.writeDroppingWatches(cluster, rules)
        try await drive(events, into: cache, log: log) { await $0.get(ObjectRef(namespace: "w", name: "cm"))?[path: ["data", "v"]] == "59" }
        try await writer.value
        let applied = await log.applied
        XCTAssertEqual(applied, (0..<60).map { "cm=\($0)" }, "every change once, in order")
        let restarts = await log.restarts
        XCTAssertEqual(restarts, 1, "a dropped stream resumes; it does not relist")
    }

    func testAnExpiredVersionRelistsAndTheCacheConvergesIncludingDeletions() async throws {
        let (cluster, rules, watcher, source) = try await setUp(historyLimit: 5)
        for i in 0..<10 { try await Self.put(cluster, rules, "keep\(i)", "a") }
        let cache = ObjectCache()
        let log = EventLog()
        let events = watcher.events()
        try await drive(events, into: cache, log: log) { await $0.count == 10 }
        // While no stream is open, far more changes than the history keeps: deletions too.
        await source.gate.close()
        await cluster.store.dropAllWatches()
        for i in 0..<5 { _ = try await cluster.delete(rules, namespace: "w", name: "keep\(i)", options: DeleteOptions()) }
        for i in 0..<1000 { try await Self.put(cluster, rules, "new\(i % 50)", String(i)) }
        await cluster.store.compact()
        await source.gate.open()
        let expected = await serverState(cluster)
        try await drive(events, into: cache, log: log) { await Self.state($0) == expected }
        let state = await Self.state(cache)
        XCTAssertEqual(state, expected)
        XCTAssertNil(state["keep0"], "an object deleted during the gap is gone from the cache")
        let restarts = await log.restarts
        XCTAssertGreaterThanOrEqual(restarts, 2)
    }
}
