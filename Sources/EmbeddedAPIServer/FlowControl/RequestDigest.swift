/// What classification looks at (kube-apiserver's `RequestDigest`): the user, the verb in
/// Kubernetes terms and what the request is about.
struct RequestDigest: Sendable {
    enum Target: Sendable, Equatable {
        case resource(apiGroup: String, resource: String)
        case nonResource(path: String)
    }

    var user: RequestUser
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`;
    /// the lower-cased method for non-resource paths.
    var verb: String
    var target: Target

    /// A watch holds its seat only until its first answer is ready (kube-apiserver frees
    /// it once the watch is initialized), never for the stream's lifetime.
    var isWatch: Bool { verb == "watch" }

    init(user: RequestUser, verb: String, target: Target) {
        self.user = user
        self.verb = verb
        self.target = target
    }

    init(_ request: HTTPRequest) {
        user = request.effectiveUser
        let method = request.method.uppercased()
        guard case .resource(let path) = RequestTarget(path: request.path) else {
            verb = method.lowercased()
            target = .nonResource(path: request.path)
            return
        }
        target = .resource(apiGroup: path.group, resource: path.plural)
        let named = path.name != nil
        switch method {
        case "GET", "HEAD":
            if path.legacyWatch || request.queryFlag("watch") {
                verb = "watch"
            } else {
                verb = named ? "get" : "list"
            }
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = named ? "delete" : "deletecollection"
        default: verb = method.lowercased()
        }
    }
}
