import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// `dependsOn`: a release waits for its dependencies to be Ready, goes on the moment they
/// are, and a cycle is reported.
final class DependsOnTests: XCTestCase {
    private func release(_ name: String, dependsOn: [String]) -> JSONValue {
        [
            "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": .string(name)],
            "spec": [
                "chart": ["packagedRef": ["name": "charts", "key": "demo-0.1.0.tgz"]], "timeout": "30s",
                "dependsOn": .array(dependsOn.map { ["name": .string($0)] }),
            ],
        ]
    }

    func testAReleaseWaitsForItsDependencyAndGoesOnWhenItIsReady() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release("demo", dependsOn: ["base"]), fieldManager: "kubectl")
        let waiting = try await harness.waitFor("waiting for base") { $0.ready?.reason == "DependencyNotReady" }
        XCTAssertTrue(waiting.ready?.message.contains("default/base (not found)") ?? false, "\(String(describing: waiting.ready))")
        XCTAssertNil(waiting.status?.history, "nothing installed while waiting")

        _ = try await harness.releases.apply(release("base", dependsOn: []), fieldManager: "kubectl")
        let hr = try await harness.waitFor("demo ready after base", timeout: .seconds(25)) { $0.isReady }
        XCTAssertEqual(hr.status?.history?.first?.revision, 1)
    }

    func testADependencyCycleIsReportedAndStalls() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release("other", dependsOn: ["demo"]), fieldManager: "kubectl")
        _ = try await harness.releases.apply(release("demo", dependsOn: ["other"]), fieldManager: "kubectl")
        let hr = try await harness.waitFor("cycle") { $0.ready?.reason == "DependencyCycle" }
        XCTAssertEqual(hr.ready?.message, "dependsOn forms a cycle: default/demo → default/other → default/demo")
        XCTAssertEqual(hr.status?.conditions?.first { $0.type == "Stalled" }?.status, .true)
    }
}
