import EmbeddedAPIServer
import KubeClient
import KubeObjects
import XCTest

final class DiscoveryTests: TransportTestCase {
    private func client(_ cluster: TestCluster) throws -> APIClient {
        try APIClient(configuration: cluster.configuration())
    }

    func testBuiltInKindsMapToTheirResourceAndScope() async throws {
        let cluster = try await startCluster()
        let mapper = RESTMapper(client: try client(cluster))
        let deployments = try await mapper.mapping(for: GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        XCTAssertEqual(deployments.resource, GroupVersionResource(group: "apps", version: "v1", resource: "deployments"))
        XCTAssertTrue(deployments.isNamespaced)
        XCTAssertTrue(deployments.subresources.contains("status"), "\(deployments.subresources)")
        XCTAssertTrue(deployments.subresources.contains("scale"), "\(deployments.subresources)")
        let namespaces = try await mapper.mapping(for: GroupVersionKind(group: "", version: "v1", kind: "Namespace"))
        XCTAssertEqual(namespaces.resource.resource, "namespaces")
        XCTAssertFalse(namespaces.isNamespaced)
        XCTAssertEqual(namespaces.shortNames, ["ns"])
    }

    func testAggregatedAndLegacyDiscoveryAgree() async throws {
        let cluster = try await startCluster()
        let client = try client(cluster)
        let aggregated = try await DiscoveryClient(client: client).resources()
        let legacy = try await DiscoveryClient(client: client, aggregated: false).resources()
        XCTAssertGreaterThan(aggregated.count, 20)
        let key = { (m: ResourceMapping) in "\(m.resource) \(m.kind.kind) \(m.isNamespaced) \(m.subresources.sorted())" }
        XCTAssertEqual(Set(aggregated.map(key)), Set(legacy.map(key)))
    }

    func testAnUnknownKindIsMappedOnceItsCRDExists() async throws {
        let cluster = try await startCluster()
        let client = try client(cluster)
        let mapper = RESTMapper(client: client)
        let kind = GroupVersionKind(group: "example.rudder.dev", version: "v1", kind: "Widget")
        do {
            _ = try await mapper.mapping(for: kind)
            XCTFail("a kind no CRD defines was mapped")
        } catch let error as UnknownResourceError {
            XCTAssertTrue(error.description.contains("Widget"), error.description)
        }
        let crds = ResourceClient(
            client: client, resource: GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions"))
        _ = try await crds.create(Self.widgetCRD)
        // The mapper refreshes on the miss: no invalidation needed.
        let mapping = try await mapper.mapping(for: kind)
        XCTAssertEqual(mapping.resource.resource, "widgets")
        XCTAssertTrue(mapping.isNamespaced)

        let widgets = try await mapper.resourceClient(
            for: ["apiVersion": "example.rudder.dev/v1", "kind": "Widget", "metadata": ["name": "w"]], client: client, defaultNamespace: "default")
        _ = try await widgets.create(["apiVersion": "example.rudder.dev/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["size": 3]])
        let read = try await widgets.get("w")
        XCTAssertEqual(read[path: ["spec", "size"]]?.intValue, 3)
        XCTAssertEqual(read.metadataNamespace, "default")
    }

    func testClusterScopedObjectsGetNoNamespace() async throws {
        let cluster = try await startCluster()
        let client = try client(cluster)
        let mapper = RESTMapper(client: client)
        let namespaces = try await mapper.resourceClient(
            for: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "x", "namespace": "ignored"]], client: client)
        XCTAssertNil(namespaces.namespace)
        _ = try await namespaces.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "mapped-ns"]])
        let read = try await namespaces.get("mapped-ns")
        XCTAssertEqual(read.metadataName, "mapped-ns")
    }

    static let widgetCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.example.rudder.dev"],
        "spec": [
            "group": "example.rudder.dev", "scope": "Namespaced",
            "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
            "versions": [[
                "name": "v1", "served": true, "storage": true,
                "schema": ["openAPIV3Schema": [
                    "type": "object",
                    "properties": ["spec": ["type": "object", "properties": ["size": ["type": "integer"]]]],
                ]],
            ]],
        ],
    ]
}
