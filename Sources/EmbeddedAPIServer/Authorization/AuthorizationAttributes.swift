import KubeObjects

/// What an authorizer decides on (kube-apiserver's `authorizer.Attributes`): who, which verb,
/// and either a resource (group, resource, subresource, namespace, name) or a URL path.
public struct AuthorizationAttributes: Sendable, Equatable {
    public var user: RequestUser
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`,
    /// `impersonate`…; for a non-resource request the lower-cased HTTP method.
    public var verb: String
    public var isResourceRequest: Bool
    public var apiGroup: String
    public var apiVersion: String
    public var resource: String
    public var subresource: String
    /// Empty for cluster-scoped objects and for requests across all namespaces.
    public var namespace: String
    /// Empty for collection requests (unless a field selector pins `metadata.name`).
    public var name: String
    /// The URL path of a non-resource request (`/version`, `/apis`).
    public var path: String

    public init(
        user: RequestUser, verb: String, apiGroup: String = "", apiVersion: String = "", resource: String,
        subresource: String = "", namespace: String = "", name: String = ""
    ) {
        self.user = user
        self.verb = verb
        self.isResourceRequest = true
        self.apiGroup = apiGroup
        self.apiVersion = apiVersion
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
        self.path = ""
    }

    public init(user: RequestUser, verb: String, path: String) {
        self.user = user
        self.verb = verb
        self.isResourceRequest = false
        self.apiGroup = ""
        self.apiVersion = ""
        self.resource = ""
        self.subresource = ""
        self.namespace = ""
        self.name = ""
        self.path = path
    }

    /// The attributes of an HTTP request, as kube-apiserver's `RequestInfoFactory` reads
    /// them: GET on a collection is `list` (or `watch` with `watch=true` or the `/watch/`
    /// prefix) and a `metadata.name=` field selector names the object, so a grant limited
    /// by `resourceNames` covers `kubectl get -w NAME`; a namespace's own URL is in that
    /// namespace, so a Role there can grant reading it.
    public init(_ request: HTTPRequest) {
        let user = request.effectiveUser
        let method = request.method.uppercased()
        guard case .resource(let path) = RequestTarget(path: request.path) else {
            self.init(user: user, verb: method.lowercased(), path: request.path)
            return
        }
        let verb: String
        var name = path.name ?? ""
        switch method {
        case "GET", "HEAD":
            if path.legacyWatch || request.queryFlag("watch") {
                verb = "watch"
            } else {
                verb = path.name == nil ? "list" : "get"
            }
            if path.name == nil, let selector = request.query("fieldSelector"),
                let parsed = try? FieldSelector(parsing: selector), let pinned = parsed.requiredValue(for: "metadata.name"),
                !pinned.isEmpty, !pinned.contains("/"), pinned != ".", pinned != ".."
            {
                name = pinned
            }
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = path.name == nil ? "deletecollection" : "delete"
        default: verb = method.lowercased()
        }
        var namespace = path.namespace ?? ""
        if path.group.isEmpty, path.plural == "namespaces", namespace.isEmpty, let own = path.name { namespace = own }
        self.init(
            user: user, verb: verb, apiGroup: path.group, apiVersion: path.version, resource: path.plural,
            subresource: path.subresource ?? "", namespace: namespace, name: name)
    }

    /// `deployments/status` when a subresource is named: what RBAC rules list.
    public var resourceAndSubresource: String { subresource.isEmpty ? resource : resource + "/" + subresource }
}
