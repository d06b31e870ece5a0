import KubeObjects

/// kubectl's `kubectl.kubernetes.io/last-applied-configuration` annotation under
/// server-side apply. kube-apiserver (its field manager's last-applied updater) rewrites
/// the annotation whenever the `kubectl` manager applies to an object that carries it, so
/// that a later client-side `kubectl apply` computes its three-way patch from what was
/// really applied last, not from a stale client-side configuration.
enum LastAppliedAnnotation {
    static let key = "kubectl.kubernetes.io/last-applied-configuration"
    /// Only kubectl's own server-side apply keeps the annotation in step; other managers
    /// (Helm, controllers) opt out simply by their name, as upstream.
    static let manager = "kubectl"

    /// Sets the annotation on `object` (the apply's result) to `configuration` without the
    /// annotation itself, encoded as `encoding/json` would (sorted keys, trailing newline).
    static func sync(_ object: inout JSONValue, appliedBy manager: String, configuration: JSONValue) {
        guard manager == Self.manager, object[path: ["metadata", "annotations", key]] != nil else { return }
        var applied = configuration
        if applied[path: ["metadata", "annotations"]] != nil {
            applied[path: ["metadata", "annotations", key]] = nil
        }
        object[path: ["metadata", "annotations", key]] = .string(applied.serialized() + "\n")
    }
}
