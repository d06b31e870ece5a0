import Charts
import Controller
import Foundation
import KubeClient
import Values
import XCTest

/// Records Helm writes (install and upgrade with helm-python-sdk) are read by our store,
/// and their chart loads back into a `Chart` that our renderer renders to the manifest
/// Helm stored: what adopting a Helm release, and rolling back to one of its revisions,
/// rest on.
final class StorageReadsHelmRecordsTests: StorageTestCase {
    func installAndUpgradeWithHelm(_ cluster: StorageCluster, driver: String = "secret") async throws {
        let chart = try cluster.writeChart()
        succeeded(
            try await cluster.helm(
                [
                    ["action": "install", "chart": chart, "name": "demo", "values": ["data": ["b": "2"]]],
                    ["action": "upgrade", "chart": chart, "name": "demo", "values": ["data": ["c": "<3&>"], "replicas": 4]],
                ], driver: driver))
    }

    func testOurStoreReadsHelmsHistory() async throws {
        let cluster = try await startCluster()
        try await installAndUpgradeWithHelm(cluster)
        let store = cluster.store()
        let history = try await store.history("demo")
        XCTAssertEqual(history.map(\.version), [1, 2])
        XCTAssertEqual(history.map(\.info.status), [.superseded, .deployed])
        XCTAssertEqual(history.map(\.info.description), ["Install complete", "Upgrade complete"])
        XCTAssertEqual(history[1].config, ["data": ["c": "<3&>"], "replicas": 4.0])
        XCTAssertEqual(history[1].applyMethod, .serverSide)
        XCTAssertEqual(history[1].namespace, "default")
        XCTAssertEqual(history[1].info.notes, "Installed demo revision 2\n")
        XCTAssertNotNil(history[0].info.firstDeployed)
        XCTAssertEqual(history[0].info.firstDeployed, history[1].info.firstDeployed)
        let deployed = try await store.deployed("demo")
        XCTAssertEqual(deployed?.version, 2)
        let latest = try await store.latest("demo")
        XCTAssertEqual(latest?.version, 2)
        let first = try await store.get("demo", version: 1)
        XCTAssertEqual(first.config, ["data": ["b": "2"]])
    }

    func testHelmsStoredChartRendersAgainToTheManifestHelmStored() async throws {
        let cluster = try await startCluster()
        try await installAndUpgradeWithHelm(cluster)
        let release = try await cluster.store().get("demo", version: 2)
        let stored = try XCTUnwrap(release.chart)
        XCTAssertEqual(stored.missingSubcharts, [])
        XCTAssertEqual(stored.files.map(\.name), ["README.md"])
        XCTAssertEqual(stored.schema.map { String(decoding: $0, as: UTF8.self) }, "{\"type\": \"object\"}\n")
        let chart = Chart(stored)
        let options = RenderOptions(release: ReleaseInfo(name: "demo", namespace: "default", revision: 2, isInstall: false, isUpgrade: true))
        var rendered = try ChartRenderer(options: options).render(chart, values: release.config)
        XCTAssertEqual(rendered.removeValue(forKey: "demo/templates/NOTES.txt"), release.info.notes)
        // Helm v4 keeps each document's trailing newline (its SplitManifests trims only the
        // left), Charts' ManifestSorting trims both ends as Helm v3 did: same documents,
        // one newline apart each.
        XCTAssertEqual(Self.documents(try Self.manifest(rendered)), Self.documents(release.manifest))
        XCTAssertFalse(Self.documents(release.manifest).isEmpty)
    }

    /// A manifest's documents, each without trailing whitespace.
    static func documents(_ manifest: String) -> [String] {
        manifest.components(separatedBy: "---\n").filter { !$0.isEmpty }.map { doc in
            String(doc.reversed().drop { $0.isWhitespace }.reversed())
        }
    }

    func testWeContinueAReleaseHelmStartedAndHelmSeesIt() async throws {
        let cluster = try await startCluster()
        try await installAndUpgradeWithHelm(cluster)
        let store = cluster.store()
        var previous = try await store.get("demo", version: 2)
        var next = previous
        next.version = 3
        next.config = ["data": ["e": "5"]]
        next.info = Release.Info(
            firstDeployed: previous.info.firstDeployed, lastDeployed: GoTime(seconds: 1_800_000_000), description: "Upgrade complete",
            status: .deployed, notes: previous.info.notes)
        try await store.create(next)
        previous.info.status = .superseded
        try await store.update(previous)
        let results = succeeded(
            try await cluster.helm([["action": "history", "name": "demo"], ["action": "get_values", "name": "demo"]]))
        let history = try XCTUnwrap(results[0] as? [[String: Any]])
        XCTAssertEqual(history.map { $0["status"] as? String }, ["superseded", "superseded", "deployed"])
        XCTAssertEqual(results[1] as? NSDictionary, ["data": ["e": "5"]] as NSDictionary)
        let rewritten = try await store.get("demo", version: 2)
        XCTAssertNotNil(rewritten.chart?.unknownFields["modtime"], "fields only Helm v4 knows survive our rewrite")
        XCTAssertEqual(rewritten.chart?.unknownFields, previous.chart?.unknownFields)
    }

    func testOurStoreReadsHelmsConfigMapRecords() async throws {
        let cluster = try await startCluster()
        try await installAndUpgradeWithHelm(cluster, driver: "configmap")
        let history = try await cluster.store(.configMap).history("demo")
        XCTAssertEqual(history.map(\.version), [1, 2])
        XCTAssertEqual(history.map(\.info.status), [.superseded, .deployed])
        let secrets = try await cluster.store(.secret).history("demo")
        XCTAssertTrue(secrets.isEmpty)
    }
}

extension StorageReadsHelmRecordsTests {
    /// Helm stores no subcharts (its `Chart.dependencies` is unexported): the record says
    /// which are missing, so a caller can fall back to the stored manifest as Helm does.
    func testAHelmRecordOfAChartWithASubchartNamesTheMissingSubchart() async throws {
        let cluster = try await startCluster()
        let chart = try cluster.writeChart(subchart: true)
        succeeded(try await cluster.helm([["action": "install", "chart": chart, "name": "demo"]]))
        let release = try await cluster.store().get("demo", version: 1)
        XCTAssertEqual(release.chart?.subcharts.count, 0)
        XCTAssertEqual(release.chart?.missingSubcharts, ["sub"])
        XCTAssertTrue(release.manifest.contains("# Source: demo/charts/sub/templates/configmap.yaml"), release.manifest)
    }
}
