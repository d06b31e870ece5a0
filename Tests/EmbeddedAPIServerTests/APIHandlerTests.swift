import EmbeddedAPIServer
import KubeObjects
import XCTest

/// The HTTP layer in-process: routing, bodies (JSON, YAML, protobuf), Tables, discovery
/// negotiation, error Status bodies and watch streaming.
final class APIHandlerTests: XCTestCase {
    let tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

    func setUp() async throws -> (TestCluster, TestHTTP) {
        let t = try await TestCluster()
        return (t, TestHTTP(t.cluster))
    }

    // MARK: Tables

    func testAListAskedForAsTableAnswersColumnsAndRowsWithPartialObjectMetadata() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a", labels: ["app": "x"])
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?limit=500", headers: [("Accept", tableAccept)])
        XCTAssertEqual(response.status, 200)
        let table = try await response.json
        XCTAssertEqual(table["kind"], "Table")
        XCTAssertEqual(table["apiVersion"], "meta.k8s.io/v1")
        let first = table["columnDefinitions"]?.arrayValue?.first
        XCTAssertEqual(first?["name"], "Name")
        XCTAssertEqual(first?["format"], "name")
        let row = try XCTUnwrap(table["rows"]?.arrayValue?.first)
        XCTAssertEqual(row["cells"]?.arrayValue?.first, "a")
        XCTAssertEqual(row[path: ["object", "kind"]], "PartialObjectMetadata")
        XCTAssertEqual(row[path: ["object", "apiVersion"]], "meta.k8s.io/v1")
        XCTAssertEqual(row[path: ["object", "metadata", "namespace"]], "ns")
        XCTAssertEqual(row[path: ["object", "metadata", "labels", "app"]], "x")
        XCTAssertNil(row[path: ["object", "data"]])
        XCTAssertNotNil(table[path: ["metadata", "resourceVersion"]]?.stringValue)
    }

    func testASingleGetAskedForAsTableIsAOneRowTable() async throws {
        let (t, http) = try await setUp()
        try await t.create(t.deployments, TestCluster.deployment("web"))
        let response = await http.send("GET", "/apis/apps/v1/namespaces/ns/deployments/web", headers: [("Accept", tableAccept)])
        let table = try await response.json
        XCTAssertEqual(table["kind"], "Table")
        XCTAssertEqual(table["rows"]?.arrayValue?.count, 1)
        let columns = (table["columnDefinitions"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        XCTAssertEqual(columns.first, "Name")
        XCTAssertTrue(columns.contains("Age"), "\(columns)")
    }

    func testPlainJSONAcceptGetsTheObject() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps/a", headers: [("Accept", "application/json")])
        let body = try await response.json
        XCTAssertEqual(body["kind"], "ConfigMap")
        XCTAssertEqual(response.header("Content-Type"), "application/json")
    }

    // MARK: Bodies

    func testAProtobufSecretIsCreatedWithItsDataAndTheURLsNamespace() async throws {
        let (t, http) = try await setUp()
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "sh.helm.release.v1.x.v1", "labels": ["owner": "helm"]],
            "type": "helm.sh/release.v1", "data": ["release": .string(Base64.encode(Array("payload".utf8)))],
        ]
        let body = try KubernetesProtobuf.encode(secret)
        let response = await http.send(
            "POST", "/api/v1/namespaces/ns/secrets", headers: [("Content-Type", KubernetesProtobuf.mediaType)], body: body)
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.header("Content-Type"), "application/json")
        let created = try await response.json
        XCTAssertEqual(created.metadataNamespace, "ns")
        let stored = try await t.get(t.secrets, "sh.helm.release.v1.x.v1")
        XCTAssertEqual(stored[path: ["data", "release"]], .string(Base64.encode(Array("payload".utf8))))
        XCTAssertEqual(stored["type"], "helm.sh/release.v1")
        XCTAssertEqual(stored[path: ["metadata", "labels", "owner"]], "helm")
    }

    func testAProtobufConfigMapIsCreated() async throws {
        let (t, http) = try await setUp()
        let cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "pb"], "data": ["k": "v"]]
        let response = await http.send(
            "POST", "/api/v1/namespaces/ns/configmaps", headers: [("Content-Type", KubernetesProtobuf.mediaType)],
            body: try KubernetesProtobuf.encode(cm))
        XCTAssertEqual(response.status, 201)
        let stored = try await t.get(t.configmaps, "pb")
        XCTAssertEqual(stored["data"], ["k": "v"])
    }

    func testProtobufDeleteOptionsAreRead() async throws {
        let (t, http) = try await setUp()
        try await t.create(t.deployments, TestCluster.deployment("d"))
        let options: JSONValue = ["apiVersion": "meta.k8s.io/v1", "kind": "DeleteOptions", "propagationPolicy": "Orphan"]
        let response = await http.send(
            "DELETE", "/apis/apps/v1/namespaces/ns/deployments/d", headers: [("Content-Type", KubernetesProtobuf.mediaType)],
            body: try KubernetesProtobuf.encode(options))
        XCTAssertEqual(response.status, 200)
        let body = try await response.json
        XCTAssertEqual(body[path: ["metadata", "finalizers"]], ["orphan"])
    }

    func testAnEmptyProtobufDeleteOptionsDeletes() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("c")
        let response = await http.send(
            "DELETE", "/api/v1/namespaces/ns/configmaps/c", headers: [("Content-Type", KubernetesProtobuf.mediaType)],
            body: try KubernetesProtobuf.encode(["apiVersion": "v1", "kind": "DeleteOptions"]))
        XCTAssertEqual(response.status, 200)
        let body = try await response.json
        XCTAssertEqual(body["status"], "Success")
    }

    func testAProtobufNamespaceIsCreated() async throws {
        let (t, http) = try await setUp()
        let ns: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "from-pb"]]
        let response = await http.send(
            "POST", "/api/v1/namespaces", headers: [("Content-Type", KubernetesProtobuf.mediaType)], body: try KubernetesProtobuf.encode(ns))
        XCTAssertEqual(response.status, 201)
        let stored = try await t.get(t.namespaces, "from-pb", namespace: nil)
        XCTAssertEqual(stored[path: ["status", "phase"]], "Active")
    }

    func testAProtobufBodyOfAKindWithoutACodecIs415() async throws {
        let (_, http) = try await setUp()
        let typeMeta: [UInt8] = [0x0A, 7] + Array("apps/v1".utf8) + [0x12, 10] + Array("Deployment".utf8)
        let body: [UInt8] = [0x6B, 0x38, 0x73, 0x00, 0x0A, UInt8(typeMeta.count)] + typeMeta + [0x12, 0x00]
        let response = await http.send(
            "POST", "/apis/apps/v1/namespaces/ns/deployments", headers: [("Content-Type", KubernetesProtobuf.mediaType)], body: body)
        XCTAssertEqual(response.status, 415)
    }

    func testJSONDeleteOptionsPreconditionsAreHonoured() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("c")
        let response = await http.send(
            "DELETE", "/api/v1/namespaces/ns/configmaps/c",
            json: ["kind": "DeleteOptions", "apiVersion": "v1", "preconditions": ["uid": "wrong"]])
        XCTAssertEqual(response.status, 409)
        let body = try await response.json
        XCTAssertEqual(body["reason"], "Conflict")
    }

    func testAMalformedLabelSelectorIsBadRequest() async throws {
        let (_, http) = try await setUp()
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?labelSelector=a%20in%20(")
        XCTAssertEqual(response.status, 400)
    }

    func testAnUnsupportedFieldSelectorIsBadRequestOverHTTP() async throws {
        let (_, http) = try await setUp()
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?fieldSelector=x%3D1")
        XCTAssertEqual(response.status, 400)
        let body = try await response.json
        XCTAssertEqual(body["message"], "field label not supported: x")
    }

    func testPostingToAnObjectURLIsMethodNotAllowed() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("c")
        let response = await http.send("POST", "/api/v1/namespaces/ns/configmaps/c", json: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"]])
        XCTAssertEqual(response.status, 405)
    }

    func testAnUnknownContentTypeIs415() async throws {
        let (_, http) = try await setUp()
        let response = await http.send(
            "POST", "/api/v1/namespaces/ns/configmaps", headers: [("Content-Type", "application/cbor")], body: [0xA0])
        XCTAssertEqual(response.status, 415)
        let body = try await response.json
        XCTAssertEqual(body["kind"], "Status")
        XCTAssertEqual(body["reason"], "UnsupportedMediaType")
        XCTAssertEqual(body["code"], 415)
    }

    func testAnUnknownPatchContentTypeIs415() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("c")
        let response = await http.send("PATCH", "/api/v1/namespaces/ns/configmaps/c", json: ["data": ["a": "b"]], contentType: "application/json")
        XCTAssertEqual(response.status, 415)
    }

    func testAJSONBodyWithoutContentTypeIsAccepted() async throws {
        let (_, http) = try await setUp()
        let cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "py"]]
        let response = await http.send("POST", "/api/v1/namespaces/ns/configmaps", body: cm.serializedBytes())
        XCTAssertEqual(response.status, 201)
    }

    func testAYAMLBodyIsAccepted() async throws {
        let (_, http) = try await setUp()
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n"
        let response = await http.send("POST", "/api/v1/namespaces/ns/configmaps", headers: [("Content-Type", "application/yaml")], body: Array(yaml.utf8))
        let body = try await response.json
        XCTAssertEqual(response.status, 201, body.serialized())
        XCTAssertEqual(body["data"], ["k": "v"])
    }

    func testDryRunAllInTheQueryStoresNothing() async throws {
        let (t, http) = try await setUp()
        let response = await http.send(
            "POST", "/api/v1/namespaces/ns/configmaps?dryRun=All", json: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "dry"]])
        XCTAssertEqual(response.status, 201)
        let e = await expectAPIError { _ = try await t.get(t.configmaps, "dry") }
        XCTAssertEqual(e?.code, 404)
    }

    func testAnUnsupportedDryRunValueIsBadRequest() async throws {
        let (_, http) = try await setUp()
        let response = await http.send(
            "POST", "/api/v1/namespaces/ns/configmaps?dryRun=Some", json: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "dry"]])
        XCTAssertEqual(response.status, 400)
    }

    func testApplyThroughHTTPCreatesWith201() async throws {
        let (_, http) = try await setUp()
        let response = await http.send(
            "PATCH", "/api/v1/namespaces/ns/configmaps/c?fieldManager=kubectl&force=false",
            json: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["a": "1"]],
            contentType: "application/apply-patch+yaml")
        XCTAssertEqual(response.status, 201)
    }

    func testStatusSubresourceIsServedForKindsThatHaveIt() async throws {
        let (t, http) = try await setUp()
        try await t.create(t.deployments, TestCluster.deployment("d"))
        try await t.configMap("c")
        let status = await http.send("GET", "/apis/apps/v1/namespaces/ns/deployments/d/status")
        XCTAssertEqual(status.status, 200)
        let noStatus = await http.send("GET", "/api/v1/namespaces/ns/configmaps/c/status")
        XCTAssertEqual(noStatus.status, 404)
    }

    // MARK: Discovery and unknown paths

    func testDiscoveryNegotiatesAggregatedOrLegacyByAccept() async throws {
        let (_, http) = try await setUp()
        let aggregated = await http.send(
            "GET", "/apis", headers: [("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")])
        XCTAssertEqual(aggregated.status, 200)
        XCTAssertEqual(aggregated.header("Content-Type"), "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
        let aggregatedBody = try await aggregated.json
        XCTAssertEqual(aggregatedBody["kind"], "APIGroupDiscoveryList")
        let legacy = await http.send("GET", "/apis", headers: [("Accept", "application/json, */*")])
        XCTAssertEqual(legacy.header("Content-Type"), "application/json")
        let legacyBody = try await legacy.json
        XCTAssertEqual(legacyBody["kind"], "APIGroupList")
    }

    func testACRDIsDiscoverableAtOnce() async throws {
        let (t, http) = try await setUp()
        try await t.create(t.crds, DiscoveryFixtures.helmReleaseCRD())
        let response = await http.send("GET", "/apis/helm.rudder.dev/v1")
        XCTAssertEqual(response.status, 200)
        let body = try await response.json
        XCTAssertTrue((body["resources"]?.arrayValue ?? []).contains { $0["name"] == "helmreleases" })
    }

    func testAnUnknownPathIsA404Status() async throws {
        let (_, http) = try await setUp()
        for path in ["/nothing/here", "/api/v1/namespaces/ns/widgets", "/apis/example.com/v1/things"] {
            let response = await http.send("GET", path)
            XCTAssertEqual(response.status, 404, path)
            let body = try await response.json
            XCTAssertEqual(body["kind"], "Status", path)
            XCTAssertEqual(body["reason"], "NotFound", path)
            XCTAssertEqual(body["message"], "the server could not find the requested resource", path)
        }
    }

    func testAMissingObjectIsA404StatusNamingIt() async throws {
        let (_, http) = try await setUp()
        let response = await http.send("GET", "/apis/apps/v1/namespaces/ns/deployments/ghost")
        XCTAssertEqual(response.status, 404)
        let body = try await response.json
        XCTAssertEqual(body["message"], "deployments.apps \"ghost\" not found")
        XCTAssertEqual(body[path: ["details", "group"]], "apps")
        XCTAssertEqual(body[path: ["details", "kind"]], "deployments")
    }

    // MARK: Watch over HTTP

    func testTimeoutSecondsEndsTheWatchStream() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=true&timeoutSeconds=1")
        XCTAssertEqual(response.status, 200)
        guard case .stream(let stream) = response.body else { return XCTFail("a watch streams its answer") }
        let chunks = await StreamRecorder.start(stream)
        let ended = await chunks.waitFinished(timeout: .seconds(30))
        XCTAssertTrue(ended, "the server closes the stream when timeoutSeconds runs out")
        let events = watchEvents(await chunks.items)
        XCTAssertEqual(events.map { $0["type"] }, ["ADDED"])
    }

    func testAWatchStreamsOneJSONEventPerLine() async throws {
        let (t, http) = try await setUp()
        let rv = await t.store.resourceVersion
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=1&resourceVersion=\(rv)")
        XCTAssertEqual(response.header("Content-Type"), "application/json")
        guard case .stream(let stream) = response.body else { return XCTFail("a watch streams its answer") }
        let chunks = await StreamRecorder.start(stream)
        try await t.configMap("a")
        _ = try await t.patch(t.configmaps, "a", .merge, ["data": ["k": "2"]])
        let recorded = await chunks.wait { items, finished in watchEvents(items).count >= 2 || finished }
        XCTAssertTrue(recorded.allSatisfy { $0.last == UInt8(ascii: "\n") }, "every event ends its line")
        let events = watchEvents(recorded)
        XCTAssertEqual(events.map { $0["type"] }, ["ADDED", "MODIFIED"])
        XCTAssertEqual(events.first?[path: ["object", "kind"]], "ConfigMap")
        XCTAssertEqual(events.first?[path: ["object", "apiVersion"]], "v1")
        await chunks.stop()
    }

    func testDroppingAllWatchesEndsOpenStreams() async throws {
        let (t, http) = try await setUp()
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=true")
        guard case .stream(let stream) = response.body else { return XCTFail("a watch streams its answer") }
        let chunks = await StreamRecorder.start(stream)
        try await t.configMap("a")
        await chunks.wait { items, finished in !watchEvents(items).isEmpty || finished }
        await t.store.dropAllWatches()
        let ended = await chunks.waitFinished()
        XCTAssertTrue(ended, "clients must see the server close the stream, so they resume")
    }

    func testAClientLeavingAWatchUnregistersItFromTheStore() async throws {
        let (t, http) = try await setUp()
        let before = await t.store.watcherCount
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=true")
        guard case .stream(let stream) = response.body else { return XCTFail("a watch streams its answer") }
        let during = await t.store.watcherCount
        XCTAssertEqual(during, before + 1)
        let chunks = await StreamRecorder.start(stream)
        await chunks.stop()
        var after = await t.store.watcherCount
        for _ in 0..<2000 where after != before {
            try await Task.sleep(for: .milliseconds(5))
            after = await t.store.watcherCount
        }
        XCTAssertEqual(after, before)
    }

    func testAWatchAskedForAsTableSendsOneRowTables() async throws {
        let (t, http) = try await setUp()
        try await t.configMap("a")
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=true", headers: [("Accept", tableAccept)])
        guard case .stream(let stream) = response.body else { return XCTFail("a watch streams its answer") }
        let chunks = await StreamRecorder.start(stream)
        let recorded = await chunks.wait { items, finished in !watchEvents(items).isEmpty || finished }
        let event = try XCTUnwrap(watchEvents(recorded).first)
        XCTAssertEqual(event["type"], "ADDED")
        XCTAssertEqual(event[path: ["object", "kind"]], "Table")
        XCTAssertEqual(event[path: ["object", "rows"]]?.arrayValue?.count, 1)
        await chunks.stop()
    }

    func testWatchListWithoutNotOlderThanIs422OverHTTP() async throws {
        let (_, http) = try await setUp()
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true")
        XCTAssertEqual(response.status, 422)
        let body = try await response.json
        XCTAssertEqual(body["reason"], "Invalid")
    }

    func testAnExpiredWatchAnswers200ThenAnERROREvent() async throws {
        let t = try await TestCluster(store: ObjectStore(historyLimit: 1))
        let http = TestHTTP(t.cluster)
        try await t.configMap("a")
        try await t.configMap("b")
        try await t.configMap("c")
        let response = await http.send("GET", "/api/v1/namespaces/ns/configmaps?watch=true&resourceVersion=1")
        XCTAssertEqual(response.status, 200)
        let events = watchEvents([await response.bytes])
        XCTAssertEqual(events.map { $0["type"] }, ["ERROR"])
        XCTAssertEqual(events.first?[path: ["object", "code"]], 410)
    }
}
