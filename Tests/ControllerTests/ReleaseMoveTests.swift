import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// A new `releaseName` or `targetNamespace` is a different Helm release: the old one is
/// uninstalled before the new one is installed, so nothing is left behind.
final class ReleaseMoveTests: XCTestCase {
    private func release(_ spec: [String: JSONValue] = [:]) -> JSONValue {
        var full: [String: JSONValue] = ["chart": ["packagedRef": ["name": "charts", "key": "demo-0.1.0.tgz"]], "timeout": "30s"]
        for (k, v) in spec { full[k] = v }
        return ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"], "spec": .object(full)]
    }

    func testARenamedReleaseUninstallsTheOldOneFirst() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release(), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed as demo") { $0.isReady }

        _ = try await harness.releases.apply(release(["releaseName": "renamed"]), fieldManager: "kubectl")
        let hr = try await harness.waitFor("installed as renamed") { $0.isReady && $0.status?.releaseName == "renamed" }
        XCTAssertEqual(hr.status?.history?.map(\.revision), [1])
        let configMaps = harness.resource("", "v1", "configmaps", namespace: "default")
        let old = try await configMaps.getIfExists("demo-settings")
        XCTAssertNil(old, "the old release's objects are gone")
        let new = try await configMaps.getIfExists("renamed-settings")
        XCTAssertNotNil(new)
        let store = ReleaseStore(client: harness.client, namespace: "default")
        let oldRecords = try await store.history("demo")
        XCTAssertEqual(oldRecords.count, 0)
    }

    func testANewTargetNamespaceUninstallsTheReleaseFromTheOldOne() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        _ = try await harness.resource("", "v1", "namespaces").create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "apps"]])
        harness.startController()
        // History stays in `default` (storageNamespace), only the objects move.
        _ = try await harness.releases.apply(release(["storageNamespace": "default"]), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed in default") { $0.isReady }

        _ = try await harness.releases.apply(release(["storageNamespace": "default", "targetNamespace": "apps"]), fieldManager: "kubectl")
        _ = try await harness.waitFor("the new spec ready") { $0.isReady && $0.metadata.generation == 2 }
        let moved = try await harness.resource("", "v1", "configmaps", namespace: "apps").getIfExists("demo-settings")
        XCTAssertNotNil(moved, "installed in apps")
        let left = try await harness.resource("", "v1", "configmaps", namespace: "default").getIfExists("demo-settings")
        XCTAssertNil(left, "nothing is left in the old namespace")
    }
}
