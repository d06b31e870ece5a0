import EmbeddedAPIServer
import KubeObjects
import XCTest

/// Paged lists read every page at the first page's resourceVersion, as etcd serves them,
/// and a compacted snapshot answers 410 Expired with an inconsistent continue token.
final class ClusterListSnapshotTests: XCTestCase {
    static let expiredMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."

    func page(_ t: TestCluster, limit: Int, continueToken: String? = nil) async throws -> Cluster.ListPage {
        var o = ListOptions()
        o.limit = limit
        o.continueToken = continueToken
        return try await t.cluster.list(t.configmaps, namespace: "ns", options: o)
    }

    func names(_ page: Cluster.ListPage) -> [String] { page.items.compactMap(\.metadataName) }

    func testLaterPagesLeaveOutObjectsCreatedAfterTheFirstPage() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c", "d"] { try await t.configMap(name) }
        let first = try await page(t, limit: 2)
        try await t.configMap("bb")  // sorts into the pages still to come
        try await t.configMap("z")
        let second = try await page(t, limit: 10, continueToken: try XCTUnwrap(first.continueToken))
        XCTAssertEqual(names(second), ["c", "d"])
        XCTAssertEqual(second.resourceVersion, first.resourceVersion)
    }

    func testLaterPagesStillListObjectsDeletedAfterTheFirstPage() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c", "d"] { try await t.configMap(name) }
        let first = try await page(t, limit: 2)
        _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "c", options: DeleteOptions())
        let second = try await page(t, limit: 10, continueToken: try XCTUnwrap(first.continueToken))
        XCTAssertEqual(names(second), ["c", "d"])
    }

    func testLaterPagesShowObjectsUpdatedAfterTheFirstPageInTheirOldVersion() async throws {
        let t = try await TestCluster()
        for name in ["a", "b"] { try await t.configMap(name) }
        let c = try await t.configMap("c", data: ["k": "old"])
        let first = try await page(t, limit: 2)
        _ = try await t.patch(t.configmaps, "c", .merge, ["data": ["k": "new"]])
        _ = try await t.patch(t.configmaps, "c", .merge, ["data": ["k": "newer"]])
        let second = try await page(t, limit: 10, continueToken: try XCTUnwrap(first.continueToken))
        let listed = try XCTUnwrap(second.items.first)
        XCTAssertEqual(listed[path: ["data", "k"]], "old")
        XCTAssertEqual(listed[path: ["metadata", "resourceVersion"]], c[path: ["metadata", "resourceVersion"]])
    }

    func testASnapshotPageIsCutByLimitAndHandsOnTheSameResourceVersion() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c", "d", "e"] { try await t.configMap(name) }
        let first = try await page(t, limit: 2)
        _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "e", options: DeleteOptions())
        try await t.configMap("f")
        let second = try await page(t, limit: 2, continueToken: try XCTUnwrap(first.continueToken))
        XCTAssertEqual(names(second), ["c", "d"])
        XCTAssertEqual(second.remainingItemCount, 1)
        let third = try await page(t, limit: 2, continueToken: try XCTUnwrap(second.continueToken))
        XCTAssertEqual(names(third), ["e"])
        XCTAssertEqual(third.resourceVersion, first.resourceVersion)
        XCTAssertNil(third.continueToken)
    }

    func testACompactedSnapshotIs410ExpiredWithAnInconsistentContinueToken() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c", "d"] { try await t.configMap(name) }
        let first = try await page(t, limit: 2)
        try await t.configMap("e")
        // Compaction keeps the current version readable, as etcd's does: the snapshot is older.
        await t.store.compact()
        let token = try XCTUnwrap(first.continueToken)
        let e = await expectAPIError { _ = try await self.page(t, limit: 10, continueToken: token) }
        XCTAssertEqual(e?.code, 410)
        XCTAssertEqual(e?.reason, "Expired")
        XCTAssertEqual(e?.message, Self.expiredMessage)
        XCTAssertNotNil(e?.continueToken)
        XCTAssertNotEqual(e?.continueToken, token)
    }

    func testTheInconsistentTokenContinuesFromTheSameKeyOnTheLiveList() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c", "d"] { try await t.configMap(name) }
        let first = try await page(t, limit: 2)
        _ = try await t.cluster.delete(t.configmaps, namespace: "ns", name: "c", options: DeleteOptions())
        try await t.configMap("bb")
        try await t.configMap("e")
        await t.store.compact()
        let token = try XCTUnwrap(first.continueToken)
        let e = await expectAPIError { _ = try await self.page(t, limit: 10, continueToken: token) }
        let rest = try await page(t, limit: 2, continueToken: try XCTUnwrap(e?.continueToken))
        XCTAssertEqual(names(rest), ["bb", "d"])
        let now = await t.store.resourceVersion
        XCTAssertEqual(rest.resourceVersion, now)
        let last = try await page(t, limit: 2, continueToken: try XCTUnwrap(rest.continueToken))
        XCTAssertEqual(names(last), ["e"])
    }

    func testHistoryMovingPastTheSnapshotExpiresIt() async throws {
        let t = try await TestCluster(store: ObjectStore(historyLimit: 3))
        for name in ["a", "b", "c"] { try await t.configMap(name) }
        let first = try await page(t, limit: 1)
        try await t.configMap("d")
        let within = try await page(t, limit: 1, continueToken: try XCTUnwrap(first.continueToken))
        XCTAssertEqual(names(within), ["b"], "one change later the snapshot is still in the window")
        for name in ["e", "f", "g"] { try await t.configMap(name) }
        let token = try XCTUnwrap(within.continueToken)
        let e = await expectAPIError { _ = try await self.page(t, limit: 1, continueToken: token) }
        XCTAssertEqual(e?.code, 410)
    }

    func testAnExpiredContinueOverHTTPCarriesTheTokenInTheStatusMetadata() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c"] { try await t.configMap(name) }
        let http = TestHTTP(t.cluster)
        let first = try await http.send("GET", "/api/v1/namespaces/ns/configmaps?limit=1").json
        let token = try XCTUnwrap(first[path: ["metadata", "continue"]]?.stringValue)
        try await t.configMap("d")
        await t.store.compact()
        let query = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?limit=1&continue=\(query)")
        XCTAssertEqual(response.status, 410)
        let status = try await response.json
        XCTAssertEqual(status["kind"], "Status")
        XCTAssertEqual(status["reason"], "Expired")
        XCTAssertEqual(status["code"], 410)
        XCTAssertEqual(status["message"]?.stringValue, Self.expiredMessage)
        let inconsistent = try XCTUnwrap(status[path: ["metadata", "continue"]]?.stringValue)
        let escaped = inconsistent.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? inconsistent
        let rest = try await http.send("GET", "/api/v1/namespaces/ns/configmaps?limit=5&continue=\(escaped)").json
        XCTAssertEqual(rest["items"]?.arrayValue?.compactMap(\.metadataName), ["b", "c", "d"])
    }

    func testTheStoreReadsAPastVersionOfOneResourceAndNothingOnceCompacted() async throws {
        let store = ObjectStore()
        let cms = GroupResource(group: "", resource: "configmaps")
        let secrets = GroupResource(group: "", resource: "secrets")
        let k = ObjectKey(namespace: "ns", name: "x")
        try await store.mutate(cms, k) { _ in ["v": 1] }
        let before = await store.resourceVersion
        try await store.mutate(cms, k) { _ in ["v": 2] }
        try await store.mutate(secrets, k) { _ in ["s": 1] }
        try await store.mutate(cms, ObjectKey(namespace: "other", name: "y")) { _ in ["v": 3] }
        let read = await store.list(cms, namespace: nil, at: before)
        let past = try XCTUnwrap(read)
        XCTAssertEqual(past.map(\.0), [k])
        XCTAssertEqual(past.first?.1["v"], 1)
        let readSecrets = await store.list(secrets, namespace: "ns", at: before)
        let pastSecrets = try XCTUnwrap(readSecrets)
        XCTAssertTrue(pastSecrets.isEmpty)
        await store.compact()
        let compacted = await store.list(cms, namespace: nil, at: before)
        XCTAssertNil(compacted)
    }
}
