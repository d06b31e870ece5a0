import EmbeddedAPIServer
import Foundation
import XCTest

/// kubectl 1.37, unmodified, against the embedded API server over TLS with a client
/// certificate: each test is one thing a user does, with the output a real cluster gives.
final class KubectlTests: RealClientTestCase {
    func testVersionReportsTheServerVersion() async throws {
        let cluster = try await startCluster()
        let version = try json(succeed(try await cluster.kubectl(["version", "-o", "json"])))
        XCTAssertEqual(value(version, "serverVersion", "major") as? String, "1")
        XCTAssertEqual((value(version, "serverVersion", "gitVersion") as? String)?.hasPrefix("v1."), true)
        XCTAssertEqual((value(version, "clientVersion", "gitVersion") as? String)?.hasPrefix("v1.37"), true)
    }

    func testPlainHTTPServesKubectlWithoutCredentials() async throws {
        let cluster = try await startCluster(plainHTTP: true)
        let namespaces = succeed(try await cluster.kubectl(["get", "namespaces", "-o", "name"]))
        XCTAssertEqual(
            Set(namespaces.split(separator: "\n").map(String.init)),
            ["namespace/default", "namespace/kube-system", "namespace/kube-public", "namespace/kube-node-lease"])
    }

    func testAPIResourcesListsConfigMapsAndDeploymentsWithShortNames() async throws {
        let cluster = try await startCluster()
        let lines = succeed(try await cluster.kubectl(["api-resources"])).split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        XCTAssertEqual(lines.first, ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"])
        XCTAssertTrue(lines.contains(["configmaps", "cm", "v1", "true", "ConfigMap"]), "\(lines)")
        XCTAssertTrue(lines.contains(["deployments", "deploy", "apps/v1", "true", "Deployment"]), "\(lines)")
        XCTAssertTrue(lines.contains(["namespaces", "ns", "v1", "false", "Namespace"]), "\(lines)")
    }

    func testClientSideApplyCreatesThenLeavesUnchangedThenConfiguresAndRemovesAKey() async throws {
        let cluster = try await startCluster()
        let v1 = try cluster.write("cm-v1.yaml", Manifests.configMap("cm1", data: ["a": "1", "b": "2"]))
        let v2 = try cluster.write("cm-v2.yaml", Manifests.configMap("cm1", data: ["a": "1", "c": "3"]))
        try await expect(cluster, ["apply", "-f", v1], prints: "configmap/cm1 created\n")
        try await expect(cluster, ["apply", "-f", v1], prints: "configmap/cm1 unchanged\n")
        try await expect(cluster, ["apply", "-f", v2], prints: "configmap/cm1 configured\n")
        let object = try await cluster.getJSON(["configmap", "cm1"])
        XCTAssertEqual(object["data"] as? [String: String], ["a": "1", "c": "3"])
        let lastApplied = value(object, "metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration") as? String
        XCTAssertEqual(lastApplied?.contains("\"c\":\"3\""), true, lastApplied ?? "no annotation")
    }

    func testServerSideApplyConflictsWithAnotherManagerUntilForced() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("cm.yaml", Manifests.configMap("cm2", data: ["a": "1"]))
        try await expect(cluster, ["apply", "--server-side", "-f", manifest], prints: "configmap/cm2 serverside-applied\n")
        succeed(try await cluster.kubectl(["patch", "configmap", "cm2", "--type", "merge", "-p", #"{"data":{"a":"other"}}"#]))
        let changed = try cluster.write("cm-changed.yaml", Manifests.configMap("cm2", data: ["a": "2"]))
        let conflict = fail(try await cluster.kubectl(["apply", "--server-side", "-f", changed]))
        XCTAssertTrue(conflict.contains("conflict"), conflict)
        XCTAssertTrue(conflict.contains(#"conflict with "kubectl-patch""#), conflict)
        XCTAssertTrue(conflict.contains(".data.a"), conflict)
        succeed(try await cluster.kubectl(["apply", "--server-side", "--force-conflicts", "-f", changed]))
        let object = try await cluster.getJSON(["configmap", "cm2", "--show-managed-fields"])
        XCTAssertEqual(value(object, "data", "a") as? String, "2")
        let managers = (value(object, "metadata", "managedFields") as? [[String: Any]] ?? []).compactMap { $0["manager"] as? String }
        XCTAssertEqual(managers, ["kubectl"], "the forced apply took .data.a, so kubectl-patch owns nothing any more")
    }

    func testGetJSONCarriesTheFieldsTheServerSets() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("cm.yaml", Manifests.configMap("cm1", data: ["a": "1"]))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        let object = try await cluster.getJSON(["configmap", "cm1", "--show-managed-fields"])
        XCTAssertEqual(object["apiVersion"] as? String, "v1")
        XCTAssertEqual(object["kind"] as? String, "ConfigMap")
        let metadata = try XCTUnwrap(object["metadata"] as? [String: Any])
        XCTAssertEqual(metadata["namespace"] as? String, "default")
        XCTAssertNotNil(UInt64(metadata["resourceVersion"] as? String ?? ""), "\(metadata)")
        XCTAssertNotNil(UUID(uuidString: metadata["uid"] as? String ?? ""), "\(metadata)")
        let created = metadata["creationTimestamp"] as? String ?? ""
        XCTAssertNotNil(ISO8601DateFormatter().date(from: created), created)
        let entry = try XCTUnwrap((metadata["managedFields"] as? [[String: Any]])?.first)
        XCTAssertEqual(entry["manager"] as? String, "kubectl-client-side-apply")
        XCTAssertEqual(entry["operation"] as? String, "Update")
        XCTAssertEqual(entry["apiVersion"] as? String, "v1")
        XCTAssertEqual(entry["fieldsType"] as? String, "FieldsV1")
        XCTAssertNotNil(value(entry, "fieldsV1", "f:data", "f:a"), "\(entry)")

        let plain = try await cluster.getJSON(["configmap", "cm1"])
        XCTAssertNil(value(plain, "metadata", "managedFields"), "kubectl hides managedFields unless asked")
        let yaml = succeed(try await cluster.kubectl(["get", "configmap", "cm1", "-o", "yaml"]))
        XCTAssertTrue(yaml.hasPrefix("apiVersion: v1\ndata:\n  a: \"1\"\nkind: ConfigMap\n"), yaml)
        XCTAssertTrue(yaml.contains("  resourceVersion: \"\(metadata["resourceVersion"] as? String ?? "")\"\n"), yaml)
        XCTAssertTrue(yaml.contains("  uid: \(metadata["uid"] as? String ?? "")\n"), yaml)
    }

    func testGetWatchPrintsAChangeAsItHappens() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("cm.yaml", Manifests.configMap("cm1", data: ["a": "before"]))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        let watch = try cluster.startKubectl(["get", "configmaps", "-w", "-o", "custom-columns=NAME:.metadata.name,A:.data.a"])
        let listed = await watch.waitForOutput { $0.contains("before") }
        XCTAssertTrue(listed, watch.stdout + watch.stderr)
        succeed(try await cluster.kubectl(["patch", "configmap", "cm1", "--type", "merge", "-p", #"{"data":{"a":"after"}}"#]))
        let changed = await watch.waitForOutput { $0.contains("after") }
        let output = await watch.stop()
        XCTAssertTrue(changed, output.transcript)
        let rows = output.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        XCTAssertEqual(rows, [["NAME", "A"], ["cm1", "before"], ["cm1", "after"]], output.transcript)
    }

    func testMergeAndJSONPatchesChangeAConfigMap() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("cm.yaml", Manifests.configMap("cm1", data: ["a": "1", "b": "2"]))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        try await expect(cluster, ["patch", "cm", "cm1", "--type", "merge", "-p", #"{"data":{"b":null,"c":"3"}}"#], prints: "configmap/cm1 patched\n")
        try await expect(cluster, [
                "patch", "cm", "cm1", "--type", "json", "-p", #"[{"op":"replace","path":"/data/a","value":"one"}]"#,
            ], prints: "configmap/cm1 patched\n")
        let object = try await cluster.getJSON(["cm", "cm1"])
        XCTAssertEqual(object["data"] as? [String: String], ["a": "one", "c": "3"])
        let failed = fail(try await cluster.kubectl([
            "patch", "cm", "cm1", "--type", "json", "-p", #"[{"op":"test","path":"/data/a","value":"nope"}]"#,
        ]))
        // A failed `test` is a 422 whose Status carries only the generic message, as kube-apiserver's is.
        XCTAssertEqual(failed, "The request is invalid: the server rejected our request due to an error in our request\n")
    }

    func testStrategicPatchMergesContainersByName() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("deploy.yaml", Manifests.deployment("web"))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        let patch = #"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}"#
        try await expect(cluster, ["patch", "deployment", "web", "-p", patch], prints: "deployment.apps/web patched\n")
        let object = try await cluster.getJSON(["deployment", "web"])
        let containers = value(object, "spec", "template", "spec", "containers") as? [[String: Any]] ?? []
        XCTAssertEqual(containers.compactMap { $0["name"] as? String }, ["main", "sidecar"])
        XCTAssertEqual(containers.compactMap { $0["image"] as? String }, ["nginx:1.27", "busybox:1.37"])
        XCTAssertEqual(value(object, "metadata", "generation") as? Int, 2)
    }

    func testDeleteRemovesTheObject() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("cm.yaml", Manifests.configMap("cm1", data: ["a": "1"]))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        let deleted = succeed(try await cluster.kubectl(["delete", "configmap", "cm1"]))
        XCTAssertTrue(deleted.hasPrefix("configmap \"cm1\" deleted"), deleted)
        let missing = fail(try await cluster.kubectl(["get", "configmap", "cm1"]))
        XCTAssertEqual(missing, "Error from server (NotFound): configmaps \"cm1\" not found\n")
    }

    func testDeleteOfAnObjectWithAFinalizerWaitsForItsRemoval() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write(
            "cm.yaml", Manifests.configMap("held", data: ["a": "1"], finalizers: ["example.com/hold"]))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        let deleted = succeed(try await cluster.kubectl(["delete", "configmap", "held", "--wait=false"]))
        XCTAssertTrue(deleted.hasPrefix("configmap \"held\" deleted"), deleted)
        let terminating = try await cluster.getJSON(["configmap", "held"])
        XCTAssertNotNil(value(terminating, "metadata", "deletionTimestamp") as? String, "\(terminating)")
        XCTAssertEqual(value(terminating, "metadata", "deletionGracePeriodSeconds") as? Int, 0)
        succeed(try await cluster.kubectl([
            "patch", "configmap", "held", "--type", "json", "-p", #"[{"op":"remove","path":"/metadata/finalizers"}]"#,
        ]))
        let missing = fail(try await cluster.kubectl(["get", "configmap", "held"]))
        XCTAssertTrue(missing.contains(#"configmaps "held" not found"#), missing)
    }

    func testDeleteWithAFinalizerReturnsOnceAnotherClientRemovesIt() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write(
            "cm.yaml", Manifests.configMap("held", data: ["a": "1"], finalizers: ["example.com/hold"]))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        let deleting = try cluster.startKubectl(["delete", "configmap", "held", "--timeout=30s"])
        let marked = await deleting.waitForOutput { $0.contains("deleted") }
        XCTAssertTrue(marked, deleting.stdout + deleting.stderr)
        succeed(try await cluster.kubectl(["patch", "configmap", "held", "--type", "merge", "-p", #"{"metadata":{"finalizers":null}}"#]))
        succeed(await deleting.finish(timeout: .seconds(30)))
    }

    func testWaitForAvailableReturnsOnceTheSimulatorMakesTheDeploymentAvailable() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("deploy.yaml", Manifests.deployment("web"))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        let waited = succeed(try await cluster.kubectl(["wait", "--for=condition=Available", "deploy/web", "--timeout=30s"]))
        XCTAssertEqual(waited, "deployment.apps/web condition met\n")
        let object = try await cluster.getJSON(["deployment", "web"])
        XCTAssertEqual(value(object, "status", "availableReplicas") as? Int, 2)
    }

    func testCreateNamespaceThenAgainIsAlreadyExists() async throws {
        let cluster = try await startCluster()
        try await expect(cluster, ["create", "namespace", "team-a"], prints: "namespace/team-a created\n")
        let again = fail(try await cluster.kubectl(["create", "namespace", "team-a"]))
        XCTAssertEqual(again, "Error from server (AlreadyExists): namespaces \"team-a\" already exists\n")
        let object = try await cluster.getJSON(["namespace", "team-a"])
        XCTAssertEqual(value(object, "status", "phase") as? String, "Active")
    }

    func testServerDryRunValidatesButStoresNothing() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("cm.yaml", Manifests.configMap("dry", data: ["a": "1"]))
        try await expect(cluster, ["apply", "--dry-run=server", "-f", manifest], prints: "configmap/dry created (server dry run)\n")
        try await expect(cluster, ["apply", "--server-side", "--dry-run=server", "-f", manifest], prints: "configmap/dry serverside-applied (server dry run)\n")
        let missing = fail(try await cluster.kubectl(["get", "configmap", "dry"]))
        XCTAssertTrue(missing.contains(#"configmaps "dry" not found"#), missing)
    }

    func testLabelAndAnnotateSetMetadata() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("cm.yaml", Manifests.configMap("cm1", data: ["a": "1"]))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        try await expect(cluster, ["label", "cm", "cm1", "tier=web"], prints: "configmap/cm1 labeled\n")
        try await expect(cluster, ["annotate", "cm", "cm1", "note=hello"], prints: "configmap/cm1 annotated\n")
        let selected = succeed(try await cluster.kubectl(["get", "cm", "-l", "tier=web", "-o", "name"]))
        XCTAssertEqual(selected, "configmap/cm1\n")
        let object = try await cluster.getJSON(["cm", "cm1", "--show-managed-fields"])
        XCTAssertEqual(value(object, "metadata", "annotations", "note") as? String, "hello")
        let managers = (value(object, "metadata", "managedFields") as? [[String: Any]] ?? []).compactMap { $0["manager"] as? String }
        XCTAssertEqual(Set(managers), ["kubectl-client-side-apply", "kubectl-label", "kubectl-annotate"])
        let relabel = fail(try await cluster.kubectl(["label", "cm", "cm1", "tier=db"]))
        XCTAssertTrue(relabel.contains("'tier' already has a value (web), and --overwrite is false"), relabel)
    }

    func testGetAllShowsTheDeploymentAndWhatItOwns() async throws {
        let cluster = try await startCluster()
        let manifest = try cluster.write("deploy.yaml", Manifests.deployment("web", replicas: 1))
        succeed(try await cluster.kubectl(["apply", "-f", manifest]))
        succeed(try await cluster.kubectl(["wait", "--for=condition=Available", "deploy/web", "--timeout=30s"]))
        let all = succeed(try await cluster.kubectl(["get", "all", "-o", "name"]))
        let names = all.split(separator: "\n").map(String.init)
        XCTAssertTrue(names.contains("deployment.apps/web"), all)
        XCTAssertTrue(names.contains { $0.hasPrefix("replicaset.apps/web-") }, all)
        XCTAssertTrue(names.contains { $0.hasPrefix("pod/web-") }, all)
        let table = succeed(try await cluster.kubectl(["get", "all"]))
        XCTAssertTrue(table.contains("deployment.apps/web"), table)
    }

    func testExplainDescribesAConfigMap() async throws {
        let cluster = try await startCluster()
        let explained = succeed(try await cluster.kubectl(["explain", "configmap"]))
        XCTAssertTrue(explained.contains("KIND:       ConfigMap"), explained)
        XCTAssertTrue(explained.contains("VERSION:    v1"), explained)
        XCTAssertTrue(explained.contains("FIELDS:"), explained)
        XCTAssertTrue(explained.contains("  data\t<map[string]string>"), explained)
    }
}
