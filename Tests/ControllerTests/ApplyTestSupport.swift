import Charts
import Controller
import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// An embedded API server with the workload simulator, and the clients the apply and
/// readiness code take, for one test.
struct ApplyCluster: Sendable {
    let client: APIClient
    let mapper: RESTMapper

    static let release = HelmOwnership(releaseName: "shop", releaseNamespace: "apps")

    func resource(_ group: String, _ version: String, _ plural: String, namespace: String? = nil) -> ResourceClient {
        ResourceClient(client: client, resource: GroupVersionResource(group: group, version: version, resource: plural), namespace: namespace)
    }

    var configMaps: ResourceClient { resource("", "v1", "configmaps", namespace: "apps") }
    var namespaces: ResourceClient { resource("", "v1", "namespaces") }
    var deployments: ResourceClient { resource("apps", "v1", "deployments", namespace: "apps") }

    func builder(_ ownership: HelmOwnership = ApplyCluster.release) -> ReleaseObjectBuilder {
        ReleaseObjectBuilder(ownership: ownership, mapper: mapper)
    }

    func applier(_ ownership: HelmOwnership = ApplyCluster.release) -> Applier {
        Applier(client: client, mapper: mapper, ownership: ownership)
    }

    /// The release objects of a manifest text made of `# Source:` documents.
    func objects(_ text: String, ownership: HelmOwnership = ApplyCluster.release, definitions: [JSONValue] = []) async throws -> [ReleaseObject] {
        try await builder(ownership).objects(fromReleaseManifest: text, definitions: definitions)
    }

    func createNamespace(_ name: String) async throws {
        _ = try await namespaces.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }
}

class ApplyTestCase: XCTestCase {
    /// A server whose simulator makes workloads ready `readinessDelay` after they appear.
    func startCluster(readinessDelay: Duration = .milliseconds(100)) async throws -> ApplyCluster {
        var configuration = APIServer.Configuration()
        configuration.port = 0
        configuration.tls = nil
        configuration.workloadSimulator = WorkloadSimulator.Configuration(readinessDelay: readinessDelay)
        let server = APIServer(configuration: configuration)
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let serving = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { announce.finish() }
            try await server.run { announce.yield($0) }
        }
        addTeardownBlock { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let client = try APIClient(configuration: TransportConfiguration(server: "http://127.0.0.1:\(port)"))
        return ApplyCluster(client: client, mapper: RESTMapper(client: client))
    }
}

/// Manifests as Helm stores them: `---\n# Source: <path>\n<document>` each.
enum ManifestText {
    static func of(_ documents: [(path: String, yaml: String)]) -> String {
        documents.map { "---\n# Source: \($0.path)\n\($0.yaml)\n" }.joined()
    }

    static func configMap(_ name: String, data: String = "v: \"1\"", annotations: String = "") -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \(name)
        \(annotations.isEmpty ? "" : "  annotations:\n    \(annotations)")
        data:
          \(data)
        """
    }

    static func deployment(_ name: String, labels: String = "", replicas: Int = 1) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
        \(labels.isEmpty ? "" : "  labels:\n    \(labels)")
        spec:
          replicas: \(replicas)
          selector:
            matchLabels: {app: \(name)}
          template:
            metadata:
              labels: {app: \(name)}
            spec:
              containers:
              - name: app
                image: nginx:1.27
        """
    }

    static let widgetCRD = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
        """

    static func widget(_ name: String, size: Int = 1) -> String {
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: \(name)
        spec:
          size: \(size)
        """
    }
}
