import Controller
import Foundation
import KubeClient
import KubeObjects
import Values
import XCTest

/// Hook documents for the demo chart (`ReconcileHarness.publishChart(version:template:)`
/// appends them to its ConfigMap template), and a HelmRelease of that chart.
enum HookManifests {
    static func annotations(_ events: String, weight: Int, policy: String?) -> String {
        var text = "  annotations:\n    \"helm.sh/hook\": \(events)\n    \"helm.sh/hook-weight\": \"\(weight)\"\n"
        if let policy { text += "    \"helm.sh/hook-delete-policy\": \(policy)\n" }
        return text
    }

    /// A ConfigMap hook `<release>-<name>`: done once created.
    static func configMap(_ name: String, events: String, weight: Int = 0, policy: String? = nil, value: String = "new") -> String {
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-\(name)\n"
            + annotations(events, weight: weight, policy: policy) + "data:\n  value: \(value)\n"
    }

    /// A Job hook `<release>-<name>`; the simulator completes it, or fails it with `fails`.
    static func job(_ name: String, events: String, weight: Int = 0, policy: String? = nil, fails: Bool = false) -> String {
        "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-\(name)\n"
            + (fails ? "  labels:\n    rudder.dev/simulate: fail\n" : "")
            + annotations(events, weight: weight, policy: policy)
            + """
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: busybox:1.36
                    command: ["true"]

            """
    }

    static func release(
        version: String, values: JSONValue = [:], test: Bool = false, uninstall: JSONValue? = nil, upgrade: JSONValue? = nil
    ) -> JSONValue {
        var spec: [String: JSONValue] = [
            "chart": ["packagedRef": ["name": "charts", "key": .string("demo-\(version).tgz")]], "values": values, "timeout": "30s",
        ]
        if test { spec["test"] = ["enable": true] }
        if let uninstall { spec["uninstall"] = uninstall }
        if let upgrade { spec["upgrade"] = upgrade }
        return ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"], "spec": .object(spec)]
    }
}

extension ReconcileHarness {
    var store: ReleaseStore { ReleaseStore(client: client, namespace: "default") }
    var configMaps: ResourceClient { resource("", "v1", "configmaps", namespace: "default") }
    var jobs: ResourceClient { resource("batch", "v1", "jobs", namespace: "default") }
}

extension GoTime {
    static func < (a: GoTime, b: GoTime) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }
}
