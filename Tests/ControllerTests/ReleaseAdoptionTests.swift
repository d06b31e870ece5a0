import Charts
import ChartSources
import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// A release first installed by the Helm CLI is adopted by a HelmRelease naming the same
/// chart and values (no new revision), then continued: Rudder's next revision follows
/// Helm's, and Helm reads it.
final class ReleaseAdoptionTests: StorageTestCase {
    func testAReleaseInstalledByHelmIsAdoptedAndContinued() async throws {
        let cluster = try await startCluster()
        let chartPath = try cluster.writeChart()
        _ = succeeded(try await cluster.helm([["action": "install", "name": "demo", "chart": chartPath, "values": ["replicas": 3]]]))

        // The same chart, packaged into a ConfigMap, and the same values, in a HelmRelease.
        let archive = try ChartPackager(destination: cluster.directory.path).package(chartPath)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        let configMaps = ResourceClient(client: cluster.client, resource: ConfigMap.groupVersionResource, namespace: "default")
        _ = try await configMaps.apply(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "charts"], "binaryData": ["demo.tgz": .string(bytes.base64EncodedString())]],
            fieldManager: "test")
        let crds = ResourceClient(
            client: cluster.client, resource: GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions"))
        _ = try await crds.create(HelmReleaseCRD.definition)
        let releases = ResourceClient(client: cluster.client, resource: HelmRelease.groupVersionResource, namespace: "default")
        func apply(_ values: JSONValue) async throws {
            _ = try await releases.apply(
                ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"],
                 "spec": ["chart": ["packagedRef": ["name": "charts", "key": "demo.tgz"]], "values": values, "wait": false]],
                fieldManager: "kubectl")
        }
        try await apply(["replicas": 3])

        let environment = ReconcilerEnvironment(
            client: cluster.client, mapper: RESTMapper(client: cluster.client),
            fetcher: ChartFetcher(cache: ChartCache(root: cluster.directory.appendingPathComponent("cache").path)))
        let controller = ReleaseController(environment: environment)
        let running = Task { await controller.run() }
        addTeardownBlock {
            running.cancel()
            await running.value
        }

        func waitFor(_ what: String, _ condition: (HelmRelease) -> Bool) async throws -> HelmRelease {
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                let release = try await releases.get("demo").decode(HelmRelease.self)
                if condition(release) { return release }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw WaitTimedOut(what: what, last: "\(String(describing: try await releases.get("demo")["status"]))")
        }
        let adopted = try await waitFor("adoption") { $0.isReady }
        XCTAssertEqual(adopted.status?.history?.map(\.revision), [1], "adopted as it is: no new revision")
        let history = try await cluster.store().history("demo")
        XCTAssertEqual(history.count, 1)

        try await apply(["replicas": 4])
        let continued = try await waitFor("revision 2") { $0.isReady && $0.status?.history?.first?.revision == 2 }
        XCTAssertEqual(continued.status?.history?.map(\.status), ["deployed", "superseded"])
        let helmHistory = succeeded(try await cluster.helm([["action": "history", "name": "demo"]]))
        let revisions = (helmHistory.first as? [[String: Any]])?.compactMap { $0["revision"] as? Int }
        XCTAssertEqual(revisions, [1, 2])
        let config = try await ResourceClient(client: cluster.client, resource: ConfigMap.groupVersionResource, namespace: "default")
            .get("demo-config")
        XCTAssertEqual(config[path: ["data", "replicas"]], "4")
    }
}
