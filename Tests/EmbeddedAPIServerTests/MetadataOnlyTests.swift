import EmbeddedAPIServer
import KubeObjects
import XCTest

/// Metadata-only answers, as controller-runtime's metadata informers and client-go's
/// metadata client ask for them: `Accept: …;as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1`.
final class MetadataOnlyTests: XCTestCase {
    static let one = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"
    static let list = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"
    /// What client-go's metadata client sends on a list.
    static let clientGoList =
        "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"

    func setUp() async throws -> (TestCluster, TestHTTP) {
        let t = try await TestCluster()
        return (t, TestHTTP(t.cluster))
    }

    /// A Helm release record: what the HelmRelease controller watches without its payload.
    @discardableResult
    func releaseSecret(_ t: TestCluster, _ name: String) async throws -> JSONValue {
        try await t.create(t.secrets, [
            "apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
            "metadata": ["name": .string(name), "labels": ["owner": "helm", "name": "web"], "annotations": ["note": "x"]],
            "data": ["release": .string(Base64.encode(Array(repeating: UInt8(ascii: "r"), count: 4096)))],
        ])
    }

    func get(_ http: TestHTTP, _ target: String, accept: String) async throws -> (HTTPResponse, JSONValue) {
        let response = await http.send("GET", target, headers: [("Accept", accept)])
        return (response, try await response.json)
    }

    // MARK: Get

    func testAGetAskedForPartialObjectMetadataAnswersTheWholeMetadataAndNothingElse() async throws {
        let (t, http) = try await setUp()
        let stored = try await releaseSecret(t, "sh.helm.release.v1.web.v1")
        let (response, body) = try await get(http, "/api/v1/namespaces/ns/secrets/sh.helm.release.v1.web.v1", accept: Self.one)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(body["kind"], "PartialObjectMetadata")
        XCTAssertEqual(body["apiVersion"], "meta.k8s.io/v1")
        XCTAssertEqual(body["metadata"], stored["metadata"], "the whole metadata: labels, annotations, uid, resourceVersion, managedFields")
        XCTAssertEqual(Set(body.objectValue?.keys ?? [:].keys), ["kind", "apiVersion", "metadata"])
        XCTAssertEqual(response.header("Content-Type"), "application/json")
    }

    func testV1Beta1IsAnsweredInV1Beta1() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let (_, body) = try await get(
            http, "/api/v1/namespaces/ns/configmaps/a", accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1")
        XCTAssertEqual(body["apiVersion"], "meta.k8s.io/v1beta1")
        XCTAssertEqual(body["kind"], "PartialObjectMetadata")
        XCTAssertNil(body["data"])
    }

    func testAMissingObjectIsStillANotFoundStatus() async throws {
        let (_, http) = try await setUp()
        let (response, body) = try await get(http, "/api/v1/namespaces/ns/secrets/absent", accept: Self.one)
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(body["kind"], "Status")
        XCTAssertEqual(body["reason"], "NotFound")
    }

    // MARK: List

    func testAListAskedForPartialObjectMetadataListIsAPartialObjectMetadataList() async throws {
        let (t, http) = try await setUp()
        try await releaseSecret(t, "sh.helm.release.v1.web.v1")
        try await releaseSecret(t, "sh.helm.release.v1.web.v2")
        let (response, body) = try await get(http, "/api/v1/namespaces/ns/secrets?labelSelector=owner%3Dhelm", accept: Self.list)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(body["kind"], "PartialObjectMetadataList")
        XCTAssertEqual(body["apiVersion"], "meta.k8s.io/v1")
        let rv = await t.store.resourceVersion
        XCTAssertEqual(body[path: ["metadata", "resourceVersion"]]?.stringValue, String(rv))
        let items = body["items"]?.arrayValue ?? []
        XCTAssertEqual(items.map { $0.metadataName }, ["sh.helm.release.v1.web.v1", "sh.helm.release.v1.web.v2"])
        XCTAssertEqual(items.map { $0["kind"] }, ["PartialObjectMetadata", "PartialObjectMetadata"])
        XCTAssertEqual(items.map { $0["apiVersion"] }, ["meta.k8s.io/v1", "meta.k8s.io/v1"])
        XCTAssertTrue(items.allSatisfy { $0["data"] == nil && $0["type"] == nil }, "\(items)")
        XCTAssertEqual(items.first?[path: ["metadata", "labels", "owner"]], "helm")
    }

    func testClientGosAcceptWithProtobufFirstAndAJSONFallbackGetsMetadata() async throws {
        let (t, http) = try await setUp()
        try await releaseSecret(t, "s")
        let (_, body) = try await get(http, "/api/v1/namespaces/ns/secrets", accept: Self.clientGoList)
        XCTAssertEqual(body["kind"], "PartialObjectMetadataList")
        XCTAssertNil(body["items"]?.arrayValue?.first?["data"])
    }

    func testAPagedMetadataListKeepsContinueAndRemainingItemCount() async throws {
        let (t, http) = try await setUp()
        for name in ["a", "b", "c"] { try await t.configMap(name) }
        let (_, first) = try await get(http, "/api/v1/namespaces/ns/configmaps?limit=2", accept: Self.list)
        XCTAssertEqual(first["kind"], "PartialObjectMetadataList")
        XCTAssertEqual(first["items"]?.arrayValue?.compactMap(\.metadataName), ["a", "b"])
        XCTAssertEqual(first[path: ["metadata", "remainingItemCount"]], 1)
        let token = try XCTUnwrap(first[path: ["metadata", "continue"]]?.stringValue)
        let (_, second) = try await get(http, "/api/v1/namespaces/ns/configmaps?limit=2&continue=\(token)", accept: Self.list)
        XCTAssertEqual(second["items"]?.arrayValue?.compactMap(\.metadataName), ["c"])
        XCTAssertEqual(second["items"]?.arrayValue?.first?["kind"], "PartialObjectMetadata")
        XCTAssertNil(second[path: ["metadata", "continue"]])
    }

    func testACustomResourceListIsServedAsMetadata() async throws {
        let (t, http) = try await setUp()
        try await t.create(t.crds, [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": ["name": "widgets.example.com"],
            "spec": [
                "group": "example.com", "scope": "Namespaced",
                "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
                "versions": [["name": "v1", "served": true, "storage": true,
                              "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]],
            ],
        ], namespace: nil)
        try await t.create(
            try await t.rules("example.com", "v1", "widgets"),
            ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["size": 3]])
        let (_, list) = try await get(http, "/apis/example.com/v1/namespaces/ns/widgets", accept: Self.list)
        XCTAssertEqual(list["kind"], "PartialObjectMetadataList")
        XCTAssertEqual(list["items"]?.arrayValue?.first?["kind"], "PartialObjectMetadata")
        XCTAssertEqual(list["items"]?.arrayValue?.first?.metadataName, "w")
        XCTAssertNil(list["items"]?.arrayValue?.first?["spec"])
        let (_, one) = try await get(http, "/apis/example.com/v1/namespaces/ns/widgets/w", accept: Self.one)
        XCTAssertEqual(one["kind"], "PartialObjectMetadata")
        XCTAssertNil(one["spec"])
    }

    // MARK: Writes

    func testACreateAskedForMetadataAnswersMetadataAndStoresTheWholeObject() async throws {
        let (t, http) = try await setUp()
        let response = await http.send(
            "POST", "/api/v1/namespaces/ns/configmaps", headers: [("Accept", Self.one), ("Content-Type", "application/json")],
            body: JSONValue(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"], "data": ["k": "v"]]).serializedBytes())
        XCTAssertEqual(response.status, 201)
        let body = try await response.json
        XCTAssertEqual(body["kind"], "PartialObjectMetadata")
        XCTAssertNil(body["data"])
        let stored = try await t.get(t.configmaps, "a")
        XCTAssertEqual(stored[path: ["data", "k"]], "v")
    }

    // MARK: Watch

    func testAWatchAskedForPartialObjectMetadataSendsCreatesUpdatesAndDeletesAsMetadata() async throws {
        let (t, http) = try await setUp()
        let rv = await t.store.resourceVersion
        let response = await http.send(
            "GET", "/api/v1/namespaces/ns/secrets?watch=1&resourceVersion=\(rv)", headers: [("Accept", Self.one)])
        XCTAssertEqual(response.status, 200)
        guard case .stream(let stream) = response.body else { return XCTFail("a watch streams its answer") }
        let chunks = await StreamRecorder.start(stream)
        try await releaseSecret(t, "s")
        _ = try await t.patch(t.secrets, "s", .merge, ["metadata": ["labels": ["status": "superseded"]]])
        _ = try await t.cluster.delete(try await t.secrets, namespace: "ns", name: "s", options: DeleteOptions())
        let recorded = await chunks.wait { items, finished in watchEvents(items).count >= 3 || finished }
        await chunks.stop()
        let events = watchEvents(recorded)
        XCTAssertEqual(events.map { $0["type"] }, ["ADDED", "MODIFIED", "DELETED"])
        XCTAssertEqual(events.map { $0[path: ["object", "kind"]] }, Array(repeating: "PartialObjectMetadata", count: 3))
        XCTAssertEqual(events.map { $0[path: ["object", "apiVersion"]] }, Array(repeating: "meta.k8s.io/v1", count: 3))
        XCTAssertTrue(events.allSatisfy { $0[path: ["object", "data"]] == nil }, "\(events)")
        XCTAssertEqual(events[1][path: ["object", "metadata", "labels", "status"]], "superseded")
    }

    func testTheInitialEventsEndBookmarkOfAMetadataWatchListIsPartialObjectMetadata() async throws {
        let (t, http) = try await setUp()
        try await releaseSecret(t, "s")
        let response = await http.send(
            "GET",
            "/api/v1/namespaces/ns/secrets?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true",
            headers: [("Accept", Self.one)])
        guard case .stream(let stream) = response.body else { return XCTFail("a watch streams its answer") }
        let chunks = await StreamRecorder.start(stream)
        let recorded = await chunks.wait { items, finished in watchEvents(items).count >= 2 || finished }
        await chunks.stop()
        let events = watchEvents(recorded)
        XCTAssertEqual(events.map { $0["type"] }, ["ADDED", "BOOKMARK"])
        XCTAssertEqual(events.first?[path: ["object", "kind"]], "PartialObjectMetadata")
        XCTAssertNil(events.first?[path: ["object", "data"]])
        XCTAssertEqual(events.last?[path: ["object", "kind"]], "PartialObjectMetadata")
        XCTAssertEqual(events.last?[path: ["object", "apiVersion"]], "meta.k8s.io/v1")
        XCTAssertEqual(events.last?[path: ["object", "metadata", "annotations", "k8s.io/initial-events-end"]], "true")
        XCTAssertNotNil(events.last?[path: ["object", "metadata", "resourceVersion"]]?.stringValue)
    }

    func testAnExpiredMetadataWatchStillSendsTheERRORStatus() async throws {
        let t = try await TestCluster(store: ObjectStore(historyLimit: 1))
        let http = TestHTTP(t.cluster)
        for name in ["a", "b", "c"] { try await t.configMap(name) }
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=true&resourceVersion=1", headers: [("Accept", Self.one)])
        let events = watchEvents([await response.bytes])
        XCTAssertEqual(events.map { $0["type"] }, ["ERROR"])
        XCTAssertEqual(events.first?[path: ["object", "kind"]], "Status")
        XCTAssertEqual(events.first?[path: ["object", "code"]], 410)
    }

    // MARK: 406

    func testOnlyAnUnsupportedTransformIsNotAcceptable() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let (response, body) = try await get(http, "/api/v1/namespaces/ns/configmaps/a", accept: "application/json;as=Foo;g=meta.k8s.io;v=v1")
        XCTAssertEqual(response.status, 406)
        XCTAssertEqual(body["kind"], "Status")
        XCTAssertEqual(body["reason"], "NotAcceptable")
        XCTAssertEqual(body["code"], 406)
    }

    func testAnUnservedVersionOfPartialObjectMetadataIsNotAcceptable() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let (response, _) = try await get(
            http, "/api/v1/namespaces/ns/configmaps/a", accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v2")
        XCTAssertEqual(response.status, 406)
    }

    func testAnUnsupportedTransformWithAPlainJSONFallbackGetsTheObject() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let (response, body) = try await get(
            http, "/api/v1/namespaces/ns/configmaps/a", accept: "application/json;as=Foo;g=meta.k8s.io;v=v1, application/json")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(body["kind"], "ConfigMap")
    }

    func testPartialObjectMetadataOfAListIsNotAcceptable() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let (response, body) = try await get(http, "/api/v1/namespaces/ns/configmaps", accept: Self.one)
        XCTAssertEqual(response.status, 406)
        XCTAssertEqual(body["message"], "you requested PartialObjectMetadata, but the requested object is a list (*core.ConfigMapList)")
    }

    func testPartialObjectMetadataListOfOneObjectIsNotAcceptable() async throws {
        let (t, http) = try await setUp()
        try await t.create(t.deployments, TestCluster.deployment("web"))
        let (response, body) = try await get(http, "/apis/apps/v1/namespaces/ns/deployments/web", accept: Self.list)
        XCTAssertEqual(response.status, 406)
        XCTAssertEqual(body["message"], "you requested PartialObjectMetadataList, but the requested object is not a list (*apps.Deployment)")
    }

    func testAWatchAskedForPartialObjectMetadataListIsNotAcceptable() async throws {
        let (_, http) = try await setUp()
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=1", headers: [("Accept", Self.list)])
        XCTAssertEqual(response.status, 406)
        XCTAssertFalse(response.isStream)
    }

    // MARK: Negotiation

    func testTheHigherQualityRangeWins() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let (_, body) = try await get(http, "/api/v1/namespaces/ns/configmaps/a", accept: "application/json;q=0.5, \(Self.one)")
        XCTAssertEqual(body["kind"], "PartialObjectMetadata")
    }

    func testAMalformedOrNonJSONAcceptStillGetsJSONObjects() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        for accept in ["*", "application/vnd.kubernetes.protobuf", "application/yaml"] {
            let (response, body) = try await get(http, "/api/v1/namespaces/ns/configmaps/a", accept: accept)
            XCTAssertEqual(response.status, 200, accept)
            XCTAssertEqual(body["kind"], "ConfigMap", accept)
        }
    }
}
