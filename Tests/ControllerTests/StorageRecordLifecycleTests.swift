import Charts
import Controller
import Foundation
import KubeClient
import KubeObjects
import Values
import XCTest

/// The store's own contract: the create lock, updates and deletes of missing records,
/// names, and malformed records reported by object, never a crash.
final class StorageRecordLifecycleTests: StorageTestCase {
    static let chart: ReleaseChart = {
        var metadata = ChartMetadata()
        metadata.apiVersion = "v2"
        metadata.name = "demo"
        metadata.version = "0.1.0"
        return ReleaseChart(metadata: metadata)
    }()

    func release(_ version: Int, _ status: Release.Status, name: String = "demo") -> Release {
        Release(
            name: name, namespace: "default", version: version,
            info: Release.Info(firstDeployed: GoTime(seconds: 1_790_000_000), lastDeployed: GoTime(seconds: 1_790_000_000 + Int64(version)),
                description: "revision \(version)", status: status),
            chart: Self.chart, config: ["v": .int(version)])
    }

    func testCreatingARevisionTwiceIsTheLockAndFailsAsAlreadyExists() async throws {
        let cluster = try await startCluster()
        let store = cluster.store()
        try await store.create(release(1, .pendingInstall))
        do {
            try await store.create(release(1, .pendingInstall))
            XCTFail("a second create of the same revision succeeded")
        } catch {
            XCTAssertEqual(error, .alreadyExists(object: "sh.helm.release.v1.demo.v1"))
        }
    }

    func testUpdatingAMissingRevisionIsNotFound() async throws {
        let cluster = try await startCluster()
        do {
            try await cluster.store().update(release(4, .deployed))
            XCTFail("updated a record that does not exist")
        } catch {
            XCTAssertEqual(error, .notFound(object: "sh.helm.release.v1.demo.v4"))
        }
    }

    func testAnUpdateChangesTheStatusLabelAndPayloadAndKeepsUserLabels() async throws {
        let cluster = try await startCluster()
        let store = cluster.store(.configMap)
        var r = release(1, .pendingInstall)
        r.labels = ["team": "blue"]
        try await store.create(r)
        let created = try await cluster.objects(.configMap).get("sh.helm.release.v1.demo.v1")
        XCTAssertNotNil(created[path: ["metadata", "labels", "createdAt"]]?.stringValue)
        r.info.status = .failed
        try await store.update(r)
        let object = try await cluster.objects(.configMap).get("sh.helm.release.v1.demo.v1")
        XCTAssertEqual(object[path: ["metadata", "labels", "status"]]?.stringValue, "failed")
        XCTAssertEqual(object[path: ["metadata", "labels", "team"]]?.stringValue, "blue")
        let read = try await store.get("demo", version: 1)
        XCTAssertEqual(read.info.status, .failed)
        XCTAssertEqual(read.labels, ["team": "blue"], "system labels are not the release's labels")
    }

    func testGetOfAMissingRevisionIsNotFoundAndHistoryOfAnUnknownReleaseIsEmpty() async throws {
        let cluster = try await startCluster()
        let store = cluster.store()
        do {
            _ = try await store.get("nothing", version: 1)
            XCTFail("got a record that does not exist")
        } catch {
            XCTAssertEqual(error, .notFound(object: "sh.helm.release.v1.nothing.v1"))
        }
        let history = try await store.history("nothing")
        XCTAssertEqual(history, [])
        let deployed = try await store.deployed("nothing")
        XCTAssertNil(deployed)
    }

    func testHistoryIsOnlyThisReleasesAndOldestFirst() async throws {
        let cluster = try await startCluster()
        let store = cluster.store()
        for v in [2, 10, 1] { try await store.create(release(v, .superseded)) }
        try await store.create(release(1, .deployed, name: "other"))
        let history = try await store.history("demo")
        XCTAssertEqual(history.map(\.version), [1, 2, 10])
        let deployed = try await store.deployed("demo")
        XCTAssertNil(deployed, "no revision of demo is deployed")
    }

    func testANameThatIsNotALabelValueIsRefused() async throws {
        let cluster = try await startCluster()
        do {
            try await cluster.store().create(release(1, .pendingInstall, name: "bad name!"))
            XCTFail("stored a release whose name is not a label value")
        } catch {
            XCTAssertEqual(error, .invalidName("bad name!"))
        }
    }

    // MARK: Malformed records

    /// Writes a record by hand, with `payload` as the `release` text Helm would put there.
    func plant(
        _ cluster: StorageCluster, version: Int, payload: String?, driver: ReleaseStorageKind = .secret, status: String = "deployed"
    ) async throws {
        var object: [String: JSONValue] = [
            "apiVersion": "v1", "kind": driver == .secret ? "Secret" : "ConfigMap",
            "metadata": [
                "name": .string("sh.helm.release.v1.broken.v\(version)"),
                "labels": ["name": "broken", "owner": "helm", "status": .string(status), "version": .string(String(version))],
            ],
        ]
        if let payload {
            object["data"] = driver == .secret ? ["release": .string(Base64.encode(Array(payload.utf8)))] : ["release": .string(payload)]
        }
        if driver == .secret { object["type"] = "helm.sh/release.v1" }
        _ = try await cluster.objects(driver).create(.object(object))
    }

    func malformedReason(_ store: ReleaseStore, version: Int = 1) async -> (String?, ReleaseDecodingError?) {
        do {
            _ = try await store.get("broken", version: version)
            return (nil, nil)
        } catch {
            guard case .malformedRecord(let object, let reason) = error else { return ("\(error)", nil) }
            return (object, reason)
        }
    }

    func testARecordThatIsNotBase64IsAMalformedRecordNamingTheObject() async throws {
        let cluster = try await startCluster()
        try await plant(cluster, version: 1, payload: "%%% not base64 %%%")
        let (object, reason) = await malformedReason(cluster.store())
        XCTAssertEqual(object, "default/sh.helm.release.v1.broken.v1")
        XCTAssertEqual(reason, .base64(field: "release"))
    }

    func testARecordWithBadGzipIsAMalformedRecord() async throws {
        let cluster = try await startCluster()
        try await plant(cluster, version: 1, payload: StdBase64.encode([0x1F, 0x8B, 0x08, 9, 9, 9, 9, 9, 9, 9, 9, 9]), driver: .configMap)
        let (object, reason) = await malformedReason(cluster.store(.configMap))
        XCTAssertEqual(object, "default/sh.helm.release.v1.broken.v1")
        guard case .gzip? = reason else { return XCTFail("\(String(describing: reason))") }
    }

    func testARecordWithBadJSONIsAMalformedRecordWhoseMessageHoldsNoValues() async throws {
        let cluster = try await startCluster()
        try await plant(cluster, version: 1, payload: StdBase64.encode(Array(#"{"config":{"password":"hunter2"},"version":"one"}"#.utf8)))
        do {
            _ = try await cluster.store().history("broken")
            XCTFail("history decoded a malformed record")
        } catch {
            XCTAssertEqual(
                error, .malformedRecord(object: "default/sh.helm.release.v1.broken.v1", reason: .field(path: "version", expected: "an integer", found: "a string")))
            XCTAssertFalse(error.description.contains("hunter2"), error.description)
        }
    }

    func testARecordWithoutPayloadIsAMalformedRecord() async throws {
        let cluster = try await startCluster()
        try await plant(cluster, version: 1, payload: nil)
        let (_, reason) = await malformedReason(cluster.store())
        XCTAssertEqual(reason, .missingPayload)
    }

    func testAMalformedRecordCanBeDeletedAndPrunedPast() async throws {
        let cluster = try await startCluster()
        try await plant(cluster, version: 1, payload: "garbage", status: "superseded")
        try await plant(cluster, version: 2, payload: "garbage", status: "deployed")
        try await plant(cluster, version: 3, payload: "garbage", status: "failed")
        let store = cluster.store()
        try await store.delete("broken", version: 3)
        let deleted = try await store.prune("broken", maxHistory: 0)
        XCTAssertEqual(deleted, [1], "the last deployed revision stays, even with a maximum of 0")
        let left = try await cluster.objects(.secret).list(ListParams(labelSelector: "name=broken"))
        XCTAssertEqual(left.items.compactMap(\.metadataName), ["sh.helm.release.v1.broken.v2"])
    }
}

extension StorageRecordLifecycleTests {
    func testAReleaseWithoutAChartIsNotWritten() async throws {
        let cluster = try await startCluster()
        var r = release(1, .pendingInstall)
        r.chart = nil
        do {
            try await cluster.store().create(r)
            XCTFail("wrote a record Helm's history cannot read")
        } catch {
            guard case .encoding(let object, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(object, "sh.helm.release.v1.demo.v1")
        }
    }
}
