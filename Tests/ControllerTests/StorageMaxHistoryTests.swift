import Charts
import Controller
import Foundation
import Values
import XCTest

/// `maxHistory` pruning as Helm's `Storage.Create` does it: room is made for the new
/// revision by deleting the oldest, never the newest deployed one; Helm agrees on what
/// is left.
final class StorageMaxHistoryTests: StorageTestCase {
    static let chart: ReleaseChart = {
        var metadata = ChartMetadata()
        metadata.apiVersion = "v2"
        metadata.name = "demo"
        metadata.version = "0.1.0"
        return ReleaseChart(metadata: metadata)
    }()

    func release(_ version: Int, _ status: Release.Status) -> Release {
        Release(
            name: "demo", namespace: "default", version: version,
            info: Release.Info(firstDeployed: GoTime(seconds: 1_790_000_000), lastDeployed: GoTime(seconds: 1_790_000_000 + Int64(version)),
                description: "revision \(version)", status: status),
            chart: Self.chart, config: ["v": .int(version)])
    }

    func testCreatingWithMaxHistoryKeepsTheNewestRevisions() async throws {
        let cluster = try await startCluster()
        let store = cluster.store()
        for v in 1...4 { try await store.create(release(v, .superseded)) }
        try await store.create(release(5, .deployed))
        try await store.create(release(6, .pendingUpgrade), maxHistory: 3)
        let history = try await store.history("demo")
        XCTAssertEqual(history.map(\.version), [4, 5, 6])
        let results = succeeded(try await cluster.helm([["action": "history", "name": "demo"]]))
        XCTAssertEqual((results[0] as? [[String: Any]])?.map { $0["revision"] as? Int }, [4, 5, 6])
    }

    func testCreatingWithTheHistoryAlreadyReadPrunesTheSameAndSaysWhatItDeleted() async throws {
        let cluster = try await startCluster()
        let store = cluster.store()
        for v in 1...4 { try await store.create(release(v, .superseded)) }
        try await store.create(release(5, .deployed))
        let read = try await store.history("demo")
        let pruned = try await store.create(release(6, .pendingUpgrade), maxHistory: 3, stored: read)
        XCTAssertEqual(pruned, [1, 2, 3])
        let history = try await store.history("demo")
        XCTAssertEqual(history.map(\.version), [4, 5, 6])
    }

    func testPruningNeverDeletesTheLastDeployedRevision() async throws {
        let cluster = try await startCluster()
        let store = cluster.store()
        try await store.create(release(1, .deployed))
        for v in 2...5 { try await store.create(release(v, .failed)) }
        try await store.create(release(6, .pendingUpgrade), maxHistory: 2)
        let history = try await store.history("demo")
        XCTAssertEqual(history.map(\.version), [1, 6])
    }

    func testPruneReportsWhatItDeletedAndLeavesAShortHistoryAlone() async throws {
        let cluster = try await startCluster()
        let store = cluster.store(.configMap)
        for v in 1...3 { try await store.create(release(v, v == 3 ? .deployed : .superseded)) }
        let none = try await store.prune("demo", maxHistory: 3)
        XCTAssertEqual(none, [])
        let deleted = try await store.prune("demo", maxHistory: 1)
        XCTAssertEqual(deleted, [1, 2])
        let history = try await store.history("demo")
        XCTAssertEqual(history.map(\.version), [3])
    }

    func testOurPruningMatchesHelmsOnTheSameHistory() async throws {
        let cluster = try await startCluster()
        let store = cluster.store()
        let chart = try cluster.writeChart()
        // Helm's own pruning on an upgrade with max_history 3 over our 4 records...
        for v in 1...3 { try await store.create(release(v, .superseded)) }
        var fourth = try makeRelease(
            chartPath: chart, version: 4, status: .deployed, config: [:], description: "Upgrade complete",
            firstDeployed: GoTime(seconds: 1_790_000_000))
        fourth.info.status = .deployed
        try await store.create(fourth)
        succeeded(try await cluster.helm([["action": "upgrade", "chart": chart, "name": "demo", "max_history": 3]]))
        let helmKept = try await store.history("demo").map(\.version)
        XCTAssertEqual(helmKept, [3, 4, 5])
        // ...and ours on the next revision, with the same limit.
        var sixth = try await store.get("demo", version: 5)
        sixth.version = 6
        try await store.create(sixth, maxHistory: 3)
        let ourKept = try await store.history("demo").map(\.version)
        XCTAssertEqual(ourKept, [4, 5, 6])
    }
}
