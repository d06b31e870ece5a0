import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// Typed objects written to an in-process `Cluster` and read back as the server stores and
/// serves them (server-set metadata, defaults, managedFields, list items).
final class TypedClusterObjectTests: XCTestCase {
    private let cluster = Cluster()

    private func rules<R: KubeResource>(_ type: R.Type) async throws -> ResourceRules {
        let gvr = R.groupVersionResource
        let rules = await cluster.rules(group: gvr.group, version: gvr.version, plural: gvr.resource)
        return try XCTUnwrap(rules, "\(gvr) is not served")
    }

    /// Creates `object` (namespace `apps` for namespaced kinds) and returns what the server answered.
    private func create<R: KubeResource>(_ object: R) async throws -> R {
        let served = try await cluster.create(
            rules(R.self), namespace: R.isNamespaced ? "apps" : nil, object: JSONValue(encoding: object),
            options: WriteOptions())
        return try served.object.decode(R.self)
    }

    override func setUp() async throws {
        _ = try await create(Namespace(metadata: ObjectMeta(name: "apps")))
    }

    func testCreatedSecretReadsBackWithServerMetadataAndData() async throws {
        let secret = try await create(Secret(
            metadata: ObjectMeta(name: "db", labels: ["app": "db"]), data: ["password": Data("s3cr3t".utf8)], type: "Opaque"))
        XCTAssertEqual(secret.data?["password"], Data("s3cr3t".utf8))
        XCTAssertEqual(secret.metadata.namespace, "apps")
        XCTAssertNotNil(secret.metadata.uid)
        XCTAssertNotNil(secret.metadata.resourceVersion)
        XCTAssertNotNil(secret.metadata.creationTimestamp)
    }

    func testLeaseMicroTimesSurviveTheServer() async throws {
        let renew = MicroTime(secondsSinceEpoch: 1_714_564_810, microseconds: 123_456)
        let lease = try await create(Lease(
            metadata: ObjectMeta(name: "leader"),
            spec: Lease.Spec(holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: renew, renewTime: renew, leaseTransitions: 0)))
        XCTAssertEqual(lease.spec?.renewTime, renew)
        XCTAssertEqual(lease.spec?.leaseDurationSeconds, 15)
    }

    func testDeploymentTemplateSurvivesAndDefaultsAreTyped() async throws {
        let template: JSONValue = ["metadata": ["labels": ["app": "web"]],
                                   "spec": ["containers": [["name": "web", "image": "nginx:1.27"]]]]
        let deployment = try await create(Deployment(
            metadata: ObjectMeta(name: "web"),
            spec: Deployment.Spec(replicas: 2, selector: ["matchLabels": ["app": "web"]], template: template)))
        XCTAssertEqual(deployment.spec?.replicas, 2)
        XCTAssertEqual(deployment.spec?.template?[path: ["spec", "containers"]]?.arrayValue?.first?["image"], "nginx:1.27")
        XCTAssertEqual(deployment.metadata.generation, 1)
    }

    func testEventAndJobAndConfigMapDecodeFromTheServer() async throws {
        let event = try await create(Event(
            metadata: ObjectMeta(name: "web.1"), involvedObject: ObjectReference(kind: "Deployment", namespace: "apps", name: "web"),
            reason: "Scaled", message: "scaled to 2", type: "Normal", count: 1,
            firstTimestamp: Time(secondsSinceEpoch: 1_714_564_800), lastTimestamp: Time(secondsSinceEpoch: 1_714_564_800),
            source: Event.Source(component: "rudder")))
        XCTAssertEqual(event.involvedObject.name, "web")
        XCTAssertEqual(event.count, 1)
        let job = try await create(Job(
            metadata: ObjectMeta(name: "hook"),
            spec: Job.Spec(backoffLimit: 0, template: ["spec": ["restartPolicy": "Never",
                                                               "containers": [["name": "t", "image": "busybox"]]]])))
        XCTAssertEqual(job.spec?.backoffLimit, 0)
        XCTAssertEqual(job.spec?.template?[path: ["spec", "restartPolicy"]], "Never")
        let map = try await create(ConfigMap(metadata: ObjectMeta(name: "cfg"), data: ["a": "1"], binaryData: ["b": Data([0, 1, 2])]))
        XCTAssertEqual(map.binaryData?["b"], Data([0, 1, 2]))
    }

    func testListedItemsDecode() async throws {
        for name in ["a", "b", "c"] { _ = try await create(ConfigMap(metadata: ObjectMeta(name: name), data: ["n": name])) }
        let page = try await cluster.list(rules(ConfigMap.self), namespace: "apps", options: ListOptions())
        let maps = try page.items.map { try $0.decode(ConfigMap.self) }
        XCTAssertEqual(maps.compactMap { $0.metadata.name }.filter { ["a", "b", "c"].contains($0) }.sorted(), ["a", "b", "c"])
        XCTAssertEqual(maps.first { $0.metadata.name == "b" }?.data, ["n": "b"])
    }

    func testNamespaceReadsItsPhase() async throws {
        let served = try await cluster.get(rules(Namespace.self), namespace: nil, name: "apps")
        XCTAssertEqual(try served.decode(Namespace.self).status?.phase, "Active")
    }
}
