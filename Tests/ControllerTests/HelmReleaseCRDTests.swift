import Controller
import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// The generated CRD as an API server takes it: accepted as structural, defaults filled in,
/// undeclared fields pruned, status a subresource.
final class HelmReleaseCRDTests: XCTestCase {
    private func startServer() async throws -> (APIClient, Task<Void, any Error>) {
        var configuration = APIServer.Configuration()
        configuration.port = 0
        configuration.tls = nil
        configuration.workloadSimulator = nil
        let server = APIServer(configuration: configuration)
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let serving = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { announce.finish() }
            try await server.run { announce.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return (try APIClient(configuration: TransportConfiguration(server: "http://127.0.0.1:\(port)")), serving)
    }

    func testTheServerAcceptsTheCRDAndDefaultsAMinimalRelease() async throws {
        let (client, serving) = try await startServer()
        defer { serving.cancel() }
        let crds = ResourceClient(
            client: client, resource: GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions"))
        _ = try await crds.create(HelmReleaseCRD.definition)
        let releases = ResourceClient(client: client, resource: HelmRelease.groupVersionResource, namespace: "default")
        let created = try await releases.create([
            "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "podinfo"],
            "spec": ["chart": ["repository": "https://charts.example.com", "name": "podinfo"], "unknownField": true],
        ])
        let release = try created.decode(HelmRelease.self)
        XCTAssertEqual(release.spec.interval, "10m")
        XCTAssertEqual(release.spec.timeout, "5m")
        XCTAssertEqual(release.spec.wait, true)
        XCTAssertEqual(release.spec.suspend, false)
        XCTAssertEqual(release.spec.maxHistory, 10)
        XCTAssertEqual(release.spec.storage, .secret)
        XCTAssertNil(created[path: ["spec", "unknownField"]], "undeclared fields are pruned")

        var status = HelmReleaseStatus()
        status.observedGeneration = release.metadata.generation
        status.conditions = [Condition(type: ConditionType.ready, status: .true, lastTransitionTime: .now, reason: "Installed", message: "ok")]
        var withStatus = release
        withStatus.status = status
        let updated = try await releases.updateStatus(try JSONValue(encoding: withStatus))
        XCTAssertEqual(try updated.decode(HelmRelease.self).status?.conditions?.first?.reason, "Installed")
    }

    func testPostRenderersAndCommonMetadataAreKeptByTheServer() async throws {
        let (client, serving) = try await startServer()
        defer { serving.cancel() }
        let crds = ResourceClient(
            client: client, resource: GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions"))
        _ = try await crds.create(HelmReleaseCRD.definition)
        let releases = ResourceClient(client: client, resource: HelmRelease.groupVersionResource, namespace: "default")
        let postRenderers: JSONValue = [[
            "kustomize": [
                "patches": [["patch": "- {op: add, path: /spec/replicas, value: 2}", "target": ["kind": "Deployment", "labelSelector": "app=web"]]],
                "images": [["name": "nginx", "newTag": "1.28"]],
            ]
        ]]
        let created = try await releases.create([
            "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "podinfo"],
            "spec": [
                "chart": ["repository": "https://charts.example.com", "name": "podinfo"], "postRenderers": postRenderers,
                "commonMetadata": ["labels": ["env": "prod"], "annotations": ["owner": "platform"]],
            ],
        ])
        XCTAssertEqual(created[path: ["spec", "postRenderers"]], postRenderers, "nothing pruned")
        let spec = try created.decode(HelmRelease.self).spec
        XCTAssertEqual(spec.postRenderers?.first?.kustomize?.images, [KustomizeImage(name: "nginx", newTag: "1.28")])
        XCTAssertEqual(spec.commonMetadata, CommonMetadata(labels: ["env": "prod"], annotations: ["owner": "platform"]))
        do {
            _ = try await releases.create([
                "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "bad"],
                "spec": [
                    "chart": ["repository": "https://charts.example.com", "name": "x"],
                    "postRenderers": [["kustomize": ["images": [["newTag": "1.28"]], "patches": [["patch": ""]]]]],
                ],
            ])
            XCTFail("a post-renderer without an image name or patch text was stored")
        } catch let error as KubeAPIError {
            XCTAssertTrue(error.isInvalid, error.description)
            XCTAssertTrue(error.message.contains("spec.postRenderers[0].kustomize.images[0].name"), error.message)
        }
    }

    func testAnInvalidSpecIsRefusedWithTheFieldNamed() async throws {
        let (client, serving) = try await startServer()
        defer { serving.cancel() }
        let crds = ResourceClient(
            client: client, resource: GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions"))
        _ = try await crds.create(HelmReleaseCRD.definition)
        let releases = ResourceClient(client: client, resource: HelmRelease.groupVersionResource, namespace: "default")
        do {
            _ = try await releases.create([
                "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "bad"],
                "spec": ["chart": ["repository": "https://charts.example.com", "name": "x"], "interval": "ten minutes", "storage": "Etcd"],
            ])
            XCTFail("an invalid HelmRelease was stored")
        } catch let error as KubeAPIError {
            XCTAssertTrue(error.isInvalid, error.description)
            XCTAssertTrue(error.message.contains("spec.interval"), error.message)
            XCTAssertTrue(error.message.contains("spec.storage"), error.message)
        }
    }
}
