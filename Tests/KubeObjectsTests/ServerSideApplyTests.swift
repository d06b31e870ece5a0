import KubeObjects
import XCTest

/// Server-side apply and field ownership, checked against the managedFields and 409
/// messages a Kubernetes API server produces for the same writes.
final class ServerSideApplyTests: XCTestCase {
    let configMaps = ServerSideApply(schema: ObjectSchema.builtin(GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"))!)
    let deployments = ServerSideApply(schema: ObjectSchema.builtin(GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))!)
    let t0 = "2024-05-01T10:00:00Z"
    let t1 = "2024-05-01T11:00:00Z"

    func configMap(_ data: JSONValue, labels: JSONValue? = nil) -> JSONValue {
        var meta: JSONValue = ["name": "cm1", "namespace": "x"]
        if let labels { meta["labels"] = labels }
        return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": data]
    }

    func entry(_ object: JSONValue, _ manager: String) -> ManagedFieldsEntry? {
        (try? ManagedFields(of: object))?.entries.first { $0.manager == manager }
    }

    func testApplyCreateRecordsAppliedFieldsAsKubernetesWritesThem() throws {
        let r = try configMaps.apply(config: configMap(["a": "1"], labels: ["app": "demo"]), to: nil, manager: "kubectl", force: false, now: t0)
        let e = try XCTUnwrap(entry(r.object, "kubectl"))
        XCTAssertEqual(e.fields.fieldsV1Text, #"{"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:app":{}}}}"#)
        XCTAssertEqual(e.operation, .apply)
        XCTAssertEqual(e.apiVersion, "v1")
        XCTAssertEqual(e.time, t0)
        XCTAssertEqual(r.object["data"], ["a": "1"])
    }

    func testApplyOfADeploymentOwnsKeyedItemsWithDotAndDefaultedPortProtocol() throws {
        let config: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
            "spec": [
                "replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["labels": ["app": "web"]],
                    "spec": ["containers": [["name": "nginx", "image": "nginx:1.25", "ports": [["containerPort": 80]]]]],
                ],
            ],
        ]
        let r = try deployments.apply(config: config, to: nil, manager: "helm", force: false, now: t0)
        XCTAssertEqual(
            entry(r.object, "helm")?.fields.fieldsV1Text,
            #"{"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"#
                + #""f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"#
                + #""f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}"#)
    }

    func testReapplyWithoutALabelRemovesIt() throws {
        let first = try configMaps.apply(config: configMap(["a": "1"], labels: ["app": "demo", "tier": "web"]), to: nil, manager: "helm", force: false, now: t0)
        let second = try configMaps.apply(config: configMap(["a": "1"], labels: ["app": "demo"]), to: first.object, manager: "helm", force: false, now: t1)
        XCTAssertEqual(second.object[path: ["metadata", "labels"]], ["app": "demo"])
        XCTAssertEqual(entry(second.object, "helm")?.fields.fieldsV1Text, #"{"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:app":{}}}}"#)
    }

    func testReapplyWithoutADataKeyKeepsItWhenAnotherManagerOwnsIt() throws {
        let first = try configMaps.apply(config: configMap(["a": "1", "b": "2"]), to: nil, manager: "helm", force: false, now: t0)
        let shared = try configMaps.apply(config: configMap(["b": "2"]), to: first.object, manager: "other", force: false, now: t0)
        let second = try configMaps.apply(config: configMap(["a": "1"]), to: shared.object, manager: "helm", force: false, now: t1)
        XCTAssertEqual(second.object["data"], ["a": "1", "b": "2"])
    }

    func testApplyOfAValueAnUpdateManagerSetIsAConflictWithKubernetesMessage() throws {
        let created = try configMaps.apply(config: configMap(["a": "1"]), to: nil, manager: "helm", force: false, now: t0)
        var patched = created.object
        patched[path: ["data", "a"]] = "2"
        let updated = try configMaps.update(old: created.object, new: patched, manager: "kubectl-patch", now: t1)
        XCTAssertThrowsError(try configMaps.apply(config: configMap(["a": "3"]), to: updated, manager: "helm", force: false, now: t1)) { error in
            guard case .conflict(let c)? = error as? ServerSideApplyError else { return XCTFail("\(error)") }
            XCTAssertEqual(c.description, #"Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: .data.a"#)
            XCTAssertEqual(c.causes, [["reason": "FieldManagerConflict", "message": #"conflict with "kubectl-patch" using v1"#, "field": ".data.a"]])
        }
    }

    func testSeveralConflictsAreListedPerManager() throws {
        let created = try configMaps.apply(config: configMap(["a": "1", "b": "1"]), to: nil, manager: "m", force: false, now: t0)
        XCTAssertThrowsError(try configMaps.apply(config: configMap(["a": "2", "b": "2"]), to: created.object, manager: "n", force: false, now: t1)) { error in
            XCTAssertEqual("\(error)", "Apply failed with 2 conflicts: conflicts with \"m\":\n- .data.a\n- .data.b")
        }
    }

    func testForcedApplyTakesOwnershipFromTheOtherManager() throws {
        let created = try configMaps.apply(config: configMap(["a": "1", "b": "1"]), to: nil, manager: "m", force: false, now: t0)
        let forced = try configMaps.apply(config: configMap(["a": "2"]), to: created.object, manager: "n", force: true, now: t1)
        XCTAssertEqual(forced.object["data"], ["a": "2", "b": "1"])
        XCTAssertEqual(entry(forced.object, "m")?.fields.fieldsV1Text, #"{"f:data":{"f:b":{}}}"#)
        XCTAssertEqual(entry(forced.object, "n")?.fields.fieldsV1Text, #"{"f:data":{"f:a":{}}}"#)
    }

    func testAppliedValueEqualToAnUpdateManagersValueSharesOwnership() throws {
        let created = try configMaps.update(old: nil, new: configMap(["a": "1"]), manager: "kubectl-create", now: t0)
        let applied = try configMaps.apply(config: configMap(["a": "1"]), to: created, manager: "helm", force: false, now: t1)
        XCTAssertEqual(entry(applied.object, "kubectl-create")?.fields.fieldsV1Text, #"{"f:data":{".":{},"f:a":{}}}"#)
        XCTAssertEqual(entry(applied.object, "helm")?.fields.fieldsV1Text, #"{"f:data":{"f:a":{}}}"#)
        XCTAssertEqual(applied.managedFields.entries.map(\.manager), ["helm", "kubectl-create"])
    }

    func testUpdateOwnsOnlyTheFieldsItChangesAndTakesThemFromOthers() throws {
        let created = try configMaps.apply(config: configMap(["a": "1", "b": "1"], labels: ["app": "x"]), to: nil, manager: "helm", force: false, now: t0)
        var edited = created.object
        edited[path: ["data", "b"]] = "2"
        let updated = try configMaps.update(old: created.object, new: edited, manager: "kubectl-edit", now: t1)
        XCTAssertEqual(entry(updated, "kubectl-edit")?.fields.fieldsV1Text, #"{"f:data":{"f:b":{}}}"#)
        XCTAssertEqual(entry(updated, "kubectl-edit")?.time, t1)
        XCTAssertEqual(entry(updated, "helm")?.fields.fieldsV1Text, #"{"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:app":{}}}}"#)
    }

    func testCreateByUpdateOwnsMapsWithDotButNotServerSetMetadata() throws {
        let created = try configMaps.update(old: nil, new: configMap(["a": "1"], labels: ["app": "x"]), manager: "kubectl-create", now: t0)
        XCTAssertEqual(
            entry(created, "kubectl-create")?.fields.fieldsV1Text,
            #"{"f:data":{".":{},"f:a":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}"#)
    }

    func testIdempotentReapplyKeepsManagedFieldsAndTime() throws {
        let first = try configMaps.apply(config: configMap(["a": "1"]), to: nil, manager: "helm", force: false, now: t0)
        let again = try configMaps.apply(config: configMap(["a": "1"]), to: first.object, manager: "helm", force: false, now: t1)
        XCTAssertFalse(again.objectChanged)
        XCTAssertEqual(again.object, first.object)
        XCTAssertEqual(entry(again.object, "helm")?.time, t0)
    }

    func testApplyIgnoresStatusOfTheMainResource() throws {
        var config = configMap(["a": "1"])
        config["status"] = ["phase": "Ready"]
        let r = try configMaps.apply(config: config, to: nil, manager: "helm", force: false, now: t0)
        XCTAssertNil(r.object["status"])
        XCTAssertEqual(entry(r.object, "helm")?.fields.fieldsV1Text, #"{"f:data":{"f:a":{}}}"#)
    }

    func testApplyConfigWithManagedFieldsIsRefused() {
        var config = configMap(["a": "1"])
        config[path: ["metadata", "managedFields"]] = []
        XCTAssertThrowsError(try configMaps.apply(config: config, to: nil, manager: "helm", force: false, now: t0)) { error in
            XCTAssertEqual("\(error)", "metadata.managedFields must be nil")
        }
    }

    func testRemovedContainerOfAnAppliedDeploymentIsPruned() throws {
        func config(_ names: [String]) -> JSONValue {
            [
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
                "spec": ["template": ["spec": ["containers": .array(names.map { ["name": .string($0), "image": "i"] })]]],
            ]
        }
        let first = try deployments.apply(config: config(["a", "b"]), to: nil, manager: "helm", force: false, now: t0)
        let second = try deployments.apply(config: config(["b"]), to: first.object, manager: "helm", force: false, now: t1)
        XCTAssertEqual(second.object[path: ["spec", "template", "spec", "containers"]], [["name": "b", "image": "i"]])
    }

    func testCustomResourceListMapMergesByDeclaredKeysAndOtherListsAreAtomic() throws {
        let crd = try JSONValue.parseYAML("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  endpoints:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items:
                      type: object
                      properties:
                        name: {type: string}
                        url: {type: string}
                  tags:
                    type: array
                    items: {type: string}
            """)
        let ssa = ServerSideApply(schema: ObjectSchema(crdOpenAPIV3Schema: crd))
        func cr(_ endpoints: JSONValue) -> JSONValue {
            ["apiVersion": "example.dev/v1", "kind": "Thing", "metadata": ["name": "t"], "spec": ["endpoints": endpoints, "tags": ["x"]]]
        }
        let a = try ssa.apply(config: cr([["name": "a", "url": "u1"]]), to: nil, manager: "one", force: false, now: t0)
        let b = try ssa.apply(config: ["apiVersion": "example.dev/v1", "kind": "Thing", "metadata": ["name": "t"], "spec": ["endpoints": [["name": "b", "url": "u2"]]]], to: a.object, manager: "two", force: false, now: t1)
        XCTAssertEqual(b.object[path: ["spec", "endpoints"]], [["name": "a", "url": "u1"], ["name": "b", "url": "u2"]])
        XCTAssertEqual(entry(b.object, "one")?.fields.fieldsV1Text,
                       #"{"f:spec":{"f:endpoints":{"k:{\"name\":\"a\"}":{".":{},"f:name":{},"f:url":{}}},"f:tags":{}}}"#)
    }

    func testFieldsV1RoundTripsThroughManagedFieldsJSON() throws {
        let text = #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:ports":{"k:{\"port\":9,\"protocol\":\"TCP\"}":{".":{},"f:port":{}},"k:{\"port\":10,\"protocol\":\"TCP\"}":{}}}}"#
        let set = try FieldSet(fieldsV1Text: text)
        XCTAssertEqual(set.fieldsV1Text, text)
        XCTAssertEqual(try FieldSet(fieldsV1: set.fieldsV1), set)
        XCTAssertTrue(set.has([.field("metadata"), .field("labels")]))
        XCTAssertEqual(set.paths.map(\.pathString), [
            ".metadata.labels", ".metadata.labels.app", #".spec.ports[port=9,protocol="TCP"]"#,
            #".spec.ports[port=10,protocol="TCP"]"#, #".spec.ports[port=9,protocol="TCP"].port"#,
        ])
    }

    func testCreateOfADeploymentByUpdateOwnsStructsWithoutDotAndItemsWithDot() throws {
        let new: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": ["app": "web"]],
            "spec": [
                "replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "nginx", "image": "nginx"]]]],
            ],
        ]
        let created = try deployments.update(old: nil, new: new, manager: "kubectl-create", now: t0)
        XCTAssertEqual(
            entry(created, "kubectl-create")?.fields.fieldsV1Text,
            #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"#
                + #""f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"#
                + #""f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#)
    }

    func testStatusWriteIsOwnedWithItsSubresourceAndIgnoresSpec() throws {
        let status = ServerSideApply(schema: ObjectSchema.builtin(GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))!, subresource: "status")
        let old: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"], "spec": ["replicas": 1]]
        var new = old
        new[path: ["spec", "replicas"]] = 5
        new["status"] = ["readyReplicas": 1]
        let updated = try status.update(old: old, new: new, manager: "controller", now: t0)
        let e = try XCTUnwrap(entry(updated, "controller"))
        XCTAssertEqual(e.subresource, "status")
        XCTAssertEqual(e.fields.fieldsV1Text, #"{"f:status":{".":{},"f:readyReplicas":{}}}"#)
    }

    func testCreateOfACustomResourceByUpdateOwnsItsStructsWithDot() throws {
        let ssa = ServerSideApply(schema: ObjectSchema(crdOpenAPIV3Schema: ["type": "object", "properties": ["spec": ["type": "object", "properties": ["size": ["type": "integer"]]]]]))
        let created = try ssa.update(old: nil, new: ["apiVersion": "example.dev/v1", "kind": "Thing", "metadata": ["name": "t"], "spec": ["size": 1]], manager: "kubectl-create", now: t0)
        XCTAssertEqual(entry(created, "kubectl-create")?.fields.fieldsV1Text, #"{"f:spec":{".":{},"f:size":{}}}"#)
    }
}
