import EmbeddedAPIServer
import KubeObjects
import XCTest

/// A HelmRelease-like CRD end to end: nested objects, arrays of objects, maps,
/// int-or-string, free-form `values`, a status, and what a write of one looks like.
final class StructuralSchemaHelmReleaseTests: XCTestCase {
    static let crdSchema = StructuralSchemaTests.yaml("""
        type: object
        properties:
          apiVersion: {type: string}
          kind: {type: string}
          metadata: {type: object}
          spec:
            type: object
            required: [chart]
            properties:
              interval: {type: string, default: 10m, pattern: '^([0-9]+(\\\\.[0-9]+)?(ms|s|m|h))+$'}
              chart:
                type: object
                required: [name]
                properties:
                  name: {type: string, minLength: 1}
                  version: {type: string, default: '*'}
                  repository: {type: string, format: uri}
              values:
                type: object
                x-kubernetes-preserve-unknown-fields: true
              valuesFrom:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [kind, name]
                items:
                  type: object
                  required: [kind, name]
                  properties:
                    kind: {type: string, enum: [ConfigMap, Secret]}
                    name: {type: string}
                    optional: {type: boolean, default: false}
              upgrade:
                type: object
                properties:
                  remediation:
                    type: object
                    default: {}
                    properties:
                      retries: {type: integer, default: 0, minimum: 0}
                      strategy: {type: string, default: rollback, enum: [rollback, uninstall]}
              maxUnavailable: {x-kubernetes-int-or-string: true}
              labels: {type: object, additionalProperties: {type: string}}
              suspend: {type: boolean}
          status:
            type: object
            properties:
              observedGeneration: {type: integer, format: int64}
              conditions:
                type: array
                items:
                  type: object
                  required: [type, status]
                  properties:
                    type: {type: string}
                    status: {type: string, enum: ["True", "False", "Unknown"]}
                    reason: {type: string}
        """)

    static let release = StructuralSchemaTests.yaml("""
        apiVersion: helm.example.dev/v1
        kind: HelmRelease
        metadata:
          name: podinfo
          namespace: apps
          labels: {team: a}
        spec:
          chart: {name: podinfo, repository: "https://charts.example.dev", typo: 1}
          values:
            replicaCount: 2
            image: {tag: "6.5.0"}
            anything: [1, "two", {three: 3}]
          valuesFrom:
            - {kind: ConfigMap, name: base}
            - {kind: Secret, name: base, optional: true}
          upgrade: {}
          maxUnavailable: 25%
          labels: {tier: web}
        """)

    func testTheSchemaIsStructural() {
        XCTAssertEqual(StructuralSchema.structuralErrors(Self.crdSchema), [])
    }

    func testAWarnWriteIsPrunedDefaultedAndKeepsFreeFormValues() throws {
        let crs = CustomResourceSchema(openAPIV3Schema: Self.crdSchema)
        let (object, warnings) = try crs.process(Self.release, fieldValidation: .warn).get()
        XCTAssertEqual(warnings, ["unknown field \"spec.chart.typo\""])
        XCTAssertEqual(object[path: ["spec", "chart"]], ["name": "podinfo", "version": "*", "repository": "https://charts.example.dev"])
        XCTAssertEqual(object[path: ["spec", "interval"]], "10m")
        XCTAssertEqual(object[path: ["spec", "values"]], Self.release[path: ["spec", "values"]], "values is preserved untouched")
        XCTAssertEqual(object[path: ["spec", "valuesFrom"]], [["kind": "ConfigMap", "name": "base", "optional": false],
                                                          ["kind": "Secret", "name": "base", "optional": true]])
        XCTAssertEqual(object[path: ["spec", "upgrade", "remediation"]], ["retries": 0, "strategy": "rollback"])
        XCTAssertEqual(object[path: ["spec", "maxUnavailable"]], "25%")
        XCTAssertEqual(object["metadata"], Self.release["metadata"])
    }

    func testAStrictWriteWithATypoIsRefused() {
        let crs = CustomResourceSchema(openAPIV3Schema: Self.crdSchema)
        guard case .failure(let error) = crs.process(Self.release, fieldValidation: .strict) else { return XCTFail("typo must be refused") }
        XCTAssertEqual(error.description, "strict decoding error: unknown field \"spec.chart.typo\"")
    }

    func testEveryKindOfMistakeIsReportedAtItsPath() {
        var bad = Self.release
        bad[path: ["spec", "chart", "typo"]] = nil
        bad[path: ["spec", "chart", "name"]] = nil
        bad[path: ["spec", "interval"]] = "soon"
        bad[path: ["spec", "valuesFrom"]] = [["kind": "Secret", "name": "x"], ["kind": "Pod", "name": "y"], ["kind": "Secret", "name": "x"]]
        bad[path: ["spec", "upgrade"]] = ["remediation": ["retries": -1]]
        bad[path: ["spec", "maxUnavailable"]] = 1.5
        bad[path: ["spec", "labels"]] = ["tier": 3]
        bad["status"] = ["conditions": [["type": "Ready", "status": "Maybe"]]]
        let crs = CustomResourceSchema(openAPIV3Schema: Self.crdSchema)
        guard case .failure(.invalid(let causes)) = crs.process(bad, fieldValidation: .strict) else { return XCTFail("must be invalid") }
        XCTAssertEqual(causes.map(\.description), [
            "spec.chart.name: Required value",
            "spec.interval: Invalid value: \"soon\": spec.interval in body should match '^([0-9]+(\\\\.[0-9]+)?(ms|s|m|h))+$'",
            "spec.labels.tier: Invalid value: \"integer\": spec.labels.tier in body must be of type string: \"integer\"",
            "spec.maxUnavailable: Invalid value: \"number\": spec.maxUnavailable in body must be of type integer,string: \"number\"",
            "spec.upgrade.remediation.retries: Invalid value: -1: spec.upgrade.remediation.retries in body should be greater than or equal to 0",
            "spec.valuesFrom[1].kind: Unsupported value: \"Pod\": supported values: \"ConfigMap\", \"Secret\"",
            "status.conditions[0].status: Unsupported value: \"Maybe\": supported values: \"True\", \"False\", \"Unknown\"",
            "spec.valuesFrom[2]: Duplicate value: map[string]interface {}{\"kind\":\"Secret\", \"name\":\"x\"}",
        ])
    }
}
