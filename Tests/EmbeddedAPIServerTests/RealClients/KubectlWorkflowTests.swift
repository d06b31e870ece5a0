import EmbeddedAPIServer
import Foundation
import XCTest

/// kubectl 1.37 workflows that lean on subtler server behaviour: the client-side to
/// server-side apply migration (client-written managedFields with a resourceVersion
/// precondition), `diff` (server dry runs), typed generators (protobuf bodies), paging,
/// namespace deletion and waiting for deletion.
final class KubectlWorkflowTests: RealClientTestCase {
    func testServerSideApplyTakesOverFromClientSideApply() async throws {
        let cluster = try await startCluster()
        let v1 = try cluster.write("cm-v1.yaml", Manifests.configMap("cm1", data: ["a": "1", "b": "2"]))
        let v2 = try cluster.write("cm-v2.yaml", Manifests.configMap("cm1", data: ["a": "1"]))
        succeed(try await cluster.kubectl(["apply", "-f", v1]))
        try await expect(cluster, ["apply", "--server-side", "-f", v2], prints: "configmap/cm1 serverside-applied\n")
        let object = try await cluster.getJSON(["cm", "cm1", "--show-managed-fields"])
        XCTAssertEqual(object["data"] as? [String: String], ["a": "1"], "b was owned by the migrated manager and is no longer applied")
        let entries = value(object, "metadata", "managedFields") as? [[String: Any]] ?? []
        // kubectl's migration leaves the annotation to its own applier, as on a real cluster.
        XCTAssertEqual(entries.map { "\($0["manager"] ?? "") \($0["operation"] ?? "")" }, ["kubectl-last-applied Apply", "kubectl Apply"])
        let annotationOwner = try XCTUnwrap(entries.first?["fieldsV1"] as? [String: Any])
        XCTAssertEqual(
            Array(annotationOwner.keys), ["f:metadata"], "kubectl-last-applied owns the last-applied annotation only: \(annotationOwner)")
        XCTAssertNotNil(value(annotationOwner, "f:metadata", "f:annotations", "f:kubectl.kubernetes.io/last-applied-configuration"))
        // The API server keeps kubectl's annotation in step with what `kubectl` applied, so a
        // later client-side apply computes its patch from the right base.
        let lastApplied = value(object, "metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration") as? String ?? ""
        XCTAssertEqual(value(try json(lastApplied), "data") as? [String: String], ["a": "1"], lastApplied)
    }

    func testDiffShowsTheChangeAndExitsOne() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("v1.yaml", Manifests.configMap("cm1", data: ["a": "1"]))]))
        let same = try await cluster.kubectl(["diff", "-f", try cluster.write("same.yaml", Manifests.configMap("cm1", data: ["a": "1"]))])
        XCTAssertEqual(same.status, 0, same.transcript)
        XCTAssertEqual(same.stdout, "")
        let changed = try await cluster.kubectl(["diff", "-f", try cluster.write("v2.yaml", Manifests.configMap("cm1", data: ["a": "2"]))])
        XCTAssertEqual(changed.status, 1, changed.transcript)
        XCTAssertTrue(changed.stdout.contains("-  a: \"1\"\n+  a: \"2\"\n"), changed.transcript)
        XCTAssertFalse(changed.stdout.contains("resourceVersion"), "the dry run must not bump resourceVersion: \(changed.stdout)")
        let stored = try await cluster.getJSON(["cm", "cm1"])
        XCTAssertEqual(stored["data"] as? [String: String], ["a": "1"], "diff stores nothing")
    }

    func testCreateConfigMapAndSecretFromLiteralsSendProtobuf() async throws {
        let cluster = try await startCluster()
        try await expect(cluster, ["create", "configmap", "lit", "--from-literal=k=v"], prints: "configmap/lit created\n")
        try await expect(cluster, ["create", "secret", "generic", "pw", "--from-literal=password=hunter2"], prints: "secret/pw created\n")
        let configMap = try await cluster.getJSON(["cm", "lit"])
        XCTAssertEqual(configMap["data"] as? [String: String], ["k": "v"])
        let secret = try await cluster.getJSON(["secret", "pw"])
        XCTAssertEqual(value(secret, "data", "password") as? String, Data("hunter2".utf8).base64EncodedString())
        XCTAssertEqual(secret["type"] as? String, "Opaque")
    }

    func testGetPagesWithChunkSizeAndListsAllNamespaces() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["create", "namespace", "other"]))
        for (name, namespace) in [("c1", "default"), ("c2", "default"), ("c3", "default"), ("c4", "other")] {
            succeed(try await cluster.kubectl(["create", "configmap", name, "-n", namespace, "--from-literal=k=v"]))
        }
        try await expect(
            cluster, ["get", "cm", "--chunk-size=1", "-o", "name"], prints: "configmap/c1\nconfigmap/c2\nconfigmap/c3\n")
        let all = succeed(try await cluster.kubectl(["get", "cm", "-A", "--chunk-size=2", "-o", "custom-columns=NS:.metadata.namespace,NAME:.metadata.name", "--no-headers"]))
        XCTAssertEqual(
            all.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: "/") },
            ["default/c1", "default/c2", "default/c3", "other/c4"])
        let table = succeed(try await cluster.kubectl(["get", "cm", "-A"]))
        XCTAssertTrue(table.hasPrefix("NAMESPACE"), table)
        XCTAssertTrue(table.contains("other"), "the NAMESPACE column is filled from rows[].object: \(table)")
    }

    func testDeletingANamespaceRemovesItsContents() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["create", "namespace", "doomed"]))
        succeed(try await cluster.kubectl(["create", "configmap", "inside", "-n", "doomed", "--from-literal=k=v"]))
        let deleted = succeed(try await cluster.kubectl(["delete", "namespace", "doomed", "--timeout=30s"]))
        XCTAssertTrue(deleted.hasPrefix(#"namespace "doomed" deleted"#), deleted)
        let namespace = fail(try await cluster.kubectl(["get", "namespace", "doomed"]))
        XCTAssertTrue(namespace.contains(#"namespaces "doomed" not found"#), namespace)
        try await expect(cluster, ["get", "cm", "-A", "--field-selector=metadata.namespace=doomed", "-o", "name"], prints: "")
    }

    func testWaitForDeleteReturnsOnceTheFinalizerIsRemoved() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("cm.yaml", Manifests.configMap("held", data: ["a": "1"], finalizers: ["example.com/hold"]))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        succeed(try await cluster.kubectl(["delete", "cm", "held", "--wait=false"]))
        let baseline = await cluster.watcherCount
        let waiting = try cluster.startKubectl(["wait", "--for=delete", "cm/held", "--timeout=30s"])
        let watching = await cluster.waitForWatch(beyond: baseline)
        XCTAssertTrue(watching, "kubectl wait never watched")
        succeed(try await cluster.kubectl(["patch", "cm", "held", "--type", "json", "-p", #"[{"op":"remove","path":"/metadata/finalizers"}]"#]))
        let waited = succeed(await waiting.finish(timeout: .seconds(30)))
        XCTAssertEqual(waited, "configmap/held condition met\n")
    }

    func testRolloutStatusReportsTheSimulatedRollout() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("d.yaml", Manifests.deployment("web"))]))
        let status = succeed(try await cluster.kubectl(["rollout", "status", "deploy/web", "--timeout=30s"]))
        XCTAssertTrue(status.hasSuffix("deployment \"web\" successfully rolled out\n"), status)
    }

    func testReplaceWithAStaleResourceVersionIsAConflict() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("v1.yaml", Manifests.configMap("cm1", data: ["a": "1"]))]))
        let stale = succeed(try await cluster.kubectl(["get", "cm", "cm1", "-o", "json"]))
        succeed(try await cluster.kubectl(["label", "cm", "cm1", "bump=1"]))
        let refused = fail(try await cluster.kubectl(["replace", "-f", "-"], stdin: stale))
        XCTAssertTrue(
            refused.contains(
                #"Operation cannot be fulfilled on configmaps "cm1": the object has been modified; please apply your changes to the latest version and try again"#),
            refused)
    }

    func testScaleChangesReplicasThroughTheScaleSubresource() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("d.yaml", Manifests.deployment("web"))]))
        try await expect(cluster, ["scale", "deployment", "web", "--replicas=3"], prints: "deployment.apps/web scaled\n")
        let scale = try json(succeed(try await cluster.kubectl(["get", "--raw", "/apis/apps/v1/namespaces/default/deployments/web/scale"])))
        XCTAssertEqual(value(scale, "kind") as? String, "Scale")
        XCTAssertEqual(value(scale, "apiVersion") as? String, "autoscaling/v1")
        XCTAssertEqual(value(scale, "spec", "replicas") as? Int, 3)
        XCTAssertEqual(value(scale, "status", "selector") as? String, "app=web")
        let object = try await cluster.getJSON(["deployment", "web", "--show-managed-fields"])
        XCTAssertEqual(value(object, "spec", "replicas") as? Int, 3)
        XCTAssertEqual(value(object, "metadata", "generation") as? Int, 2)
        let scaler = (value(object, "metadata", "managedFields") as? [[String: Any]] ?? []).first { $0["subresource"] as? String == "scale" }
        XCTAssertEqual(scaler?["manager"] as? String, "kubectl", "\(object)")
        XCTAssertNotNil(value(scaler, "fieldsV1", "f:spec", "f:replicas"))
        try await expect(
            cluster, ["scale", "deployment", "web", "--replicas=1", "--current-replicas=3"], prints: "deployment.apps/web scaled\n")
        let refused = fail(try await cluster.kubectl(["scale", "deployment", "web", "--replicas=2", "--current-replicas=3"]))
        XCTAssertTrue(refused.contains("Expected replicas to be 3, was 1"), refused)
        succeed(try await cluster.kubectl(["rollout", "status", "deploy/web", "--timeout=30s"]))
    }
}
