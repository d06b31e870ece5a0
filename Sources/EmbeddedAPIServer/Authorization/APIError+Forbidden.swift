import KubeObjects

extension APIError {
    /// kube-apiserver's refusal (`responsewriters.Forbidden` over `NewForbidden`), word for
    /// word, because kubectl, Helm and Rudder's own status conditions show `message` as is:
    /// `configmaps "x" is forbidden: User "u" cannot create resource "configmaps" in API group
    /// "" in the namespace "apps"`, with `: <reason>` when the authorizer gave one.
    public static func forbidden(_ attributes: AuthorizationAttributes, reason: String = "") -> APIError {
        let why = reason.isEmpty ? forbiddenMessage(attributes) : forbiddenMessage(attributes) + ": " + reason
        guard attributes.isResourceRequest else {
            return APIError(code: 403, reason: "Forbidden", message: "forbidden: " + why, details: .emptyObject)
        }
        let resource = GroupResource(group: attributes.apiGroup, resource: attributes.resource)
        let subject = attributes.name.isEmpty ? "\(resource)" : "\(resource) \(JSONValue.string(attributes.name).serialized())"
        var details: JSONValue = ["kind": .string(attributes.resource)]
        if !attributes.name.isEmpty { details["name"] = .string(attributes.name) }
        if !attributes.apiGroup.isEmpty { details["group"] = .string(attributes.apiGroup) }
        return APIError(code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)", details: details)
    }

    /// `User "u" cannot <verb> resource "r" in API group "g" in the namespace "n"` (or "at the
    /// cluster scope"), or `User "u" cannot <verb> path "/p"`.
    static func forbiddenMessage(_ a: AuthorizationAttributes) -> String {
        let user = quoted(a.user.name)
        guard a.isResourceRequest else { return "User \(user) cannot \(a.verb) path \(quoted(a.path))" }
        let scope = a.namespace.isEmpty ? "at the cluster scope" : "in the namespace \(quoted(a.namespace))"
        return "User \(user) cannot \(a.verb) resource \(quoted(a.resourceAndSubresource)) in API group \(quoted(a.apiGroup)) \(scope)"
    }

    /// Go's `%q` for the names that appear here (JSON escaping agrees with it on printable text).
    private static func quoted(_ text: String) -> String { JSONValue.string(text).serialized() }
}
