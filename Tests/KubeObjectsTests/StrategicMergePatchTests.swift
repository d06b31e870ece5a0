import KubeObjects
import XCTest

/// Cases from the Kubernetes documentation ("Update API Objects in Place Using kubectl
/// patch") and k8s.io/apimachinery's strategicpatch behaviour.
final class StrategicMergePatchTests: XCTestCase {
    let deploymentSchema = ObjectSchema.builtin(GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))!

    func deployment(containers: JSONValue, extraSpec: [String: JSONValue] = [:]) -> JSONValue {
        var podSpec: [String: JSONValue] = ["containers": containers]
        for (k, v) in extraSpec { podSpec[k] = v }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "patch-demo"],
            "spec": ["replicas": 2, "template": ["spec": .object(podSpec)]],
        ]
    }

    func patchSpec(_ podSpec: JSONValue) -> JSONValue { ["spec": ["template": ["spec": podSpec]]] }

    func containers(_ v: JSONValue) -> JSONValue? { v[path: ["spec", "template", "spec", "containers"]] }

    func testAddedContainerIsMergedByNameAndPlacedBeforeServerOnlyContainers() throws {
        // The documented patch-demo example: the new redis container comes first.
        let original = deployment(containers: [["name": "patch-demo-ctr", "image": "nginx"]])
        let patch = patchSpec(["containers": [["name": "patch-demo-ctr-2", "image": "redis"]]])
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(containers(result), [["name": "patch-demo-ctr-2", "image": "redis"], ["name": "patch-demo-ctr", "image": "nginx"]])
    }

    func testPatchedContainerKeepsItsFieldsAndPosition() throws {
        let original = deployment(containers: [
            ["name": "a", "image": "nginx:1.14", "ports": [["containerPort": 80]]], ["name": "b", "image": "redis"],
        ])
        let patch = patchSpec(["containers": [["name": "a", "image": "nginx:1.16"]]])
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(containers(result), [
            ["name": "a", "image": "nginx:1.16", "ports": [["containerPort": 80]]], ["name": "b", "image": "redis"],
        ])
    }

    func testTolerationsHaveNoPatchStrategyAndAreReplaced() throws {
        let original = deployment(containers: [["name": "c"]], extraSpec: ["tolerations": [["effect": "NoSchedule", "key": "dedicated", "value": "test-team"]]])
        let patch = patchSpec(["tolerations": [["effect": "NoSchedule", "key": "disktype", "value": "ssd"]]])
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(result[path: ["spec", "template", "spec", "tolerations"]], [["effect": "NoSchedule", "key": "disktype", "value": "ssd"]])
    }

    func testEnvMergesByNameAndNullDeletesAField() throws {
        let original = deployment(containers: [[
            "name": "c", "env": [["name": "A", "value": "1"], ["name": "B", "value": "2", "valueFrom": nil]],
        ]])
        let patch = patchSpec(["containers": [["name": "c", "env": [["name": "B", "value": nil], ["name": "A", "value": "9"]]]]])
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(containers(result)?.arrayValue?.first?["env"], [["name": "B", "valueFrom": nil], ["name": "A", "value": "9"]])
    }

    func testPatchDeleteDirectiveRemovesTheListItemWithThatKey() throws {
        let original = deployment(containers: [["name": "a"], ["name": "b"]])
        let patch = patchSpec(["containers": [["name": "a", "$patch": "delete"]]])
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(containers(result), [["name": "b"]])
    }

    func testPatchReplaceDirectiveReplacesTheWholeList() throws {
        let original = deployment(containers: [["name": "a", "image": "x"], ["name": "b"]])
        let patch = patchSpec(["containers": [["$patch": "replace"], ["name": "c", "image": "y"]]])
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(containers(result), [["name": "c", "image": "y"]])
    }

    func testSetElementOrderOrdersMergedItems() throws {
        // kubectl apply sends the full order of the list it last applied.
        let original = deployment(containers: [["name": "a"], ["name": "b"], ["name": "c"]])
        let patch = patchSpec([
            "$setElementOrder/containers": [["name": "c"], ["name": "a"], ["name": "b"]],
            "containers": [["name": "a", "image": "new"]],
        ])
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(containers(result), [["name": "c"], ["name": "a", "image": "new"], ["name": "b"]])
    }

    func testSetElementOrderMismatchingThePatchListIsAnError() {
        let original = deployment(containers: [["name": "a"], ["name": "b"]])
        let patch = patchSpec([
            "$setElementOrder/containers": [["name": "a"]],
            "containers": [["name": "b", "image": "x"]],
        ])
        XCTAssertThrowsError(try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)) { error in
            XCTAssertEqual("\(error)", "The order in patch list:\n[map[image:x name:b]]\n doesn't match $setElementOrder list:\n[map[name:a]]\n")
        }
    }

    func testRetainKeysClearsTheOtherKeysOfTheStrategy() throws {
        // The documented switch of a Deployment from RollingUpdate to Recreate.
        var original = deployment(containers: [["name": "c"]])
        original[path: ["spec", "strategy"]] = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]]
        let patch: JSONValue = ["spec": ["strategy": ["$retainKeys": ["type"], "type": "Recreate"]]]
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(result[path: ["spec", "strategy"]], ["type": "Recreate"])
    }

    func testRetainKeysMustNameEveryKeyThePatchSets() {
        var original = deployment(containers: [])
        original[path: ["spec", "strategy"]] = ["type": "RollingUpdate"]
        let patch: JSONValue = ["spec": ["strategy": ["$retainKeys": ["type"], "type": "Recreate", "rollingUpdate": ["maxSurge": 1]]]]
        XCTAssertThrowsError(try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)) { error in
            XCTAssertEqual(error as? StrategicMergePatchError, .badRetainKeys)
        }
    }

    func testFinalizersMergeAsASetAndDeleteFromPrimitiveListRemoves() throws {
        let cm = ObjectSchema.builtin(GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"))!
        let original: JSONValue = ["metadata": ["name": "x", "finalizers": ["a", "b"]]]
        let added = try StrategicMergePatch.apply(["metadata": ["finalizers": ["c", "a"]]], to: original, schema: cm)
        XCTAssertEqual(added[path: ["metadata", "finalizers"]], ["c", "a", "b"])
        let removed = try StrategicMergePatch.apply(["metadata": ["$deleteFromPrimitiveList/finalizers": ["a"]]], to: original, schema: cm)
        XCTAssertEqual(removed[path: ["metadata", "finalizers"]], ["b"])
    }

    func testContainerPortsMergeByContainerPort() throws {
        let original = deployment(containers: [["name": "c", "ports": [["containerPort": 80, "name": "http"]]]])
        let patch = patchSpec(["containers": [["name": "c", "ports": [["containerPort": 80, "protocol": "TCP"], ["containerPort": 443]]]]])
        let result = try StrategicMergePatch.apply(patch, to: original, schema: deploymentSchema)
        XCTAssertEqual(containers(result)?.arrayValue?.first?["ports"], [
            ["containerPort": 80, "name": "http", "protocol": "TCP"], ["containerPort": 443],
        ])
    }

    func testConfigMapDataNullRemovesKeyAsKubectlApplySends() throws {
        let cm = ObjectSchema.builtin(GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"))!
        let original: JSONValue = ["metadata": ["name": "cm1"], "data": ["a": "1", "b": "2"]]
        let patch: JSONValue = ["data": ["b": nil, "c": "3"], "metadata": ["annotations": ["k": "v"]]]
        let result = try StrategicMergePatch.apply(patch, to: original, schema: cm)
        XCTAssertEqual(result, ["metadata": ["name": "cm1", "annotations": ["k": "v"]], "data": ["a": "1", "c": "3"]])
    }

    func testListItemWithoutMergeKeyIsAnError() {
        let patch = patchSpec(["containers": [["image": "x"]]])
        XCTAssertThrowsError(try StrategicMergePatch.apply(patch, to: deployment(containers: [["name": "a"]]), schema: deploymentSchema)) { error in
            XCTAssertEqual("\(error)", "map: map[image:x] does not contain declared merge key: name")
        }
    }

    func testUnknownPatchDirectiveIsAnError() {
        let patch: JSONValue = ["spec": ["$patch": "frobnicate"]]
        XCTAssertThrowsError(try StrategicMergePatch.apply(patch, to: deployment(containers: []), schema: deploymentSchema)) { error in
            XCTAssertEqual("\(error)", "unknown patch type: frobnicate in map: map[$patch:frobnicate]")
        }
    }

    func testPatchDeleteOnAMapEmptiesIt() throws {
        var original = deployment(containers: [])
        original[path: ["spec", "strategy"]] = ["type": "Recreate"]
        let result = try StrategicMergePatch.apply(["spec": ["strategy": ["$patch": "delete"]]], to: original, schema: deploymentSchema)
        XCTAssertEqual(result[path: ["spec", "strategy"]], .emptyObject)
    }
}
