import EmbeddedAPIServer
import KubeClient
import KubeObjects
import XCTest

/// The reflector over real HTTP when its watch is gone for a while and the server changes
/// meanwhile: after a 410, a restart or an outage it relists, its cache ends equal to the
/// server's objects, and objects deleted during the gap are reported as deletions.
///
/// Each gap is made certain rather than raced: new watches wait at a gate while a server
/// fault cuts the stream; the test changes the server only once the client's stream has
/// really ended, then opens the gate.
final class ReflectorConvergenceTests: TransportTestCase {
    private struct Fixture {
        let server: TestCluster
        let writer: ConfigMapWriter
        let client: ResourceClient
        let source: GatedListWatch
        let reflector: Reflector
        let changes: Recorder<ObjectChange>
    }

    private func start(seed: Int, _ configure: (inout APIServer.Configuration) -> Void = { _ in }) async throws -> Fixture {
        let server = try await startCluster { configure(&$0) }
        let writer = await ConfigMapWriter(server)
        for i in 0..<seed { try await writer.put("seed\(i)", "0") }
        let client = try configMaps(server)
        let source = GatedListWatch(client)
        let reflector = Reflector(quickWatcher(source))
        let changes = Recorder<ObjectChange>()
        record(reflector.changes(), into: changes)
        let synced = await eventually { await reflector.hasSynced }
        XCTAssertTrue(synced, "the first list must arrive")
        let watching = await eventually { await source.state.openStreams == 1 }
        XCTAssertTrue(watching, "the watch must be open before the gap")
        let initial = await eventually { await changes.count == seed }
        XCTAssertTrue(initial, "the first list reports every object once")
        return Fixture(server: server, writer: writer, client: client, source: source, reflector: reflector, changes: changes)
    }

    /// Holds new watches and cuts the current one with `fault`; returns once it has ended.
    private func cut(_ f: Fixture, _ fault: () async -> Void) async {
        await f.source.state.close()
        await fault()
        let ended = await eventually { await f.source.state.openStreams == 0 }
        XCTAssertTrue(ended, "the fault must end the client's stream")
    }

    /// Deletes seed0…seed4, updates seed5…seed9, creates new0…new4; the deleted names.
    private func changeDuringGap(_ f: Fixture) async throws -> Set<String> {
        let deleted = (0..<5).map { "seed\($0)" }
        for name in deleted { try await f.writer.delete(name) }
        for i in 5..<10 { try await f.writer.put("seed\(i)", "changed") }
        for i in 0..<5 { try await f.writer.put("new\(i)", "1") }
        return Set(deleted)
    }

    private static func state(_ cache: ObjectCache) async -> [String: String] {
        var out: [String: String] = [:]
        for o in await cache.list() { out[o.metadataName ?? ""] = o[path: ["data", "v"]]?.stringValue ?? "" }
        return out
    }

    /// Waits for the cache to match the server, then checks it object for object against
    /// a fresh list over HTTP.
    private func assertConverged(_ f: Fixture, file: StaticString = #filePath, line: UInt = #line) async throws {
        let expected = await f.writer.state()
        let converged = await eventually(timeout: .seconds(60)) { await Self.state(f.reflector.cache) == expected }
        XCTAssertTrue(converged, "the cache must converge to the server's objects", file: file, line: line)
        let fresh = try await ConfigMapWriter.freshList(f.client)
        var cached: [String: JSONValue] = [:]
        for o in await f.reflector.cache.list() { cached[o.metadataName ?? ""] = o }
        XCTAssertEqual(cached.keys.sorted(), fresh.keys.sorted(), file: file, line: line)
        for (name, object) in fresh where cached[name] != object {
            XCTFail("\(name) differs from a fresh list", file: file, line: line)
        }
    }

    /// Every deletion the reflector reported: name and the value it carried.
    private func deletionsReported(_ f: Fixture) async -> [(name: String, value: String)] {
        var out: [(String, String)] = []
        for case .deleted(let o) in await f.changes.items { out.append((o.metadataName ?? "", o[path: ["data", "v"]]?.stringValue ?? "")) }
        return out
    }

    func testAfterA410TheReflectorRelistsAndReportsObjectsDeletedInTheGap() async throws {
        let f = try await start(seed: 20)
        await cut(f) { await f.server.server.cluster.store.dropAllWatches() }
        let deleted = try await changeDuringGap(f)
        await f.server.server.cluster.store.compact()
        await f.source.state.open()

        try await assertConverged(f)
        let lists = await f.source.state.lists
        XCTAssertEqual(lists, 2, "an expired resume relists once")
        let reported = await deletionsReported(f)
        XCTAssertEqual(reported.map(\.name).sorted(), deleted.sorted(), "exactly the objects deleted in the gap, each once")
        XCTAssertEqual(Set(reported.map(\.value)), ["0"], "a deletion carries the last state the cache had")
    }

    func testAfterAServerRestartTheReflectorRelistsAndConverges() async throws {
        let f = try await start(seed: 20)
        // A restarted kube-apiserver's watch cache no longer reaches back to the client's
        // version: the restart, and the history gone with it.
        await cut(f) { await f.server.server.faults.restart() }
        let deleted = try await changeDuringGap(f)
        await f.server.server.cluster.store.compact()
        await f.source.state.open()

        try await assertConverged(f)
        let lists = await f.source.state.lists
        XCTAssertEqual(lists, 2, "the resume after the restart is expired, so it relists")
        let reported = await deletionsReported(f)
        XCTAssertEqual(reported.map(\.name).sorted(), deleted.sorted())
    }

    func testAThousandChangesDuringAnOutageEndWithTheCacheEqualToAFreshList() async throws {
        // The history keeps fewer changes than the gap makes, so the resume is expired
        // with no help from the test, and the relist comes in pages.
        let f = try await start(seed: 400) { $0.historyLimit = 500 }
        await cut(f) { await f.server.server.faults.refuseConnections(for: .seconds(1)) }
        var deleted: Set<String> = []
        for i in 0..<1000 {
            switch i % 5 {
            case 0, 1: try await f.writer.put("seed\(i % 400)", "u\(i)")
            case 2:
                let name = "seed\((i * 7) % 400)"
                if await f.writer.state()[name] != nil {
                    try await f.writer.delete(name)
                    deleted.insert(name)
                } else {
                    try await f.writer.put(name, "back\(i)")
                    deleted.remove(name)
                }
            default: try await f.writer.put("new\(i % 300)", "c\(i)")
            }
        }
        await f.source.state.open()

        try await assertConverged(f)
        let lists = await f.source.state.lists
        XCTAssertEqual(lists, 2)
        let reported = await deletionsReported(f)
        XCTAssertEqual(reported.map(\.name).sorted(), deleted.sorted(), "every object gone after the gap, once")
        XCTAssertFalse(deleted.isEmpty)
    }
}
