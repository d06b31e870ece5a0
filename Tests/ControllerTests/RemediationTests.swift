import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// Failed installs and upgrades: counted, remediated as the spec says, retried after a
/// backoff, stalled when the retries are used up, and tried afresh on request.
final class RemediationTests: XCTestCase {
    private func release(values: JSONValue = [:], extra: [String: JSONValue] = [:], annotations: JSONValue? = nil) -> JSONValue {
        var spec: [String: JSONValue] = [
            "chart": ["packagedRef": ["name": "charts", "key": "demo-0.1.0.tgz"]], "values": values, "timeout": "2s", "interval": "3s",
        ]
        for (k, v) in extra { spec[k] = v }
        var metadata: [String: JSONValue] = ["name": "demo"]
        if let annotations { metadata["annotations"] = annotations }
        return ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": .object(metadata), "spec": .object(spec)]
    }

    private func condition(_ hr: HelmRelease, _ type: String) -> Condition? {
        hr.status?.conditions?.first { $0.type == type }
    }

    func testAFailedUpgradeIsRolledBackRetriedAndStalledWhenRetriesRunOut() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        let remediation: JSONValue = ["remediation": ["retries": 1, "strategy": "rollback"]]
        _ = try await harness.releases.apply(release(extra: ["upgrade": remediation]), fieldManager: "kubectl")
        _ = try await harness.waitFor("revision 1 ready") { $0.isReady && $0.status?.history?.first?.revision == 1 }

        _ = try await harness.releases.apply(release(values: ["simulate": "never-ready"], extra: ["upgrade": remediation]), fieldManager: "kubectl")
        let stalled = try await harness.waitFor("stalled after the retry") { hr in
            self.condition(hr, "Stalled")?.reason == "RetriesExceeded"
        }
        // 2 failed, 3 rolled back to 1; the retry: 4 failed, 5 rolled back to 3 (the last deployed).
        XCTAssertEqual(stalled.status?.history?.map(\.revision), [5, 4, 3, 2, 1])
        XCTAssertEqual(stalled.status?.history?.map(\.status), ["deployed", "failed", "superseded", "failed", "superseded"])
        XCTAssertEqual(stalled.status?.history?.first?.description, "Rollback to 3")
        XCTAssertEqual(stalled.status?.upgradeFailures, 2)
        XCTAssertEqual(condition(stalled, "Remediated")?.status, .true)
        XCTAssertEqual(condition(stalled, "Ready")?.status, .false)
        let message = condition(stalled, "Stalled")?.message ?? ""
        XCTAssertTrue(message.contains("2 failed upgrade attempt(s)") && message.contains("helm.rudder.dev/requestedAt"), message)
        let deployment = try await harness.resource("apps", "v1", "deployments", namespace: "default").get("demo-web")
        XCTAssertNil(deployment[path: ["metadata", "labels", "rudder.dev/simulate"]], "the last good revision runs")

        // A person asks again: counters reset, one more round of attempts.
        _ = try await harness.releases.apply(
            release(values: ["simulate": "never-ready"], extra: ["upgrade": remediation], annotations: ["helm.rudder.dev/requestedAt": "1"]),
            fieldManager: "kubectl")
        let retried = try await harness.waitFor("a fresh attempt") { hr in
            hr.status?.lastHandledRequestedAt == "1" && (hr.status?.history?.first?.revision ?? 0) >= 6
        }
        XCTAssertEqual(retried.status?.lastHandledRequestedAt, "1")
    }

    func testAFailedInstallWithoutRetriesIsLeftForInspectionAndStalled() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release(values: ["simulate": "never-ready"]), fieldManager: "kubectl")
        let stalled = try await harness.waitFor("stalled install") { hr in self.condition(hr, "Stalled")?.reason == "RetriesExceeded" }
        XCTAssertEqual(stalled.status?.installFailures, 1)
        XCTAssertEqual(stalled.status?.history?.map(\.status), ["failed"], "no remediation without retries: the failure stays")
        XCTAssertNil(condition(stalled, "Remediated"))

        // A new spec starts afresh.
        _ = try await harness.releases.apply(release(values: [:]), fieldManager: "kubectl")
        let fixed = try await harness.waitFor("revision 2 ready") { $0.isReady && $0.status?.history?.first?.revision == 2 }
        XCTAssertNil(condition(fixed, "Stalled"))
        XCTAssertNil(fixed.status?.installFailures)
    }

    func testAFailedInstallWithRetriesIsUninstalledAndTriedAgain() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(
            release(values: ["simulate": "never-ready"], extra: ["install": ["remediation": ["retries": 1]]]), fieldManager: "kubectl")
        let stalled = try await harness.waitFor("stalled after the retry") { hr in self.condition(hr, "Stalled")?.reason == "RetriesExceeded" }
        XCTAssertEqual(stalled.status?.installFailures, 2)
        XCTAssertEqual(condition(stalled, "Remediated")?.reason, "UninstallSucceeded")
        let records = try await ReleaseStore(client: harness.client, namespace: "default").history("demo")
        XCTAssertEqual(records.count, 0, "each failed install was uninstalled")
        let deployment = try await harness.resource("apps", "v1", "deployments", namespace: "default").getIfExists("demo-web")
        XCTAssertNil(deployment)
    }
}
