import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// The hooks and their runs the controller records are Helm's own: real Helm (helm-python-sdk)
/// reads a release whose hooks and tests ran.
final class StorageHelmReadsRudderHooksTests: StorageTestCase {
    func testHelmReadsTheHooksAndTestRunsWeRecord() async throws {
        // The controller installs and tests a release with hooks on the simulating server…
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(
            version: "0.1.0",
            template: HookManifests.configMap("setup", events: "pre-install,pre-upgrade", weight: -1)
                + HookManifests.job("test", events: "test", policy: "hook-succeeded"))
        harness.startController()
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0", test: true), fieldManager: "kubectl")
        _ = try await harness.waitFor("tested") { $0.isReady && $0.status?.history?.first?.testHooks != nil }
        let written = try await harness.resource("", "v1", "secrets", namespace: "default").get("sh.helm.release.v1.demo.v1")

        // …and Helm reads its record, copied as is to a cluster Helm can reach.
        let cluster = try await startCluster()
        var copy: JSONValue = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "sh.helm.release.v1.demo.v1"]]
        copy[path: ["metadata", "labels"]] = written[path: ["metadata", "labels"]]
        copy["type"] = written["type"]
        copy["data"] = written["data"]
        _ = try await cluster.objects(.secret).create(copy)
        let results = succeeded(
            try await cluster.helm([
                ["action": "get_all", "name": "demo"], ["action": "history", "name": "demo"], ["action": "status", "name": "demo"],
            ]))
        let all = try XCTUnwrap(results[0] as? [String: Any])
        let hooks = try XCTUnwrap(all["hooks"] as? [[String: Any]], "\(all.keys)")
        let byName = Dictionary(uniqueKeysWithValues: hooks.compactMap { h in (h["name"] as? String).map { ($0, h) } })
        XCTAssertEqual(Set(byName.keys), ["demo-setup", "demo-test"])
        XCTAssertEqual(lastRunPhase(byName["demo-setup"]), "Succeeded")
        XCTAssertEqual(lastRunPhase(byName["demo-test"]), "Succeeded")
        XCTAssertEqual((results[1] as? [[String: Any]])?.map { $0["status"] as? String }, ["deployed"])
        XCTAssertEqual((results[2] as? [String: Any])?["status"] as? String, "deployed")
    }

    /// `last_run.phase` of a hook as the SDK returns it (Go's JSON of `release.Hook`).
    private func lastRunPhase(_ hook: [String: Any]?) -> String? {
        let run = hook?["last_run"] as? [String: Any] ?? hook?["lastRun"] as? [String: Any]
        return run?["phase"] as? String
    }
}
