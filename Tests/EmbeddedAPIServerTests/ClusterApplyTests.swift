import EmbeddedAPIServer
import KubeObjects
import XCTest

/// Server-side apply (`application/apply-patch+yaml`) as Helm 4 and `kubectl apply
/// --server-side` rely on it: create or update, conflicts between managers, force, and
/// removal of fields a manager stopped applying.
final class ClusterApplyTests: XCTestCase {
    func cm(_ data: JSONValue, name: String = "c") -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": data]
    }

    func testApplyCreatesAnAbsentObjectWith201() async throws {
        let t = try await TestCluster()
        let r = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        XCTAssertEqual(r.status, 201)
        XCTAssertEqual(r.object["data"], ["a": "1"])
        let entry = r.object[path: ["metadata", "managedFields"]]?.arrayValue?.first
        XCTAssertEqual(entry?["manager"], "helm")
        XCTAssertEqual(entry?["operation"], "Apply")
        XCTAssertFalse((r.object[path: ["metadata", "uid"]]?.stringValue ?? "").isEmpty)
    }

    func testApplyUpdatesAnExistingObjectWith200() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        let r = try await t.apply(t.configmaps, "c", cm(["a": "2"]), manager: "helm")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.object["data"], ["a": "2"])
    }

    func testApplyWithoutFieldManagerIs422WithTheServersMessage() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError { _ = try await t.apply(t.configmaps, "c", self.cm(["a": "1"]), manager: nil) }
        XCTAssertEqual(e?.code, 422)
        XCTAssertEqual(e?.reason, "Invalid")
        XCTAssertEqual(e?.message, "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
    }

    func testChangingAFieldAnotherManagerOwnsIsConflictWithFieldManagerConflictCauses() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        let e = await expectAPIError { _ = try await t.apply(t.configmaps, "c", self.cm(["a": "2"]), manager: "kubectl") }
        XCTAssertEqual(e?.code, 409)
        XCTAssertEqual(e?.reason, "Conflict")
        XCTAssertEqual(e?.message, "Apply failed with 1 conflict: conflict with \"helm\": .data.a")
        let cause = e?.details?["causes"]?.arrayValue?.first
        XCTAssertEqual(cause?["reason"], "FieldManagerConflict")
        XCTAssertEqual(cause?["message"], "conflict with \"helm\"")
        XCTAssertEqual(cause?["field"], ".data.a")
        XCTAssertEqual(e?.details?["kind"], "configmaps")
        XCTAssertEqual(e?.details?["name"], "c")
    }

    func testAConflictWithAnUpdateManagerNamesItsAPIVersion() async throws {
        let t = try await TestCluster()
        var options = WriteOptions()
        options.fieldManager = "kubectl-client-side-apply"
        try await t.create(t.configmaps, cm(["a": "1"]), options: options)
        let e = await expectAPIError { _ = try await t.apply(t.configmaps, "c", self.cm(["a": "2"]), manager: "kubectl") }
        XCTAssertEqual(e?.message, "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .data.a")
    }

    func testSeveralConflictsAreListedOnePerLine() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1", "b": "1"]), manager: "helm")
        let e = await expectAPIError { _ = try await t.apply(t.configmaps, "c", self.cm(["a": "2", "b": "2"]), manager: "kubectl") }
        XCTAssertEqual(e?.message, "Apply failed with 2 conflicts: conflicts with \"helm\":\n- .data.a\n- .data.b")
        XCTAssertEqual(e?.details?["causes"]?.arrayValue?.count, 2)
    }

    func testAConflictInsideAContainerNamesItByItsMergeKey() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.deployments, "d", TestCluster.deployment("d", image: "nginx:1"), manager: "helm")
        let e = await expectAPIError {
            _ = try await t.apply(t.deployments, "d", TestCluster.deployment("d", image: "nginx:2"), manager: "kubectl")
        }
        XCTAssertEqual(e?.code, 409)
        XCTAssertEqual(e?.message, "Apply failed with 1 conflict: conflict with \"helm\": .spec.template.spec.containers[name=\"web\"].image")
        XCTAssertEqual(e?.details?["group"], "apps")
    }

    func testApplyingTheSameValueAsAnotherManagerIsNoConflict() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        let r = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "kubectl")
        let managers = Set((r.object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap { $0["manager"]?.stringValue })
        XCTAssertEqual(managers, ["helm", "kubectl"])
    }

    func testForceTakesTheFieldOver() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1", "b": "1"]), manager: "helm")
        let r = try await t.apply(t.configmaps, "c", cm(["a": "2"]), manager: "kubectl", force: true)
        XCTAssertEqual(r.object["data"], ["a": "2", "b": "1"])
        let entries = r.object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        let helm = entries.first { $0["manager"] == "helm" }
        let kubectl = entries.first { $0["manager"] == "kubectl" }
        XCTAssertNil(helm?[path: ["fieldsV1", "f:data", "f:a"]], "helm lost .data.a")
        XCTAssertNotNil(helm?[path: ["fieldsV1", "f:data", "f:b"]])
        XCTAssertNotNil(kubectl?[path: ["fieldsV1", "f:data", "f:a"]])
    }

    func testAFieldTheSameManagerStopsApplyingIsRemoved() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1", "b": "2"]), manager: "helm")
        let r = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        XCTAssertEqual(r.object["data"], ["a": "1"])
    }

    func testAFieldOwnedByAnotherManagerIsKeptWhenTheAppliersDropIt() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1", "b": "2"]), manager: "kubectl")
        let r = try await t.apply(t.configmaps, "c", cm(["b": "2"]), manager: "kubectl")
        XCTAssertEqual(r.object["data"], ["a": "1", "b": "2"], "helm still owns .data.a; kubectl's drop of it removes nothing")
    }

    func testAFieldSetByAnUpdateIsKeptWhenTheApplierNeverOwnedIt() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        var options = WriteOptions()
        options.fieldManager = "kubectl-label"
        _ = try await t.patch(t.configmaps, "c", .merge, ["metadata": ["labels": ["team": "x"]]], options: options)
        let r = try await t.apply(t.configmaps, "c", cm(["a": "2"]), manager: "helm")
        XCTAssertEqual(r.object[path: ["metadata", "labels", "team"]], "x")
        XCTAssertEqual(r.object["data"], ["a": "2"])
    }

    func testContainersAppliedByNameMergeAndADroppedOneGoes() async throws {
        let t = try await TestCluster()
        let both = TestCluster.deployment("d", containers: [["name": "web", "image": "nginx:1"], ["name": "side", "image": "envoy:1"]])
        _ = try await t.apply(t.deployments, "d", both, manager: "helm")
        let one = TestCluster.deployment("d", containers: [["name": "web", "image": "nginx:2"]])
        let r = try await t.apply(t.deployments, "d", one, manager: "helm")
        let containers = r.object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        XCTAssertEqual(containers.map { $0["name"] }, ["web"])
        XCTAssertEqual(containers.first?["image"], "nginx:2")
        XCTAssertEqual(r.object[path: ["metadata", "generation"]], 2)
    }

    func testApplyToStatusChangesOnlyStatusAndRecordsTheSubresource() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.deployments, "d", TestCluster.deployment("d"), manager: "helm")
        let status: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "d"],
                                 "spec": ["replicas": 7], "status": ["replicas": 1, "readyReplicas": 1]]
        let r = try await t.apply(t.deployments, "d", status, manager: "simulator", subresource: "status")
        XCTAssertEqual(r.object[path: ["status", "readyReplicas"]], 1)
        XCTAssertEqual(r.object[path: ["spec", "replicas"]], 1)
        XCTAssertEqual(r.object[path: ["metadata", "generation"]], 1)
        let entry = (r.object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).first { $0["manager"] == "simulator" }
        XCTAssertEqual(entry?["subresource"], "status")
        XCTAssertEqual(entry?["operation"], "Apply")
    }

    func testApplyToTheStatusOfAMissingObjectIsNotFound() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError {
            _ = try await t.apply(t.deployments, "ghost", TestCluster.deployment("ghost"), manager: "m", subresource: "status")
        }
        XCTAssertEqual(e?.code, 404)
    }

    func testApplyOfAnUnchangedConfigurationWritesNothing() async throws {
        let t = try await TestCluster()
        let first = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        let again = try await t.apply(t.configmaps, "c", cm(["a": "1"]), manager: "helm")
        XCTAssertEqual(again.object[path: ["metadata", "resourceVersion"]], first.object[path: ["metadata", "resourceVersion"]])
    }

    func testApplyAcceptsYAML() async throws {
        let t = try await TestCluster()
        var options = WriteOptions()
        options.fieldManager = "kubectl"
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n"
        let r = try await t.cluster.patch(
            t.configmaps, namespace: "ns", name: "from-yaml", subresource: nil, type: .apply, body: Array(yaml.utf8), options: options)
        XCTAssertEqual(r.status, 201)
        XCTAssertEqual(r.object["data"], ["k": "v"])
    }

    func testDryRunApplyCreatesNothing() async throws {
        let t = try await TestCluster()
        var options = WriteOptions()
        options.fieldManager = "kubectl"
        options.dryRun = true
        let r = try await t.cluster.patch(
            t.configmaps, namespace: "ns", name: "c", subresource: nil, type: .apply, body: cm(["a": "1"]).serializedBytes(), options: options)
        XCTAssertEqual(r.status, 201)
        let e = await expectAPIError { _ = try await t.get(t.configmaps, "c") }
        XCTAssertEqual(e?.code, 404)
    }
}

/// The fields an endpoint resets (status on the main resource, everything but status on
/// `/status`) are never owned by an apply to it, as upstream's reset-fields strategy has it.
final class ApplyResetFieldsTests: XCTestCase {
    func testApplyingStatusToTheMainResourceOwnsNoStatusField() async throws {
        let t = try await TestCluster()
        var d = TestCluster.deployment("d")
        d["status"] = ["replicas": 3]
        let r = try await t.apply(t.deployments, "d", d, manager: "helm")
        let entry = (r.object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).first { $0["manager"] == "helm" }
        XCTAssertNotNil(entry?[path: ["fieldsV1", "f:spec"]])
        XCTAssertNil(entry?[path: ["fieldsV1", "f:status"]], "\(entry?.serialized() ?? "")")
        XCTAssertNil(r.object[path: ["status", "replicas"]])
    }

    func testApplyingSpecToStatusOwnsNoSpecField() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.deployments, "d", TestCluster.deployment("d"), manager: "helm")
        var d = TestCluster.deployment("d")
        d[path: ["spec", "replicas"]] = 5
        d["status"] = ["replicas": 1]
        let r = try await t.apply(t.deployments, "d", d, manager: "controller", subresource: "status")
        let entry = (r.object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).first { $0["manager"] == "controller" }
        XCTAssertNotNil(entry?[path: ["fieldsV1", "f:status"]])
        XCTAssertNil(entry?[path: ["fieldsV1", "f:spec"]], "\(entry?.serialized() ?? "")")
        XCTAssertEqual(r.object[path: ["spec", "replicas"]], 1)
    }
}
