import KubeObjects

/// A secondary resource whose changes make the controller look at primary objects
/// (kube-rs's `owns`/`watches`, controller-runtime's `Owns`/`Watches`): its reflector, and
/// how a change of one of its objects maps to primary keys.
struct ControllerTrigger: Sendable {
    let reflector: Reflector
    let map: @Sendable (ObjectChange) async -> [ObjectRef]
}

extension ObjectRef {
    /// The key of `object`'s controller owner when that owner is a `kind` (the group must
    /// match; the version need not, an owner reference may name any served version), as
    /// controller-runtime's `EnqueueRequestForOwner(OnlyControllerOwner)` maps it. Owner
    /// references never cross namespaces: a namespaced owner lives in the object's
    /// namespace, a cluster-scoped one (`ownerNamespaced` false) in none.
    public static func controllerOwner(of object: JSONValue, kind: GroupVersionKind, ownerNamespaced: Bool = true) -> ObjectRef? {
        for reference in object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] {
            guard reference["controller"]?.boolValue == true, reference["kind"]?.stringValue == kind.kind,
                let apiVersion = reference["apiVersion"]?.stringValue, GroupVersion(apiVersion: apiVersion)?.group == kind.group,
                let name = reference["name"]?.stringValue, !name.isEmpty
            else { continue }
            return ObjectRef(namespace: ownerNamespaced ? object.metadataNamespace ?? "" : "", name: name)
        }
        return nil
    }
}
