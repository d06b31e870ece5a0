import EmbeddedAPIServer
import KubeObjects
import XCTest

/// Lists: selectors, pagination and the list resourceVersion.
final class ClusterListTests: XCTestCase {
    func options(label: String? = nil, field: String? = nil, limit: Int? = nil, continueToken: String? = nil) throws -> ListOptions {
        var o = ListOptions()
        if let label { o.labelSelector = try LabelSelector(parsing: label) }
        if let field { o.fieldSelector = try FieldSelector(parsing: field) }
        o.limit = limit
        o.continueToken = continueToken
        return o
    }

    func names(_ page: Cluster.ListPage) -> [String] { page.items.compactMap(\.metadataName) }

    func testALabelSelectorFiltersTheList() async throws {
        let t = try await TestCluster()
        try await t.configMap("a", labels: ["app": "x", "tier": "web"])
        try await t.configMap("b", labels: ["app": "y"])
        try await t.configMap("c")
        let eq = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(label: "app=x"))
        XCTAssertEqual(names(eq), ["a"])
        let set = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(label: "app in (x,y)"))
        XCTAssertEqual(names(set), ["a", "b"])
        let absent = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(label: "!app"))
        XCTAssertEqual(names(absent), ["c"])
        let notEqual = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(label: "app!=x"))
        XCTAssertEqual(names(notEqual), ["b", "c"])
    }

    func testAFieldSelectorOnMetadataNameFiltersTheList() async throws {
        let t = try await TestCluster()
        try await t.configMap("a")
        try await t.configMap("b")
        let page = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(field: "metadata.name=b"))
        XCTAssertEqual(names(page), ["b"])
    }

    func testAnUnsupportedFieldSelectorIsBadRequest() async throws {
        let t = try await TestCluster()
        let o = try options(field: "spec.bogus=1")
        let e = await expectAPIError { _ = try await t.cluster.list(t.configmaps, namespace: "ns", options: o) }
        XCTAssertEqual(e?.code, 400)
        XCTAssertEqual(e?.reason, "BadRequest")
        XCTAssertEqual(e?.message, "field label not supported: spec.bogus")
        let w = await expectAPIError { _ = try await t.cluster.watch(t.configmaps, namespace: "ns", options: o) }
        XCTAssertEqual(w?.message, "field label not supported: spec.bogus")
    }

    func testKindSpecificFieldSelectorsWork() async throws {
        let t = try await TestCluster()
        try await t.create(t.secrets, ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "tls"], "type": "kubernetes.io/tls"])
        try await t.create(t.secrets, ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "plain"]])
        let page = try await t.cluster.list(t.secrets, namespace: "ns", options: try options(field: "type=Opaque"))
        XCTAssertEqual(names(page), ["plain"])
    }

    func testAListAcrossNamespacesHoldsEveryNamespacesObjects() async throws {
        let t = try await TestCluster()
        try await t.create(t.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "other"]], namespace: nil)
        try await t.configMap("a")
        try await t.configMap("b", namespace: "other")
        let all = try await t.cluster.list(t.configmaps, namespace: nil, options: ListOptions())
        XCTAssertEqual(all.items.map { "\($0.metadataNamespace ?? "")/\($0.metadataName ?? "")" }, ["ns/a", "other/b"])
        let one = try await t.cluster.list(t.configmaps, namespace: "other", options: ListOptions())
        XCTAssertEqual(names(one), ["b"])
    }

    func testTheListResourceVersionIsTheStoresCurrentOne() async throws {
        let t = try await TestCluster()
        try await t.configMap("a")
        try await t.create(t.secrets, ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "later"]])
        let page = try await t.cluster.list(t.configmaps, namespace: "ns", options: ListOptions())
        let current = await t.store.resourceVersion
        XCTAssertEqual(page.resourceVersion, current)
    }

    func testLimitAndContinueWalkTheWholeListWithRemainingItemCount() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c", "d", "e"] { try await t.configMap(name) }
        let first = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(limit: 2))
        XCTAssertEqual(names(first), ["a", "b"])
        XCTAssertEqual(first.remainingItemCount, 3)
        let token = try XCTUnwrap(first.continueToken)
        let second = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(limit: 2, continueToken: token))
        XCTAssertEqual(names(second), ["c", "d"])
        XCTAssertEqual(second.resourceVersion, first.resourceVersion, "every page reports the first page's resourceVersion")
        let third = try await t.cluster.list(
            t.configmaps, namespace: "ns", options: try options(limit: 2, continueToken: try XCTUnwrap(second.continueToken)))
        XCTAssertEqual(names(third), ["e"])
        XCTAssertNil(third.continueToken)
        XCTAssertNil(third.remainingItemCount)
    }

    func testRemainingItemCountIsLeftOutWithASelector() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c"] { try await t.configMap(name, labels: ["app": "x"]) }
        let page = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(label: "app=x", limit: 1))
        XCTAssertEqual(names(page), ["a"])
        XCTAssertNotNil(page.continueToken)
        XCTAssertNil(page.remainingItemCount)
    }

    func testAGarbledContinueTokenIsBadRequest() async throws {
        let t = try await TestCluster()
        let o = try options(limit: 1, continueToken: "not-a-token")
        let e = await expectAPIError { _ = try await t.cluster.list(t.configmaps, namespace: "ns", options: o) }
        XCTAssertEqual(e?.code, 400)
    }

    func testAContinueTokenOlderThanTheRetainedHistoryIsExpired() async throws {
        let t = try await TestCluster(store: ObjectStore(historyLimit: 2))
        for name in ["a", "b", "c"] { try await t.configMap(name) }
        let first = try await t.cluster.list(t.configmaps, namespace: "ns", options: try options(limit: 1))
        for name in ["d", "e", "f"] { try await t.configMap(name) }
        let o = try options(limit: 1, continueToken: try XCTUnwrap(first.continueToken))
        let e = await expectAPIError { _ = try await t.cluster.list(t.configmaps, namespace: "ns", options: o) }
        XCTAssertEqual(e?.code, 410)
        XCTAssertEqual(e?.reason, "Expired")
    }

    func testListThroughHTTPCarriesKindMetadataAndContinue() async throws {
        let t = try await TestCluster()
        for name in ["a", "b", "c"] { try await t.configMap(name) }
        let http = TestHTTP(t.cluster)
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?limit=2")
        XCTAssertEqual(response.status, 200)
        let body = try await response.json
        XCTAssertEqual(body["kind"], "ConfigMapList")
        XCTAssertEqual(body["apiVersion"], "v1")
        XCTAssertEqual(body["items"]?.arrayValue?.count, 2)
        XCTAssertEqual(body[path: ["metadata", "remainingItemCount"]], 1)
        XCTAssertNotNil(body[path: ["metadata", "continue"]]?.stringValue)
        XCTAssertNotNil(body[path: ["metadata", "resourceVersion"]]?.stringValue)
    }
}
