import EmbeddedAPIServer
import KubeObjects
import XCTest

/// `POST` semantics: what the server fills in, and the errors real clients branch on.
final class ClusterCreateTests: XCTestCase {
    func testCreateSetsUIDCreationTimestampAndResourceVersion() async throws {
        let t = try await TestCluster()
        let before = await t.store.resourceVersion
        let cm = try await t.configMap("a")
        XCTAssertFalse((cm[path: ["metadata", "uid"]]?.stringValue ?? "").isEmpty)
        XCTAssertNotNil(KubeTime(rfc3339: cm[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""))
        XCTAssertEqual(cm[path: ["metadata", "resourceVersion"]], .string(String(before + 1)))
        XCTAssertEqual(cm.metadataNamespace, "ns")
    }

    func testGenerationIsOneForKindsThatKeepItAndAbsentForConfigMaps() async throws {
        let t = try await TestCluster()
        let deployment = try await t.create(t.deployments, TestCluster.deployment("web"))
        XCTAssertEqual(deployment[path: ["metadata", "generation"]], 1)
        var cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "generation": 7]]
        cm = try await t.create(t.configmaps, cm)
        XCTAssertNil(cm[path: ["metadata", "generation"]])
    }

    func testGenerateNameMakesAUniqueNameFromThePrefix() async throws {
        let t = try await TestCluster()
        let object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "job-"]]
        let a = try await t.create(t.configmaps, object)
        let b = try await t.create(t.configmaps, object)
        let nameA = try XCTUnwrap(a.metadataName)
        XCTAssertTrue(nameA.hasPrefix("job-") && nameA.count > 4, nameA)
        XCTAssertNotEqual(nameA, b.metadataName)
        let stored = try await t.get(t.configmaps, nameA)
        XCTAssertEqual(stored[path: ["metadata", "uid"]], a[path: ["metadata", "uid"]])
    }

    func testNamespaceIsTakenFromTheURLWhenTheBodyHasNone() async throws {
        let t = try await TestCluster()
        let cm = try await t.create(t.configmaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"]])
        XCTAssertEqual(cm.metadataNamespace, "ns")
    }

    func testABodyNamespaceDifferentFromTheURLsIsBadRequest() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError {
            try await t.create(t.configmaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x", "namespace": "other"]])
        }
        XCTAssertEqual(e?.code, 400)
        XCTAssertEqual(e?.reason, "BadRequest")
        XCTAssertEqual(e?.message, "the namespace of the provided object does not match the namespace sent on the request")
    }

    func testCreatingInAMissingNamespaceIsNotFoundNamingTheNamespace() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError { try await t.configMap("x", namespace: "nowhere") }
        XCTAssertEqual(e?.code, 404)
        XCTAssertEqual(e?.message, "namespaces \"nowhere\" not found")
        XCTAssertEqual(e?.details?["kind"], "namespaces")
        XCTAssertEqual(e?.details?["name"], "nowhere")
    }

    func testATakenNameIsAlreadyExists409() async throws {
        let t = try await TestCluster()
        try await t.configMap("dup")
        let e = await expectAPIError { try await t.configMap("dup") }
        XCTAssertEqual(e?.code, 409)
        XCTAssertEqual(e?.reason, "AlreadyExists")
        XCTAssertEqual(e?.message, "configmaps \"dup\" already exists")
        let d = try await t.create(t.deployments, TestCluster.deployment("d"))
        XCTAssertNotNil(d.metadataName)
        let e2 = await expectAPIError { try await t.create(t.deployments, TestCluster.deployment("d")) }
        XCTAssertEqual(e2?.message, "deployments.apps \"d\" already exists")
        XCTAssertEqual(e2?.details?["group"], "apps")
    }

    func testAnInvalidNameIs422WithAMetadataNameCause() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError { try await t.configMap("Bad_Name") }
        XCTAssertEqual(e?.code, 422)
        XCTAssertEqual(e?.reason, "Invalid")
        XCTAssertTrue(e?.message.hasPrefix("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain") == true, e?.message ?? "")
        let cause = e?.details?["causes"]?.arrayValue?.first
        XCTAssertEqual(cause?["field"], "metadata.name")
        XCTAssertEqual(cause?["reason"], "FieldValueInvalid")
    }

    func testAMissingNameIs422FieldValueRequired() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError { try await t.create(t.configmaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": [:]]) }
        XCTAssertEqual(e?.code, 422)
        XCTAssertEqual(e?.details?["causes"]?.arrayValue?.first?["reason"], "FieldValueRequired")
        XCTAssertEqual(e?.details?["causes"]?.arrayValue?.first?["field"], "metadata.name")
    }

    func testAServiceNameWithADotIsInvalidBecauseServicesNeedDNSLabels() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError {
            try await t.create(t.services, ["apiVersion": "v1", "kind": "Service", "metadata": ["name": "a.b"], "spec": ["ports": [["port": 80]]]])
        }
        XCTAssertEqual(e?.code, 422)
        XCTAssertTrue(e?.message.contains("RFC 1123 label") == true, e?.message ?? "")
    }

    func testCreateDropsStatusForKindsWithAStatusSubresource() async throws {
        let t = try await TestCluster()
        var d = TestCluster.deployment("s")
        d["status"] = ["replicas": 5, "readyReplicas": 5]
        let created = try await t.create(t.deployments, d)
        XCTAssertNil(created["status"]?.objectValue?["readyReplicas"])
        let stored = try await t.get(t.deployments, "s")
        XCTAssertNil(stored[path: ["status", "readyReplicas"]])
    }

    func testDryRunCreateAnswersTheObjectButStoresNothingAndBumpsNoResourceVersion() async throws {
        let t = try await TestCluster()
        let before = await t.store.resourceVersion
        var options = WriteOptions()
        options.dryRun = true
        let result = try await t.cluster.create(
            t.configmaps, namespace: "ns", object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "dry"]], options: options)
        XCTAssertEqual(result.status, 201)
        XCTAssertEqual(result.object.metadataName, "dry")
        XCTAssertFalse((result.object[path: ["metadata", "uid"]]?.stringValue ?? "").isEmpty)
        let after = await t.store.resourceVersion
        XCTAssertEqual(after, before)
        let e = await expectAPIError { _ = try await t.get(t.configmaps, "dry") }
        XCTAssertEqual(e?.code, 404)
    }

    func testCreateRecordsAnUpdateManagedFieldsEntryForTheManager() async throws {
        let t = try await TestCluster()
        var options = WriteOptions()
        options.fieldManager = "kubectl-create"
        let cm = try await t.create(t.configmaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "m"], "data": ["a": "1"]], options: options)
        let entry = cm[path: ["metadata", "managedFields"]]?.arrayValue?.first
        XCTAssertEqual(entry?["manager"], "kubectl-create")
        XCTAssertEqual(entry?["operation"], "Update")
        XCTAssertEqual(entry?["fieldsType"], "FieldsV1")
        XCTAssertNotNil(entry?[path: ["fieldsV1", "f:data", "f:a"]])
    }

    func testAResourceVersionInACreateBodyIsBadRequest() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError {
            try await t.create(t.configmaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "rv", "resourceVersion": "5"]])
        }
        XCTAssertEqual(e?.code, 400)
    }
}
