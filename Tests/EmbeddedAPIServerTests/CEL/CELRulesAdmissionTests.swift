import EmbeddedAPIServer
import Foundation
import KubeObjects
import XCTest

/// `x-kubernetes-validations` enforced by the in-memory server as kube-apiserver enforces
/// them: the HelmRelease CRD from crds/ refuses what a real cluster refuses, transition
/// rules run only on update, and a CRD whose rule does not compile is itself refused.
final class CELRulesAdmissionTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The generated HelmRelease CRD, as `kubectl apply -f crds/` sends it.
    static func helmReleaseCRD() throws -> JSONValue {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("crds/helm.rudder.dev_helmreleases.yaml"), encoding: .utf8)
        guard let crd = try JSONValue.parseYAMLStream(text).first(where: { $0["kind"] == "CustomResourceDefinition" }) else {
            throw SemanticsTestError(description: "no CRD in crds/helm.rudder.dev_helmreleases.yaml")
        }
        return crd
    }

    static func release(_ name: String, chart: JSONValue) -> JSONValue {
        ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": .string(name)], "spec": ["chart": chart]]
    }

    func helmReleases() async throws -> (TestCluster, ResourceRules) {
        let t = try await TestCluster()
        try await t.create(t.crds, try Self.helmReleaseCRD())
        return (t, try await t.rules("helm.rudder.dev", "v1", "helmreleases"))
    }

    /// A CRD `Gadget` whose spec carries the given rules and the fields they talk about.
    static func gadgetCRD(specRules: [JSONValue] = [], statusRules: [JSONValue] = [], itemRules: [JSONValue] = []) -> JSONValue {
        [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "gadgets.example.com"],
            "spec": [
                "group": "example.com", "scope": "Namespaced",
                "names": ["plural": "gadgets", "singular": "gadget", "kind": "Gadget", "listKind": "GadgetList"],
                "versions": [[
                    "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                    "schema": ["openAPIV3Schema": [
                        "type": "object",
                        "properties": [
                            "spec": [
                                "type": "object",
                                "x-kubernetes-validations": .array(specRules),
                                "properties": [
                                    "mode": ["type": "string"],
                                    "replicas": ["type": "integer"],
                                    "ports": [
                                        "type": "array",
                                        "items": ["type": "object", "x-kubernetes-validations": .array(itemRules),
                                                  "properties": ["name": ["type": "string"], "port": ["type": "integer"]]],
                                    ],
                                ],
                            ],
                            "status": [
                                "type": "object",
                                "x-kubernetes-validations": .array(statusRules),
                                "properties": ["phase": ["type": "string"]],
                            ],
                        ],
                    ]],
                ]],
            ],
        ]
    }

    func gadgets(specRules: [JSONValue] = [], statusRules: [JSONValue] = [], itemRules: [JSONValue] = []) async throws -> (TestCluster, ResourceRules) {
        let t = try await TestCluster()
        try await t.create(t.crds, Self.gadgetCRD(specRules: specRules, statusRules: statusRules, itemRules: itemRules))
        return (t, try await t.rules("example.com", "v1", "gadgets"))
    }

    static func gadget(_ name: String, _ spec: JSONValue) -> JSONValue {
        ["apiVersion": "example.com/v1", "kind": "Gadget", "metadata": ["name": .string(name)], "spec": spec]
    }

    // MARK: The HelmRelease CRD's rules

    func testAReleaseWithBothRepositoryAndPackagedRefIsRefusedWithTheRuleMessage() async throws {
        let (t, hr) = try await helmReleases()
        let error = await expectAPIError {
            try await t.create(hr, Self.release("both", chart: [
                "name": "podinfo", "repository": "https://charts.example.com",
                "packagedRef": ["name": "charts", "key": "podinfo.tgz"],
            ]))
        }
        XCTAssertEqual(error?.code, 422)
        XCTAssertEqual(error?.message,
            #"HelmRelease.helm.rudder.dev "both" is invalid: spec.chart: Invalid value: "object": exactly one of repository or packagedRef must be set"#)
        XCTAssertEqual(error?.details?["causes"], [[
            "reason": "FieldValueInvalid", "field": "spec.chart",
            "message": #"Invalid value: "object": exactly one of repository or packagedRef must be set"#,
        ]])
    }

    func testAReleaseWithNeitherRepositoryNorPackagedRefIsRefused() async throws {
        let (t, hr) = try await helmReleases()
        let error = await expectAPIError { try await t.create(hr, Self.release("neither", chart: ["name": "podinfo"])) }
        XCTAssertEqual(error?.message,
            #"HelmRelease.helm.rudder.dev "neither" is invalid: spec.chart: Invalid value: "object": exactly one of repository or packagedRef must be set"#)
    }

    func testAnHTTPRepositoryWithoutAChartNameIsRefused() async throws {
        let (t, hr) = try await helmReleases()
        let error = await expectAPIError {
            try await t.create(hr, Self.release("nameless", chart: ["repository": "https://charts.example.com"]))
        }
        XCTAssertTrue(error?.message.contains(#"spec.chart: Invalid value: "object": name is required for an HTTP(S) repository"#) ?? false,
                      error?.message ?? "")
    }

    func testValidReleasesAreAccepted() async throws {
        let (t, hr) = try await helmReleases()
        let http = try await t.create(hr, Self.release("http", chart: ["name": "podinfo", "repository": "https://charts.example.com"]))
        XCTAssertEqual(http[path: ["spec", "chart", "name"]], "podinfo")
        let oci = try await t.create(hr, Self.release("oci", chart: ["repository": "oci://ghcr.io/stefanprodan/charts/podinfo"]))
        XCTAssertEqual(oci[path: ["metadata", "name"]], "oci")
        let packaged = try await t.create(hr, Self.release("packaged", chart: ["packagedRef": ["name": "charts", "key": "podinfo.tgz"]]))
        XCTAssertEqual(packaged[path: ["spec", "chart", "packagedRef", "kind"]], "ConfigMap")
    }

    func testMergePatchAndServerSideApplyAreCheckedToo() async throws {
        let (t, hr) = try await helmReleases()
        try await t.create(hr, Self.release("r", chart: ["name": "podinfo", "repository": "https://charts.example.com"]))
        let patched = await expectAPIError {
            _ = try await t.patch(hr, "r", .merge, ["spec": ["chart": ["packagedRef": ["name": "charts", "key": "c.tgz"]]]])
        }
        XCTAssertTrue(patched?.message.contains("exactly one of repository or packagedRef must be set") ?? false, patched?.message ?? "")
        let applied = await expectAPIError {
            _ = try await t.apply(
                hr, "r", Self.release("r", chart: ["packagedRef": ["name": "charts", "key": "c.tgz"]]), manager: "other", force: true)
        }
        XCTAssertTrue(applied?.message.contains("exactly one of repository or packagedRef must be set") ?? false, applied?.message ?? "")
    }

    // MARK: Rule semantics

    func testATransitionRuleRunsOnUpdateOnly() async throws {
        let (t, gadgets) = try await gadgets(specRules: [["rule": "self.mode == oldSelf.mode", "message": "mode is immutable"]])
        try await t.create(gadgets, Self.gadget("g", ["mode": "fast", "replicas": 1]))
        let scaled = try await t.patch(gadgets, "g", .merge, ["spec": ["replicas": 2]])
        XCTAssertEqual(scaled.object[path: ["spec", "replicas"]], 2)
        let error = await expectAPIError { _ = try await t.patch(gadgets, "g", .merge, ["spec": ["mode": "slow"]]) }
        XCTAssertEqual(error?.message, #"Gadget.example.com "g" is invalid: spec: Invalid value: "object": mode is immutable"#)
    }

    func testAnOptionalOldSelfRuleAlsoRunsOnCreate() async throws {
        let (t, gadgets) = try await gadgets(specRules: [[
            "rule": "oldSelf.hasValue() ? self.mode == oldSelf.value().mode : self.mode == 'fast'",
            "optionalOldSelf": true, "message": "mode starts fast and never changes",
        ]])
        let slow = await expectAPIError { try await t.create(gadgets, Self.gadget("slow", ["mode": "slow"])) }
        XCTAssertTrue(slow?.message.contains("spec: Invalid value: \"object\": mode starts fast and never changes") ?? false, slow?.message ?? "")
        try await t.create(gadgets, Self.gadget("g", ["mode": "fast"]))
        let changed = await expectAPIError { _ = try await t.patch(gadgets, "g", .merge, ["spec": ["mode": "slow"]]) }
        XCTAssertEqual(changed?.code, 422)
    }

    func testReasonFieldPathAndMessageExpressionShapeTheCause() async throws {
        let (t, gadgets) = try await gadgets(specRules: [[
            "rule": "self.replicas <= 5", "reason": "FieldValueForbidden", "fieldPath": ".replicas",
            "messageExpression": "'at most 5 replicas, not ' + string(self.replicas)",
        ]])
        let error = await expectAPIError { try await t.create(gadgets, Self.gadget("g", ["replicas": 7])) }
        XCTAssertEqual(error?.details?["causes"], [[
            "reason": "FieldValueForbidden", "field": "spec.replicas", "message": "Forbidden: at most 5 replicas, not 7",
        ]])
    }

    func testRulesUnderItemsRunForEachElementWithItsIndex() async throws {
        let (t, gadgets) = try await gadgets(itemRules: [["rule": "self.port > 0 && self.port < 65536"]])
        let error = await expectAPIError {
            try await t.create(gadgets, Self.gadget("g", ["ports": [["name": "a", "port": 80], ["name": "b", "port": 70000]]]))
        }
        XCTAssertEqual(error?.message,
            #"Gadget.example.com "g" is invalid: spec.ports[1]: Invalid value: "object": failed rule: self.port > 0 && self.port < 65536"#)
    }

    func testAnEvaluationErrorIsReportedWithTheRule() async throws {
        let (t, gadgets) = try await gadgets(specRules: [["rule": "self.replicas > 0"]])
        let error = await expectAPIError { try await t.create(gadgets, Self.gadget("g", ["mode": "fast"])) }
        XCTAssertEqual(error?.message,
            #"Gadget.example.com "g" is invalid: spec: Invalid value: "object": no such key: replicas evaluating rule: self.replicas > 0"#)
    }

    func testStatusRulesApplyOnTheStatusSubresource() async throws {
        let (t, gadgets) = try await gadgets(statusRules: [["rule": "self.phase in ['Pending', 'Ready']", "message": "unknown phase"]])
        try await t.create(gadgets, Self.gadget("g", ["mode": "fast"]))
        let ready = try await t.patch(gadgets, "g", .merge, ["status": ["phase": "Ready"]], subresource: "status")
        XCTAssertEqual(ready.object[path: ["status", "phase"]], "Ready")
        let error = await expectAPIError {
            _ = try await t.patch(gadgets, "g", .merge, ["status": ["phase": "Exploded"]], subresource: "status")
        }
        XCTAssertEqual(error?.message, #"Gadget.example.com "g" is invalid: status: Invalid value: "object": unknown phase"#)
    }

    func testAnUnchangedValueIsNotRefusedByARuleAddedLater() async throws {
        let (t, gadgets) = try await gadgets()
        try await t.create(gadgets, Self.gadget("g", ["mode": "legacy", "replicas": 1]))
        var crd = try await t.get(t.crds, "gadgets.example.com", namespace: nil)
        crd = Self.gadgetCRD(specRules: [["rule": "self.mode != 'legacy'"]]).merging(resourceVersionOf: crd)
        _ = try await t.cluster.update(
            try await t.crds, namespace: nil, name: "gadgets.example.com", subresource: nil, object: crd, options: WriteOptions())
        let refreshed = try await t.rules("example.com", "v1", "gadgets")
        let status = try await t.patch(refreshed, "g", .merge, ["metadata": ["labels": ["a": "b"]]])
        XCTAssertEqual(status.object[path: ["metadata", "labels", "a"]], "b")
        let error = await expectAPIError { try await t.create(refreshed, Self.gadget("h", ["mode": "legacy"])) }
        XCTAssertEqual(error?.code, 422)
    }

    func testRulesDoNotRunOnAnObjectThatFailsItsSchema() async throws {
        let (t, gadgets) = try await gadgets(specRules: [["rule": "self.replicas > 0"]])
        let error = await expectAPIError { try await t.create(gadgets, Self.gadget("g", ["replicas": "three"])) }
        XCTAssertEqual(error?.details?["causes"]?.arrayValue?.last?["message"],
            #"Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"#)
    }

    // MARK: CRDs whose rules do not compile

    func testACRDWithARuleNamingAnUndeclaredFieldIsRefused() async throws {
        let t = try await TestCluster()
        let error = await expectAPIError { try await t.create(t.crds, Self.gadgetCRD(specRules: [["rule": "self.colour == 'red'"]])) }
        XCTAssertEqual(error?.code, 422)
        let cause = error?.details?["causes"]?.arrayValue?.first
        XCTAssertEqual(cause?["field"], "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule")
        XCTAssertTrue(cause?["message"]?.stringValue?.hasSuffix(
            "compilation failed: ERROR: <input>:1:5: undefined field 'colour'\n | self.colour == 'red'\n | ....^") ?? false,
            cause?["message"]?.stringValue ?? "")
    }

    func testACRDWithARuleThatDoesNotParseIsRefusedWithThePosition() async throws {
        let t = try await TestCluster()
        let error = await expectAPIError { try await t.create(t.crds, Self.gadgetCRD(specRules: [["rule": "self.replicas >"]])) }
        let message = error?.details?["causes"]?.arrayValue?.first?["message"]?.stringValue ?? ""
        XCTAssertTrue(message.contains("compilation failed: ERROR: <input>:1:16: Syntax error"), message)
    }

    func testACRDWithAnUnknownFunctionOrAMistypedRuleIsRefused() async throws {
        let t = try await TestCluster()
        let unknown = await expectAPIError { try await t.create(t.crds, Self.gadgetCRD(specRules: [["rule": "self.mode.shout() == 'X'"]])) }
        XCTAssertTrue(unknown?.message.contains("undeclared reference to 'shout' (in container '')") ?? false, unknown?.message ?? "")
        let mistyped = await expectAPIError { try await t.create(t.crds, Self.gadgetCRD(specRules: [["rule": "self.replicas + 'x' > 0"]])) }
        XCTAssertTrue(mistyped?.message.contains("found no matching overload for '_+_' applied to '(int, string)'") ?? false, mistyped?.message ?? "")
        let notBool = await expectAPIError { try await t.create(t.crds, Self.gadgetCRD(specRules: [["rule": "self.replicas"]])) }
        XCTAssertTrue(notBool?.message.contains("cel expression must evaluate to a bool") ?? false, notBool?.message ?? "")
    }

    func testACRDUsingOldSelfBelowAnAtomicListIsRefused() async throws {
        let t = try await TestCluster()
        let error = await expectAPIError { try await t.create(t.crds, Self.gadgetCRD(itemRules: [["rule": "self == oldSelf"]])) }
        XCTAssertTrue(error?.message.contains("oldSelf cannot be used on the uncorrelatable portion of the schema") ?? false, error?.message ?? "")
    }
}

private extension JSONValue {
    /// This CRD as an update of `stored` (its resourceVersion carried over).
    func merging(resourceVersionOf stored: JSONValue) -> JSONValue {
        var copy = self
        copy[path: ["metadata", "resourceVersion"]] = stored[path: ["metadata", "resourceVersion"]]
        return copy
    }
}
