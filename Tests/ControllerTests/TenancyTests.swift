import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// `spec.serviceAccountName`: the release's objects and history are read and written as
/// that ServiceAccount. Without the rights, nothing is recorded or applied and the
/// condition carries the server's 403; once granted, the release goes on by itself.
final class TenancyTests: XCTestCase {
    func testAServiceAccountWithoutRightsTouchesNothingAndProceedsOnceGranted() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(
            [
                "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"],
                "spec": [
                    "chart": ["packagedRef": ["name": "charts", "key": "demo-0.1.0.tgz"]], "timeout": "30s", "interval": "2s",
                    "serviceAccountName": "deployer",
                ],
            ], fieldManager: "kubectl")
        let refused = try await harness.waitFor("refused") { $0.ready?.reason == "Forbidden" }
        let message = refused.ready?.message ?? ""
        XCTAssertTrue(message.contains(#"User "system:serviceaccount:default:deployer" cannot list resource "secrets""#), message)

        // Rights to the release history only: the chart's objects are still refused, before
        // anything is written.
        try await grant(harness, "history", rules: [["apiGroups": [""], "resources": ["secrets"], "verbs": ["*"]]])
        let preflight = try await harness.waitFor("refused by the dry run") { $0.ready?.message.contains("nothing was recorded") ?? false }
        let refusal = preflight.ready?.message ?? ""
        XCTAssertEqual(preflight.ready?.reason, "Forbidden")
        XCTAssertTrue(refusal.contains(#"User "system:serviceaccount:default:deployer" cannot"#), refusal)
        let records = try await ReleaseStore(client: harness.client, namespace: "default").history("demo")
        XCTAssertEqual(records.count, 0, "no history written")
        let settings = try await harness.resource("", "v1", "configmaps", namespace: "default").getIfExists("demo-settings")
        XCTAssertNil(settings, "nothing applied")

        // The namespace's admin grants the rights the chart needs.
        try await grant(harness, "objects", rules: [
            ["apiGroups": [""], "resources": ["configmaps", "services"], "verbs": ["*"]],
            ["apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["*"]],
        ])
        let hr = try await harness.waitFor("installed as the ServiceAccount") { $0.isReady }
        XCTAssertEqual(hr.status?.history?.first?.revision, 1)
        let managers = try await harness.resource("", "v1", "configmaps", namespace: "default").get("demo-settings")[
            path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue }
        XCTAssertEqual(managers, ["rudder"])
    }

    private func grant(_ harness: ReconcileHarness, _ name: String, rules: [JSONValue]) async throws {
        _ = try await harness.resource("rbac.authorization.k8s.io", "v1", "roles", namespace: "default").create([
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": .string(name)], "rules": .array(rules),
        ])
        _ = try await harness.resource("rbac.authorization.k8s.io", "v1", "rolebindings", namespace: "default").create([
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": .string(name)],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(name)],
            "subjects": [["kind": "ServiceAccount", "name": "deployer", "namespace": "default"]],
        ])
    }
}
