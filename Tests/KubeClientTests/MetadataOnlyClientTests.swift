import EmbeddedAPIServer
import KubeClient
import KubeObjects
import XCTest

/// `ResourceClient.metadataOnly()` against the embedded server: Helm's release Secrets
/// seen as `PartialObjectMetadata`, so a watcher of them never holds their payloads.
final class MetadataOnlyClientTests: TransportTestCase {
    static let secretsResource = GroupVersionResource(group: "", version: "v1", resource: "secrets")
    /// A release payload's size: big enough that metadata is a small part of the object.
    static let payload = Array(repeating: UInt8(ascii: "r"), count: 16 * 1024)

    private func secrets(_ cluster: TestCluster) throws -> ResourceClient {
        ResourceClient(client: try APIClient(configuration: cluster.configuration()), resource: Self.secretsResource, namespace: "default")
    }

    private func releaseRecord(_ name: String, version: Int = 1, status: String = "deployed") -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
            "metadata": ["name": .string(name), "labels": ["owner": "helm", "name": "web", "status": .string(status), "version": .string(String(version))]],
            "data": ["release": .string(Base64.encode(Self.payload))],
        ]
    }

    private let helm = ListParams(labelSelector: "owner=helm")

    private func isMetadata(_ object: JSONValue) -> Bool {
        object["kind"] == "PartialObjectMetadata" && object["apiVersion"] == "meta.k8s.io/v1" && object["data"] == nil
            && object["type"] == nil
    }

    // MARK: Reflector

    func testAMetadataOnlyReflectorOfSecretsCachesMetadataWithoutData() async throws {
        let cluster = try await startCluster()
        let whole = try secrets(cluster)
        for v in 1...3 { try await whole.create(releaseRecord("sh.helm.release.v1.web.v\(v)", version: v)) }
        let reflector = whole.metadataOnly().reflector(helm)
        record(reflector.changes(), into: Recorder<ObjectChange>())
        try await reflector.waitForSync()
        let cached = await reflector.cache.list()
        XCTAssertEqual(cached.compactMap(\.metadataName).sorted(), (1...3).map { "sh.helm.release.v1.web.v\($0)" })
        XCTAssertTrue(cached.allSatisfy(isMetadata), "\(cached)")
        let ref = ObjectRef(namespace: "default", name: "sh.helm.release.v1.web.v2")
        let byRef = await reflector.cache.get(ref)
        XCTAssertEqual(byRef?[path: ["metadata", "labels", "version"]], "2", "ObjectRef keys the metadata like the object")
    }

    func testAMetadataOnlyReflectorSeesCreatesUpdatesAndDeletes() async throws {
        let cluster = try await startCluster()
        let whole = try secrets(cluster)
        try await whole.create(releaseRecord("sh.helm.release.v1.web.v1"))
        let reflector = whole.metadataOnly().reflector(helm)
        let changes = Recorder<ObjectChange>()
        record(reflector.changes(), into: changes)
        try await reflector.waitForSync()
        // A `helm upgrade` behind the controller's back: a new record, the old one superseded.
        try await whole.create(releaseRecord("sh.helm.release.v1.web.v2", version: 2))
        _ = try await whole.patch("sh.helm.release.v1.web.v1", .merge(["metadata": ["labels": ["status": "superseded"]]]))
        try await whole.delete("sh.helm.release.v1.web.v1")
        let seen = await eventually {
            await changes.items.contains { if case .deleted(let o) = $0 { o.metadataName == "sh.helm.release.v1.web.v1" } else { false } }
        }
        XCTAssertTrue(seen, "the deletion must arrive")
        let items = await changes.items
        let summary = items.map { change -> String in
            let o = change.object
            let label = o[path: ["metadata", "labels", "status"]]?.stringValue ?? ""
            switch change {
            case .applied: return "applied \(o.metadataName ?? "") \(label)"
            case .deleted: return "deleted \(o.metadataName ?? "")"
            }
        }
        XCTAssertEqual(summary, [
            "applied sh.helm.release.v1.web.v1 deployed", "applied sh.helm.release.v1.web.v2 deployed",
            "applied sh.helm.release.v1.web.v1 superseded", "deleted sh.helm.release.v1.web.v1",
        ])
        XCTAssertTrue(items.map(\.object).allSatisfy(isMetadata), "\(items)")
        let remaining = await reflector.cache.list().compactMap(\.metadataName)
        XCTAssertEqual(remaining, ["sh.helm.release.v1.web.v2"])
    }

    func testAMetadataOnlyCacheHoldsFarFewerBytesPerObject() async throws {
        let cluster = try await startCluster()
        let whole = try secrets(cluster)
        try await whole.create(releaseRecord("sh.helm.release.v1.web.v1"))
        let full = try await whole.get("sh.helm.release.v1.web.v1")
        let reflector = whole.metadataOnly().reflector(helm)
        record(reflector.changes(), into: Recorder<ObjectChange>())
        try await reflector.waitForSync()
        let all = await reflector.cache.list()
        let cached = try XCTUnwrap(all.first)
        let cachedBytes = cached.serializedBytes().count
        let fullBytes = full.serializedBytes().count
        XCTAssertLessThan(cachedBytes * 10, fullBytes, "metadata \(cachedBytes) bytes, object \(fullBytes) bytes")
        XCTAssertEqual(cached["metadata"], full["metadata"], "the whole metadata, nothing trimmed from it")
    }

    // MARK: Requests

    func testListAllPagesMetadataAtOneResourceVersion() async throws {
        let cluster = try await startCluster()
        let whole = try secrets(cluster)
        for v in 1...3 { try await whole.create(releaseRecord("sh.helm.release.v1.web.v\(v)", version: v)) }
        let list = try await whole.metadataOnly().listAll(helm, pageSize: 1)
        XCTAssertEqual(list.items.count, 3)
        XCTAssertTrue(list.items.allSatisfy(isMetadata), "\(list.items)")
        XCTAssertFalse(list.resourceVersion.isEmpty)
        XCTAssertNil(list.continueToken)
    }

    func testGetAnswersMetadataAndAPlainClientStillGetsTheObject() async throws {
        let cluster = try await startCluster()
        let whole = try secrets(cluster)
        try await whole.create(releaseRecord("s"))
        let metadata = try await whole.metadataOnly().get("s")
        XCTAssertTrue(isMetadata(metadata), "\(metadata)")
        let object = try await whole.get("s")
        XCTAssertEqual(object["kind"], "Secret")
        XCTAssertNotNil(object[path: ["data", "release"]])
    }

    func testAWatchFromAMetadataOnlyClientStreamsMetadata() async throws {
        let cluster = try await startCluster()
        let whole = try secrets(cluster)
        let rv = try await whole.list().resourceVersion
        let events = try await whole.metadataOnly().watch(helm, resourceVersion: rv)
        try await whole.create(releaseRecord("s"))
        var iterator = events.makeAsyncIterator()
        var first = try await iterator.next()
        while first?.type == "BOOKMARK" { first = try await iterator.next() }
        let event = try XCTUnwrap(first)
        XCTAssertEqual(event.type, "ADDED")
        XCTAssertTrue(isMetadata(event.object), "\(event.object)")
        XCTAssertEqual(event.object.metadataName, "s")
    }

    func testInNamespaceKeepsMetadataOnly() async throws {
        let cluster = try await startCluster()
        let whole = try secrets(cluster)
        try await whole.create(releaseRecord("s"))
        let client = whole.inNamespace(nil).metadataOnly().inNamespace("default")
        XCTAssertTrue(client.isMetadataOnly)
        let metadata = try await client.get("s")
        XCTAssertTrue(isMetadata(metadata), "\(metadata)")
    }
}
