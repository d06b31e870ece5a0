import KubeClient
import KubeObjects

/// Writes the CLI's part of a HelmRelease. `install` and `upgrade` server-side apply the
/// fields they set as field manager `rudder-cli`, so a GitOps tool's other fields stay its
/// own; what the apply cannot remove because another writer owns it, yet contradicts the
/// command (a rollback still pinned, another chart source, values `--set` did not give) is
/// removed by one JSON Patch conditional on the version just written.
enum ReleaseSpecWriter {
    static let fieldManager = "rudder-cli"

    static func apply(_ configuration: JSONValue, in cluster: ReleaseCluster, force: Bool) async throws -> JSONValue {
        let name = configuration.metadataName ?? ""
        let object = try await cluster.releases.apply(configuration, fieldManager: fieldManager, force: force)
        let fixes = leftovers(in: object, desired: configuration)
        guard !fixes.isEmpty, let version = object.metadataResourceVersion else { return object }
        let test: JSONValue = ["op": "test", "path": "/metadata/resourceVersion", "value": .string(version)]
        return try await cluster.releases.patch(name, .json([test] + fixes), WriteParams(fieldManager: fieldManager))
    }

    /// RFC 6902 operations removing what contradicts `desired` in the applied `object`.
    static func leftovers(in object: JSONValue, desired: JSONValue) -> [JSONValue] {
        var ops: [JSONValue] = []
        // Helm's upgrade and install make the chart the desired state again, so a GitOps
        // rollback pin must go (the controller would keep rendering the old revision).
        if object[path: ["spec", "rollback"]] != nil {
            ops.append(["op": "remove", "path": "/spec/rollback"])
        }
        let chart = desired[path: ["spec", "chart"]]?.objectValue ?? [:]
        for key in ["digest", "name", "packagedRef", "plainHTTP", "repository", "version"]
        where chart[key] == nil && object[path: ["spec", "chart", key]] != nil {
            ops.append(["op": "remove", "path": .string("/spec/chart/\(key)")])
        }
        // Helm replaces the values on upgrade (no --reuse-values): keys another writer set
        // and this command did not give are not kept.
        let wanted = desired[path: ["spec", "values"]]
        let have = object[path: ["spec", "values"]]
        if let wanted {
            if have.map({ !$0.semanticallyEquals(wanted) }) ?? true {
                ops.append(["op": have == nil ? "add" : "replace", "path": "/spec/values", "value": wanted])
            }
        } else if let have, have != .emptyObject, !have.isNull {
            ops.append(["op": "remove", "path": "/spec/values"])
        }
        return ops
    }

    /// A merge patch of the spec (`rollback`, `uninstall`), owned by `rudder-cli`.
    static func patchSpec(_ name: String, _ spec: JSONValue, in cluster: ReleaseCluster) async throws -> JSONValue {
        try await cluster.releases.patch(name, .merge(["spec": spec]), WriteParams(fieldManager: fieldManager))
    }

    /// Creates `name` unless it exists (`--create-namespace`): the HelmRelease lives there,
    /// so it must exist before the controller could create it.
    static func ensureNamespace(_ name: String, in cluster: ReleaseCluster) async throws {
        let namespaces = ResourceClient(client: cluster.client, resource: Namespace.groupVersionResource)
        guard try await namespaces.getIfExists(name) == nil else { return }
        do {
            _ = try await namespaces.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
        } catch let error as KubeAPIError where error.isAlreadyExists {
        }
    }
}
