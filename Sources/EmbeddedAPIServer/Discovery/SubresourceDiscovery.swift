import KubeObjects

/// How discovery describes a resource's subresources: what kind a request to it returns and
/// which verbs it takes. `status` answers with the resource's own kind; `scale` with
/// `autoscaling/v1` `Scale`, for built-ins and CRDs alike.
extension APIResource {
    /// Both subresources served take exactly these, as on a real server.
    static let subresourceVerbs = ["get", "patch", "update"]

    /// The kind a request to `subresource` returns.
    func responseKind(ofSubresource subresource: String) -> GroupVersionKind {
        subresource == "scale"
            ? GroupVersionKind(group: "autoscaling", version: "v1", kind: "Scale")
            : groupVersionKind
    }
}
