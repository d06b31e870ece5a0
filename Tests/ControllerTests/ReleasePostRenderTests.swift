import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// Post-renderers end to end: what they change is what gets applied and what the release
/// record's manifest says; a broken one fails the render and applies nothing.
final class ReleasePostRenderTests: XCTestCase {
    private func release(postRenderers: JSONValue, commonMetadata: JSONValue? = nil) -> JSONValue {
        var spec: [String: JSONValue] = [
            "chart": ["packagedRef": ["name": "charts", "key": "demo-0.1.0.tgz"]], "timeout": "30s", "postRenderers": postRenderers,
        ]
        spec["commonMetadata"] = commonMetadata
        return ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"], "spec": .object(spec)]
    }

    func testAPostRenderersPatchShowsInTheAppliedObjectAndTheReleaseManifest() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        let postRenderers: JSONValue = [[
            "kustomize": [
                "patches": [["patch": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: demo-settings}\ndata: {patched: \"yes\"}"]],
                "images": [["name": "nginx", "newTag": "1.28"]],
            ]
        ]]
        _ = try await harness.releases.apply(
            release(postRenderers: postRenderers, commonMetadata: ["labels": ["env": "prod"]]), fieldManager: "kubectl")
        let hr = try await harness.waitFor("revision 1 ready") { $0.isReady && $0.status?.history?.first?.revision == 1 }
        XCTAssertEqual(hr.ready?.reason, ReleaseReason.installSucceeded)

        let settings = try await harness.resource("", "v1", "configmaps", namespace: "default").get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "patched"]], "yes")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "hello", "the chart's data stays")
        XCTAssertEqual(settings[path: ["metadata", "labels", "env"]], "prod")
        XCTAssertEqual(settings[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], "Helm")
        let web = try await harness.resource("apps", "v1", "deployments", namespace: "default").get("demo-web")
        XCTAssertEqual(web[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"], "nginx:1.28")

        let record = try await ReleaseStore(client: harness.client, namespace: "default").get("demo", version: 1)
        XCTAssertTrue(record.manifest.contains("patched: \"yes\""), record.manifest)
        XCTAssertTrue(record.manifest.contains("image: nginx:1.28"), record.manifest)
        XCTAssertTrue(record.manifest.contains("# Source: demo/templates/configmap.yaml"), record.manifest)
    }

    func testAPostRendererTargetingNothingFailsTheRenderAndAppliesNothing() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        let postRenderers: JSONValue = [[
            "kustomize": ["patches": [["patch": "- {op: add, path: /spec/replicas, value: 2}", "target": ["kind": "StatefulSet"]]]]
        ]]
        _ = try await harness.releases.apply(release(postRenderers: postRenderers), fieldManager: "kubectl")
        let hr = try await harness.waitFor("Ready=False") { $0.ready?.status == .false }
        XCTAssertEqual(hr.ready?.reason, ReleaseReason.renderFailed)
        let message = hr.ready?.message ?? ""
        XCTAssertTrue(message.contains("postRenderers[0].kustomize.patches[0]") && message.contains("selects no rendered object"), message)
        let settings = try await harness.resource("", "v1", "configmaps", namespace: "default").getIfExists("demo-settings")
        XCTAssertNil(settings)
        let record = try await harness.resource("", "v1", "secrets", namespace: "default").getIfExists("sh.helm.release.v1.demo.v1")
        XCTAssertNil(record)
    }

    func testChangingOnlyThePostRenderersMakesANewRevision() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release(postRenderers: []), fieldManager: "kubectl")
        _ = try await harness.waitFor("revision 1 ready") { $0.isReady && $0.status?.history?.first?.revision == 1 }
        _ = try await harness.releases.apply(release(postRenderers: [], commonMetadata: ["labels": ["team": "web"]]), fieldManager: "kubectl")
        let hr = try await harness.waitFor("revision 2 ready") { $0.isReady && $0.status?.history?.first?.revision == 2 }
        XCTAssertNotNil(hr.status?.observedPostRenderersDigest)
        let settings = try await harness.resource("", "v1", "configmaps", namespace: "default").get("demo-settings")
        XCTAssertEqual(settings[path: ["metadata", "labels", "team"]], "web")
    }
}
