import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// Drift: another writer's edit of a field Rudder applied is corrected (or only reported
/// with `warn`), a deleted object is recreated, and scaling through the `scale`
/// subresource is not drift.
final class DriftTests: XCTestCase {
    private func release(mode: String? = nil) -> JSONValue {
        var spec: [String: JSONValue] = [
            "chart": ["packagedRef": ["name": "charts", "key": "demo-0.1.0.tgz"]], "timeout": "30s", "interval": "1s",
        ]
        if let mode { spec["driftDetection"] = ["mode": .string(mode)] }
        return ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"], "spec": .object(spec)]
    }

    private func drifted(_ hr: HelmRelease) -> Condition? { hr.status?.conditions?.first { $0.type == "Drifted" } }

    /// `kubectl edit`: a plain update of the object by another field manager.
    private func edit(_ harness: ReconcileHarness, image: String) async throws {
        let deployments = harness.resource("apps", "v1", "deployments", namespace: "default")
        // The workload simulator writes the status meanwhile: read and write again on a conflict.
        for attempt in 1...10 {
            var live = try await deployments.get("demo-web")
            live[path: ["spec", "template", "spec", "containers"]] = [["name": "web", "image": .string(image)]]
            do {
                _ = try await deployments.update(live, WriteParams(fieldManager: "kubectl-edit"))
                return
            } catch let error as KubeAPIError where error.isConflict && attempt < 10 {
                continue
            }
        }
    }

    private func image(_ harness: ReconcileHarness) async throws -> String? {
        try await harness.resource("apps", "v1", "deployments", namespace: "default").get("demo-web")[
            path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
    }

    func testAnEditOfAnAppliedFieldIsCorrectedAndADeletedObjectRecreated() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release(), fieldManager: "kubectl")
        _ = try await harness.waitFor("revision 1 ready") { $0.isReady && $0.status?.history?.first?.revision == 1 }

        try await edit(harness, image: "nginx:evil")
        let corrected = try await harness.waitFor("drift corrected") { self.drifted($0)?.reason == "DriftCorrected" }
        XCTAssertTrue(
            drifted(corrected)?.message.contains(#"Deployment "demo-web" in namespace "default": /spec/template/spec/containers/0/image"#) ?? false,
            drifted(corrected)?.message ?? "")
        let restored = try await image(harness)
        XCTAssertEqual(restored, "nginx:1.27")
        XCTAssertEqual(corrected.status?.history?.count, 1, "a correction is not a new revision")

        _ = try await harness.resource("apps", "v1", "deployments", namespace: "default").delete("demo-web")
        _ = try await harness.waitFor("deletion corrected") {
            self.drifted($0)?.message.contains(#"Deployment "demo-web" in namespace "default" deleted"#) ?? false
        }
        let recreated = try await harness.resource("apps", "v1", "deployments", namespace: "default").getIfExists("demo-web")
        XCTAssertNotNil(recreated, "the deleted Deployment is back")
    }

    func testScalingThroughTheScaleSubresourceIsNotDrift() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release(), fieldManager: "kubectl")
        _ = try await harness.waitFor("revision 1 ready") { $0.isReady }
        let deployments = harness.resource("apps", "v1", "deployments", namespace: "default")
        _ = try await deployments.patch("demo-web", .merge(["spec": ["replicas": 3]]), subresource: "scale", WriteParams(fieldManager: "kubectl"))
        // Then an edit that is drift, so the test knows a drift check ran after the scale.
        try await edit(harness, image: "nginx:evil")
        let hr = try await harness.waitFor("drift corrected") { self.drifted($0)?.reason == "DriftCorrected" }
        XCTAssertFalse(drifted(hr)?.message.contains("replicas") ?? true, drifted(hr)?.message ?? "")
        let replicas = try await deployments.get("demo-web")[path: ["spec", "replicas"]]
        XCTAssertEqual(replicas, 3, "the scale stands")
    }

    func testWarnModeReportsDriftAndLeavesIt() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release(mode: "warn"), fieldManager: "kubectl")
        _ = try await harness.waitFor("revision 1 ready") { $0.isReady }
        try await edit(harness, image: "nginx:evil")
        let hr = try await harness.waitFor("drift reported") { self.drifted($0)?.status == .true }
        XCTAssertEqual(drifted(hr)?.reason, "DriftDetected")
        let left = try await image(harness)
        XCTAssertEqual(left, "nginx:evil")
    }
}
