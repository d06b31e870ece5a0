import EmbeddedAPIServer
import Foundation
import XCTest

/// kubectl 1.37 and `/openapi/v2`: a `kind: List` file is validated on the client against the
/// v2 document (gnostic protobuf), item by item, by each item's kind. Without the document
/// kubectl refuses every List ("the server could not find the requested resource") unless
/// told `--validate=false`.
final class KubectlOpenAPIV2Tests: RealClientTestCase {
    /// A cluster with the HelmRelease CRD from `crds/` applied through kubectl.
    func clusterWithHelmReleases() async throws -> RealCluster {
        let cluster = try await startCluster()
        let crd = RealClientTools.packageRoot.appendingPathComponent("crds/helm.rudder.dev_helmreleases.yaml").path
        try await expect(cluster, ["apply", "-f", crd], prints: "customresourcedefinition.apiextensions.k8s.io/helmreleases.helm.rudder.dev created\n")
        return cluster
    }

    func helmRelease(_ name: String, spec extra: [String: Any] = [:]) -> [String: Any] {
        var spec: [String: Any] = [
            "chart": ["name": "podinfo", "repository": "https://charts.example.dev", "version": "6.5.0"],
            "values": ["replicaCount": 2, "image": ["tag": "6.5.0"], "anything": [1, "two", ["three": 3]]],
            "maxHistory": 5,
        ]
        spec.merge(extra) { _, new in new }
        return [
            "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease",
            "metadata": ["name": name, "labels": ["team": "a"], "annotations": ["note": "x"]], "spec": spec,
        ]
    }

    func writeList(_ cluster: RealCluster, _ name: String, _ items: [[String: Any]]) throws -> String {
        let list: [String: Any] = ["apiVersion": "v1", "kind": "List", "items": items]
        let data = try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])
        return try cluster.write(name, String(decoding: data, as: UTF8.self))
    }

    func testServerSideApplyOfAListOfHelmReleasesValidatesAndApplies() async throws {
        let cluster = try await clusterWithHelmReleases()
        let list = try writeList(cluster, "list.json", [helmRelease("a"), helmRelease("b")])
        try await expect(cluster, ["apply", "--server-side", "-f", list], prints: """
            helmrelease.helm.rudder.dev/a serverside-applied
            helmrelease.helm.rudder.dev/b serverside-applied

            """)
        let b = try await cluster.getJSON(["hr", "b"])
        XCTAssertEqual(value(b, "spec", "values", "image", "tag") as? String, "6.5.0")
    }

    func testAListItemWithAnUnknownFieldIsRefusedBeforeAnythingIsApplied() async throws {
        let cluster = try await clusterWithHelmReleases()
        let list = try writeList(cluster, "list.json", [helmRelease("a"), helmRelease("b", spec: ["bogus": 1])])
        let refused = fail(try await cluster.kubectl(["apply", "--server-side", "-f", list]))
        XCTAssertTrue(refused.contains(#"ValidationError(HelmRelease.spec): unknown field "bogus" in dev.rudder.helm.v1.HelmRelease.spec"#), refused)
        XCTAssertTrue(refused.contains("turn validation off with --validate=false"), refused)
        let missing = fail(try await cluster.kubectl(["get", "hr", "a"]))
        XCTAssertTrue(missing.contains("NotFound") || missing.contains("not found"), "client-side validation runs before any item is sent: \(missing)")
    }

    func testAListItemWithAWrongTypeIsRefused() async throws {
        let cluster = try await clusterWithHelmReleases()
        let list = try writeList(cluster, "list.json", [helmRelease("a", spec: ["maxHistory": "ten"])])
        let refused = fail(try await cluster.kubectl(["apply", "--server-side", "-f", list]))
        XCTAssertTrue(
            refused.contains(#"invalid type for dev.rudder.helm.v1.HelmRelease.spec.maxHistory: got "string", expected "integer""#), refused)
    }

    func testAListOfBuiltinKindsWithTheirFullFieldsAppliesAndReapplies() async throws {
        let cluster = try await startCluster()
        func items(replicas: Int) -> [[String: Any]] {
            let container: [String: Any] = [
                "name": "web", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent",
                "ports": [["containerPort": 80, "protocol": "TCP", "name": "http"]],
                "resources": ["limits": ["cpu": "100m"]], "terminationMessagePolicy": "File",
            ]
            let deployment: [String: Any] = [
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": ["app": "web"]],
                "spec": [
                    "replicas": replicas, "minReadySeconds": 5, "revisionHistoryLimit": 3, "progressDeadlineSeconds": 60,
                    "selector": ["matchLabels": ["app": "web"]],
                    "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": "25%"]],
                    "template": [
                        "metadata": ["labels": ["app": "web"]],
                        "spec": ["containers": [container], "terminationGracePeriodSeconds": 10, "dnsPolicy": "ClusterFirst"],
                    ],
                ],
            ]
            let configMap: [String: Any] = [
                "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["a": "1"], "immutable": false,
            ]
            return [configMap, deployment]
        }
        let first = try writeList(cluster, "list.json", items(replicas: 1))
        try await expect(cluster, ["apply", "-f", first], prints: "configmap/settings created\ndeployment.apps/web created\n")
        let second = try writeList(cluster, "list2.json", items(replicas: 2))
        try await expect(cluster, ["apply", "-f", second], prints: "configmap/settings unchanged\ndeployment.apps/web configured\n")
        let web = try await cluster.getJSON(["deploy", "web"])
        XCTAssertEqual(value(web, "spec", "replicas") as? Int, 2)
        XCTAssertEqual(value(web, "spec", "minReadySeconds") as? Int, 5)
    }

    func testExplainReadsTheCustomKindFromV3AndFromV2() async throws {
        let cluster = try await clusterWithHelmReleases()
        let v3 = succeed(try await cluster.kubectl(["explain", "helmrelease.spec.chart"]))
        XCTAssertTrue(v3.contains("  repository\t<string>"), v3)
        let v2 = succeed(try await cluster.kubectl(["explain", "--output", "plaintext-openapiv2", "helmrelease.spec.chart"]))
        XCTAssertTrue(v2.contains("KIND:     HelmRelease"), v2)
        XCTAssertTrue(v2.contains("   repository\t<string>"), v2)
        XCTAssertTrue(v2.contains("The chart's name in the repository"), v2)
    }
}
