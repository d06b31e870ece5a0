import ArgumentParser
import Foundation
import KubeObjects
import Values

/// The flags `install` and `upgrade` share: where the chart comes from, its values (merged
/// exactly as `rudder template` merges them) and how the command waits.
struct ReleaseSpecOptions: ParsableArguments {
    @Option(help: "The chart repository: an HTTP(S) index.yaml repository or oci://REGISTRY/PATH.")
    var repo: String?

    @Option(help: "A version or semver constraint of the chart (default: the newest stable).")
    var version: String?

    @Flag(name: .customLong("plain-http"), help: "Talk to an oci:// registry over plain HTTP.")
    var plainHTTP = false

    @OptionGroup var values: ValuesOptions

    @Flag(name: .customLong("create-namespace"), help: "Create the namespace if it does not exist.")
    var createNamespace = false

    @Flag(help: "Wait until the controller reports the HelmRelease Ready (exit 1 if it fails).")
    var wait = false

    @Option(help: "How long to wait for the release (a Go duration, as spec.timeout: 5m, 90s).")
    var timeout: String?

    /// `--timeout` as a Duration; 5m (Helm's default) when not given.
    func waitTimeout() throws -> Duration {
        try ReleaseWait.duration(timeout, flag: "--timeout")
    }

    /// The fields of the HelmRelease the CLI owns (its server-side apply configuration).
    func applyConfiguration(name: String, namespace: String, chart: String) throws -> JSONValue {
        let reference = try ReleaseChartSource.reference(chart: chart, repo: repo, version: version, plainHTTP: plainHTTP)
        var spec: [String: JSONValue] = ["chart": reference]
        let merged = try values.merged()
        if !merged.isEmpty { spec["values"] = .object(merged.mapValues(JSONValue.init)) }
        if createNamespace { spec["install"] = ["createNamespace": true] }
        if let timeout {
            _ = try waitTimeout()
            spec["timeout"] = .string(timeout)
        }
        return [
            "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease",
            "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": .object(spec),
        ]
    }
}
