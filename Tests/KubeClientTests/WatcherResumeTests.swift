import EmbeddedAPIServer
import KubeClient
import KubeObjects
import XCTest

/// The watcher over real HTTP against the embedded server while the server drops every
/// watch again and again: it resumes from the last resourceVersion it saw, so the changes
/// arrive each exactly once, in the server's order, and it never needs to relist.
final class WatcherResumeTests: TransportTestCase {
    /// What a change looks like from either side: kind, name, value, resourceVersion.
    struct Change: Equatable, CustomStringConvertible {
        var type: String
        var name: String
        var value: String
        var resourceVersion: Int

        init(_ type: String, _ object: JSONValue) {
            self.type = type
            name = object.metadataName ?? ""
            value = object[path: ["data", "v"]]?.stringValue ?? ""
            resourceVersion = object.metadataResourceVersion.flatMap { Int($0) } ?? -1
        }

        var description: String { "\(type) \(name)=\(value)@\(resourceVersion)" }
    }

    func testForcedDisconnectsResumeAndDeliverEveryChangeOnceInOrder() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        for i in 0..<5 { try await writer.put("seed\(i)", "0") }
        let source = GatedListWatch(try configMaps(server))
        let events = Recorder<WatcherEvent>()
        record(quickWatcher(source).events(), into: events)
        let listed = await eventually { await events.count >= 1 }
        XCTAssertTrue(listed)
        let watching = await eventually { await source.state.openStreams == 1 }
        XCTAssertTrue(watching)

        // Creates, updates and deletes over ten names, every open watch dropped each 15 changes.
        var expected: [Change] = []
        for i in 0..<240 {
            let name = "cm\(i % 10)"
            if i % 7 == 3, await writer.state()[name] != nil {
                expected.append(Change("deleted", try await writer.delete(name)))
            } else {
                expected.append(Change("applied", try await writer.put(name, String(i))))
            }
            if i % 15 == 14 { await server.server.cluster.store.dropAllWatches() }
        }
        let last = expected.last!.resourceVersion
        let caughtUp = await eventually {
            await events.items.contains { if case .applied(let o) = $0 { return Change("", o).resourceVersion == last }; if case .deleted(let o) = $0 { return Change("", o).resourceVersion == last }; return false }
        }
        XCTAssertTrue(caughtUp, "the last change must arrive")

        var seen: [Change] = []
        var restarts = 0
        for e in await events.items {
            switch e {
            case .restarted: restarts += 1
            case .applied(let o): seen.append(Change("applied", o))
            case .deleted(let o): seen.append(Change("deleted", o))
            case .bookmark: break
            }
        }
        let versions = seen.map(\.resourceVersion)
        XCTAssertEqual(versions, versions.sorted(), "in order")
        XCTAssertEqual(Set(versions).count, versions.count, "no duplicates")
        XCTAssertEqual(seen, expected, "exactly the writer's changes")
        XCTAssertEqual(restarts, 1, "a dropped stream resumes; it never relists")
        let opened = await source.state.watchesOpened
        XCTAssertGreaterThanOrEqual(opened, 2, "the stream must really have been dropped and reopened")
        let lists = await source.state.lists
        XCTAssertEqual(lists, 1)
    }
}
