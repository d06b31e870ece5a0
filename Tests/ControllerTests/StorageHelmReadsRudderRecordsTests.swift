import Controller
import Foundation
import KubeClient
import KubeObjects
import Values
import XCTest

/// Records Rudder writes are Helm's own: real Helm (helm-python-sdk, Helm v4) lists them,
/// shows their history, values and status, and continues the release.
final class StorageHelmReadsRudderRecordsTests: StorageTestCase {
    static let firstDeployed = GoTime(seconds: 1_790_000_000, nanoseconds: 5)

    /// Install then upgrade, as the controller records them: each revision created pending,
    /// then marked deployed, the previous one superseded.
    func recordInstallAndUpgrade(_ cluster: StorageCluster, driver: ReleaseStorageKind) async throws -> (Release, Release) {
        let store = cluster.store(driver)
        let chart = try cluster.writeChart()
        var v1 = try makeRelease(
            chartPath: chart, version: 1, status: .pendingInstall, config: ["data": ["b": "2"]], description: "Initial install underway",
            firstDeployed: Self.firstDeployed)
        try await store.create(v1)
        v1.info.status = .deployed
        v1.info.description = "Install complete"
        try await store.update(v1)
        var v2 = try makeRelease(
            chartPath: chart, version: 2, status: .pendingUpgrade, config: ["data": ["c": "3"], "replicas": 5],
            description: "Preparing upgrade", firstDeployed: Self.firstDeployed)
        try await store.create(v2)
        v1.info.status = .superseded
        try await store.update(v1)
        v2.info.status = .deployed
        v2.info.description = "Upgrade complete"
        try await store.update(v2)
        return (v1, v2)
    }

    func testHelmListsOurReleaseAsDeployedAtItsLatestRevision() async throws {
        let cluster = try await startCluster()
        _ = try await recordInstallAndUpgrade(cluster, driver: .secret)
        let results = succeeded(try await cluster.helm([["action": "list", "all_states": true]]))
        let list = try XCTUnwrap(results[0] as? [[String: Any]])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?["name"] as? String, "demo")
        XCTAssertEqual(list.first?["revision"] as? Int, 2)
        XCTAssertEqual(list.first?["status"] as? String, "deployed")
        XCTAssertEqual(list.first?["chart_name"] as? String, "demo")
        XCTAssertEqual(list.first?["chart_version"] as? String, "0.1.0")
        XCTAssertEqual(list.first?["app_version"] as? String, "1.0")
    }

    func testHelmShowsOurHistoryWithEachRevisionsStatus() async throws {
        let cluster = try await startCluster()
        _ = try await recordInstallAndUpgrade(cluster, driver: .secret)
        let results = succeeded(try await cluster.helm([["action": "history", "name": "demo"]]))
        let history = try XCTUnwrap(results[0] as? [[String: Any]])
        XCTAssertEqual(history.map { $0["revision"] as? Int }, [1, 2])
        XCTAssertEqual(history.map { $0["status"] as? String }, ["superseded", "deployed"])
    }

    func testHelmGetsTheUserValuesOfEachRevisionAndTheComputedOnes() async throws {
        let cluster = try await startCluster()
        _ = try await recordInstallAndUpgrade(cluster, driver: .secret)
        let results = succeeded(
            try await cluster.helm([
                ["action": "get_values", "name": "demo"], ["action": "get_values", "name": "demo", "revision": 1],
                ["action": "get_values", "name": "demo", "all_values": true],
            ]))
        XCTAssertEqual(results[0] as? NSDictionary, ["data": ["c": "3"], "replicas": 5] as NSDictionary)
        XCTAssertEqual(results[1] as? NSDictionary, ["data": ["b": "2"]] as NSDictionary)
        XCTAssertEqual(results[2] as? NSDictionary, ["data": ["a": "1", "c": "3"], "replicas": 5] as NSDictionary)
    }

    func testHelmStatusShowsNotesAndMetadataShowsTheApplyMethod() async throws {
        let cluster = try await startCluster()
        _ = try await recordInstallAndUpgrade(cluster, driver: .secret)
        let results = succeeded(
            try await cluster.helm([["action": "status", "name": "demo"], ["action": "get_metadata", "name": "demo"]]))
        let status = try XCTUnwrap(results[0] as? [String: Any])
        XCTAssertEqual(status["status"] as? String, "deployed")
        XCTAssertEqual(status["revision"] as? Int, 2)
        XCTAssertEqual(status["notes"] as? String, "Installed demo revision 2\n")
        let metadata = try XCTUnwrap(results[1] as? [String: Any])
        XCTAssertEqual(metadata["applyMethod"] as? String, "ssa")
        XCTAssertEqual(metadata["version"] as? String, "0.1.0")
    }

    func testTheSecretHasHelmsNameTypeAndLabels() async throws {
        let cluster = try await startCluster()
        _ = try await recordInstallAndUpgrade(cluster, driver: .secret)
        let secret = try await cluster.objects(.secret).get("sh.helm.release.v1.demo.v2")
        XCTAssertEqual(secret["type"]?.stringValue, "helm.sh/release.v1")
        let labels = try XCTUnwrap(secret[path: ["metadata", "labels"]]?.objectValue)
        XCTAssertEqual(labels["name"]?.stringValue, "demo")
        XCTAssertEqual(labels["owner"]?.stringValue, "helm")
        XCTAssertEqual(labels["status"]?.stringValue, "deployed")
        XCTAssertEqual(labels["version"]?.stringValue, "2")
        XCTAssertNotNil(labels["modifiedAt"]?.stringValue.flatMap { Int64($0) }, "an update stamps modifiedAt as Helm does")
        XCTAssertEqual(Set(secret["data"]?.objectValue?.keys ?? [:].keys), ["release"])
    }

    func testHelmUpgradesOurReleaseAndWeReadWhatItWrote() async throws {
        let cluster = try await startCluster()
        _ = try await recordInstallAndUpgrade(cluster, driver: .secret)
        let chart = try cluster.writeChart(version: "0.2.0")
        succeeded(try await cluster.helm([["action": "upgrade", "chart": chart, "name": "demo", "values": ["data": ["d": "4"]]]]))
        let history = try await cluster.store().history("demo")
        XCTAssertEqual(history.map(\.version), [1, 2, 3])
        XCTAssertEqual(history.map(\.info.status), [.superseded, .superseded, .deployed])
        XCTAssertEqual(history[1].info.description, "Upgrade complete", "Helm rewrote our v2 keeping its fields")
        XCTAssertEqual(history[2].chart?.metadata.version, "0.2.0")
    }

    // MARK: ConfigMap storage

    func testHelmReadsOurConfigMapRecords() async throws {
        let cluster = try await startCluster()
        _ = try await recordInstallAndUpgrade(cluster, driver: .configMap)
        let results = succeeded(
            try await cluster.helm(
                [["action": "history", "name": "demo"], ["action": "get_values", "name": "demo"], ["action": "status", "name": "demo"]],
                driver: "configmap"))
        let history = try XCTUnwrap(results[0] as? [[String: Any]])
        XCTAssertEqual(history.map { $0["revision"] as? Int }, [1, 2])
        XCTAssertEqual(history.map { $0["status"] as? String }, ["superseded", "deployed"])
        XCTAssertEqual(results[1] as? NSDictionary, ["data": ["c": "3"], "replicas": 5] as NSDictionary)
        XCTAssertEqual((results[2] as? [String: Any])?["notes"] as? String, "Installed demo revision 2\n")
        let configMap = try await cluster.objects(.configMap).get("sh.helm.release.v1.demo.v2")
        XCTAssertEqual(configMap[path: ["metadata", "labels", "owner"]]?.stringValue, "helm")
        let secrets = try await cluster.objects(.secret).list(ListParams(labelSelector: "owner=helm"))
        XCTAssertTrue(secrets.items.isEmpty, "the ConfigMap driver writes no Secret")
    }
}

extension StorageHelmReadsRudderRecordsTests {
    /// Our records carry the subcharts (under a key Helm ignores), so Helm still reads them
    /// and we load the whole chart back.
    func testARecordWithSubchartsIsReadByHelmAndLoadsBackWhole() async throws {
        let cluster = try await startCluster()
        let store = cluster.store()
        let release = try makeRelease(
            chartPath: try cluster.writeChart(subchart: true), version: 1, status: .deployed, config: [:], description: "Install complete",
            firstDeployed: Self.firstDeployed)
        XCTAssertTrue(release.manifest.contains("name: demo-sub"), release.manifest)
        try await store.create(release)
        let results = succeeded(try await cluster.helm([["action": "get_metadata", "name": "demo"], ["action": "history", "name": "demo"]]))
        XCTAssertEqual(((results[0] as? [String: Any])?["dependencies"] as? [[String: Any]])?.first?["name"] as? String, "sub")
        XCTAssertEqual((results[1] as? [[String: Any]])?.map { $0["status"] as? String }, ["deployed"])
        let read = try await store.get("demo", version: 1)
        XCTAssertEqual(read.chart?.subcharts.map(\.metadata.name), ["sub"])
        XCTAssertEqual(read.chart?.missingSubcharts, [])
        XCTAssertEqual(read, release)
    }
}
