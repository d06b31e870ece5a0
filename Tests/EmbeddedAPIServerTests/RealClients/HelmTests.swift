import EmbeddedAPIServer
import Foundation
import XCTest

/// Helm v4 (helm-python-sdk, the Go SDK behind a C ABI), unmodified, with the Secret
/// storage driver: a release's lifecycle against the embedded API server, checked both
/// through Helm's own answers and through kubectl.
final class HelmTests: RealClientTestCase {
    /// A chart with a ConfigMap (one key per `data` value, so an upgrade can drop one) and
    /// a Deployment the workload simulator makes Available.
    func writeChart(_ cluster: RealCluster) throws -> String {
        _ = try cluster.write("chart/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: \"1.0\"\n")
        _ = try cluster.write("chart/values.yaml", "replicas: 1\nweb: true\ndata:\n  a: \"1\"\n")
        _ = try cluster.write(
            "chart/templates/configmap.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-config
            data:
            {{- range $k, $v := .Values.data }}
              {{ $k }}: {{ $v | quote }}
            {{- end }}

            """)
        _ = try cluster.write(
            "chart/templates/deployment.yaml",
            """
            {{- if .Values.web }}
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels:
                  app: {{ .Release.Name }}-web
              template:
                metadata:
                  labels:
                    app: {{ .Release.Name }}-web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            {{- end }}

            """)
        return cluster.directory.appendingPathComponent("chart").path
    }

    /// Runs Helm steps in one SDK process; returns each step's outcome.
    func helm(_ cluster: RealCluster, _ steps: [[String: Any]]) async throws -> [[String: Any]] {
        let input = String(decoding: try JSONSerialization.data(withJSONObject: steps), as: UTF8.self)
        let output = try await cluster.python("helm_steps.py", stdin: input, timeout: .seconds(90))
        let results = try XCTUnwrap(try json(succeed(output)) as? [[String: Any]], output.transcript)
        XCTAssertEqual(results.count, steps.count, output.transcript)
        return results
    }

    /// Asserts every step succeeded.
    func succeeded(_ results: [[String: Any]], file: StaticString = #filePath, line: UInt = #line) {
        for (index, result) in results.enumerated() where result["ok"] as? Bool != true {
            XCTFail("step \(index) failed: \(result)", file: file, line: line)
        }
    }

    /// The release records in the namespace, as `name → status label`.
    func releaseSecrets(_ cluster: RealCluster) async throws -> [String: String] {
        let list = try await cluster.getJSON(["secrets", "-l", "owner=helm"])
        var records: [String: String] = [:]
        for item in list["items"] as? [[String: Any]] ?? [] {
            XCTAssertEqual(item["type"] as? String, "helm.sh/release.v1")
            records[value(item, "metadata", "name") as? String ?? ""] = value(item, "metadata", "labels", "status") as? String
        }
        return records
    }

    func install(_ chart: String, values: [String: Any]? = nil, wait: String? = nil) -> [String: Any] {
        var step: [String: Any] = ["action": "install", "chart": chart, "name": "demo", "timeout": 30]
        if let values { step["values"] = values }
        if let wait { step["wait"] = wait }
        return step
    }

    func upgrade(_ chart: String, values: [String: Any]) -> [String: Any] {
        ["action": "upgrade", "chart": chart, "name": "demo", "values": values, "timeout": 30]
    }

    func testInstallStoresTheReleaseInALabelledSecretAndAppliesTheObjects() async throws {
        let cluster = try await startCluster()
        let results = try await helm(cluster, [install(try writeChart(cluster))])
        succeeded(results)
        XCTAssertEqual(value(results.first, "result", "status") as? String, "deployed", "\(results)")
        let secret = try await cluster.getJSON(["secret", "sh.helm.release.v1.demo.v1"])
        let labels = value(secret, "metadata", "labels") as? [String: String] ?? [:]
        XCTAssertEqual(labels["owner"], "helm")
        XCTAssertEqual(labels["name"], "demo")
        XCTAssertEqual(labels["status"], "deployed")
        XCTAssertEqual(labels["version"], "1")
        XCTAssertNotNil(value(secret, "data", "release") as? String)
        let config = try await cluster.getJSON(["configmap", "demo-config", "--show-managed-fields"])
        XCTAssertEqual(config["data"] as? [String: String], ["a": "1"])
        XCTAssertEqual(value(config, "metadata", "labels", "app.kubernetes.io/managed-by") as? String, "Helm")
        XCTAssertEqual(value(config, "metadata", "annotations", "meta.helm.sh/release-name") as? String, "demo")
        let managers = (value(config, "metadata", "managedFields") as? [[String: Any]] ?? []).map {
            "\($0["manager"] ?? "") \($0["operation"] ?? "")"
        }
        XCTAssertEqual(managers, ["python Apply"], "Helm 4 applies server-side as its program name")
    }

    func testUpgradeDroppingAKeyRemovesItAndSupersedesTheFirstRevision() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        succeeded(try await helm(cluster, [install(chart, values: ["data": ["a": "1", "b": "2"]])]))
        let before = try await cluster.getJSON(["configmap", "demo-config"])
        XCTAssertEqual(before["data"] as? [String: String], ["a": "1", "b": "2"])
        let results = try await helm(cluster, [upgrade(chart, values: ["data": ["c": "3"]])])
        succeeded(results)
        let after = try await cluster.getJSON(["configmap", "demo-config"])
        XCTAssertEqual(after["data"] as? [String: String], ["a": "1", "c": "3"])
        let records = try await releaseSecrets(cluster)
        XCTAssertEqual(records, ["sh.helm.release.v1.demo.v1": "superseded", "sh.helm.release.v1.demo.v2": "deployed"])
    }

    func testListAndHistoryShowTheRevisions() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        let results = try await helm(cluster, [
            install(chart), upgrade(chart, values: ["replicas": 2]),
            ["action": "list"], ["action": "history", "name": "demo"],
        ])
        succeeded(results)
        let listed = value(results[2], "result") as? [[String: Any]] ?? []
        XCTAssertEqual(listed.map { $0["name"] as? String }, ["demo"], "\(results[2])")
        XCTAssertEqual(listed.map { $0["revision"] as? Int }, [2])
        XCTAssertEqual(listed.map { $0["status"] as? String }, ["deployed"])
        let history = value(results[3], "result") as? [[String: Any]] ?? []
        XCTAssertEqual(history.map { $0["revision"] as? Int }, [1, 2], "\(results[3])")
        XCTAssertEqual(history.map { $0["status"] as? String }, ["superseded", "deployed"])
    }

    func testRollbackRestoresTheFirstRevisionAsANewOne() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        succeeded(try await helm(cluster, [
            install(chart, values: ["data": ["a": "1", "b": "2"]]),
            upgrade(chart, values: ["data": ["a": "changed"]]),
            ["action": "rollback", "name": "demo", "version": 1],
        ]))
        let config = try await cluster.getJSON(["configmap", "demo-config"])
        XCTAssertEqual(config["data"] as? [String: String], ["a": "1", "b": "2"])
        let records = try await releaseSecrets(cluster)
        XCTAssertEqual(records, [
            "sh.helm.release.v1.demo.v1": "superseded", "sh.helm.release.v1.demo.v2": "superseded",
            "sh.helm.release.v1.demo.v3": "deployed",
        ])
    }

    func testUninstallRemovesTheObjectsAndTheReleaseRecords() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        let results = try await helm(cluster, [install(chart), upgrade(chart, values: ["replicas": 2]), ["action": "uninstall", "name": "demo"]])
        succeeded(results)
        let records = try await releaseSecrets(cluster)
        XCTAssertEqual(records, [:])
        let missing = fail(try await cluster.kubectl(["get", "configmap", "demo-config"]))
        XCTAssertTrue(missing.contains(#"configmaps "demo-config" not found"#), missing)
        let deployment = fail(try await cluster.kubectl(["get", "deployment", "demo-web"]))
        XCTAssertTrue(deployment.contains(#"deployments.apps "demo-web" not found"#), deployment)
    }

    func testInstallWithTheWatcherWaitReturnsOnceTheDeploymentIsAvailable() async throws {
        let cluster = try await startCluster()
        let results = try await helm(cluster, [install(try writeChart(cluster), values: ["replicas": 2], wait: "watcher")])
        succeeded(results)
        XCTAssertEqual(value(results.first, "result", "status") as? String, "deployed")
        let deployment = try await cluster.getJSON(["deployment", "demo-web"])
        XCTAssertEqual(value(deployment, "status", "availableReplicas") as? Int, 2)
    }

    func testUpgradeOfAFieldAnotherManagerChangedFailsWithAConflict() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        succeeded(try await helm(cluster, [install(chart)]))
        succeed(try await cluster.kubectl(["patch", "configmap", "demo-config", "--type", "merge", "-p", #"{"data":{"a":"mine"}}"#]))
        let results = try await helm(cluster, [upgrade(chart, values: ["data": ["a": "2"]])])
        XCTAssertEqual(results.first?["ok"] as? Bool, false)
        let message = results.first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("conflict occurred while applying object default/demo-config /v1, Kind=ConfigMap"), message)
        XCTAssertTrue(message.contains(#"conflict with "kubectl-patch""#), message)
        let records = try await releaseSecrets(cluster)
        XCTAssertEqual(records, ["sh.helm.release.v1.demo.v1": "deployed", "sh.helm.release.v1.demo.v2": "failed"])
    }

    func testUpgradeWithoutATemplateDeletesItsObject() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        succeeded(try await helm(cluster, [install(chart), upgrade(chart, values: ["web": false])]))
        let gone = fail(try await cluster.kubectl(["get", "deployment", "demo-web"]))
        XCTAssertTrue(gone.contains(#"deployments.apps "demo-web" not found"#), gone)
        try await expect(cluster, ["get", "configmap", "demo-config", "-o", "name"], prints: "configmap/demo-config\n")
    }

    func testInstallCreatesTheNamespaceItIsAskedFor() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        succeeded(try await helm(cluster, [[
            "action": "install", "chart": chart, "name": "demo", "namespace": "fresh", "create_namespace": true, "timeout": 30,
        ]]))
        try await expect(cluster, ["get", "configmap", "-n", "fresh", "-o", "name"], prints: "configmap/demo-config\n")
        try await expect(
            cluster, ["get", "secret", "-n", "fresh", "-l", "owner=helm", "-o", "name"], prints: "secret/sh.helm.release.v1.demo.v1\n")
    }

    func testInstallRefusesToAdoptAnObjectItDoesNotOwn() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        succeed(try await cluster.kubectl(["create", "configmap", "demo-config", "--from-literal=mine=yes"]))
        let results = try await helm(cluster, [install(chart)])
        XCTAssertEqual(results.first?["ok"] as? Bool, false)
        let message = results.first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("invalid ownership metadata"), message)
        let object = try await cluster.getJSON(["configmap", "demo-config"])
        XCTAssertEqual(object["data"] as? [String: String], ["mine": "yes"], "Helm wrote nothing over it")
    }

    func testUninstallKeepingHistoryMarksTheReleaseUninstalled() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        succeeded(try await helm(cluster, [install(chart), ["action": "uninstall", "name": "demo", "keep_history": true, "wait": "watcher", "timeout": 30]]))
        let records = try await releaseSecrets(cluster)
        XCTAssertEqual(records, ["sh.helm.release.v1.demo.v1": "uninstalled"])
        try await expect(cluster, ["get", "deployments,configmaps", "-o", "name"], prints: "")
    }

    func testInstallOfAChartWithACRDAppliesTheDefinitionThenTheCustomObject() async throws {
        let cluster = try await startCluster()
        let chart = try writeChart(cluster)
        _ = try cluster.write("chart/crds/widgets.yaml", Manifests.widgetCRD)
        _ = try cluster.write(
            "chart/templates/widget.yaml",
            "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {{ .Release.Name }}-widget\nspec:\n  size: 7\n  color: green\n")
        succeeded(try await helm(cluster, [install(chart, wait: "watcher")]))
        let widget = try await cluster.getJSON(["widget", "demo-widget"])
        XCTAssertEqual(value(widget, "spec", "size") as? Int, 7)
        XCTAssertEqual(value(widget, "metadata", "labels", "app.kubernetes.io/managed-by") as? String, "Helm")
    }
}
