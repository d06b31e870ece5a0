import KubeObjects

/// kube-apiserver's authorization filter, the last step before the API (after priority and
/// fairness): a request its user may not make is answered 403 and never reaches `wrapped`.
/// Server-side apply of an object that does not exist yet creates it, so it also needs
/// `create`, as kube-apiserver's patch handler asks for it.
public struct AuthorizingHandler: HTTPRequestHandler {
    public let authorizer: Authorizer
    public let cluster: Cluster
    public let wrapped: any HTTPRequestHandler

    public init(_ wrapped: any HTTPRequestHandler, authorizer: Authorizer, cluster: Cluster) {
        self.wrapped = wrapped
        self.authorizer = authorizer
        self.cluster = cluster
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        // Administrators (and a server without authorization) skip the work: the controller's
        // and the benchmarks' requests pay nothing for RBAC.
        if authorizer.mode == .rbac && !request.effectiveUser.isPrivileged {
            let attributes = AuthorizationAttributes(request)
            if case .deny(let reason) = await authorizer.authorize(attributes) {
                return Responses.error(.forbidden(attributes, reason: reason))
            }
            if let create = await creationByApply(request, attributes),
                case .deny(let reason) = await authorizer.authorize(create)
            {
                return Responses.error(.forbidden(create, reason: reason))
            }
        }
        if let review = AccessReviewEndpoint(request, authorizer: authorizer) {
            return await review.respond()
        }
        return await wrapped.handle(request)
    }

    /// The `create` an apply PATCH implies when its object is absent; nil for anything else.
    private func creationByApply(_ request: HTTPRequest, _ attributes: AuthorizationAttributes) async -> AuthorizationAttributes? {
        guard attributes.isResourceRequest,
            attributes.verb == "patch", attributes.subresource.isEmpty, !attributes.name.isEmpty,
            RequestBody.mediaType(request) == PatchType.apply.rawValue,
            let rules = await cluster.rules(group: attributes.apiGroup, version: attributes.apiVersion, plural: attributes.resource)
        else { return nil }
        let key = rules.key(namespace: attributes.namespace, name: attributes.name)
        guard await cluster.store.get(rules.groupResource, key) == nil else { return nil }
        var create = attributes
        create.verb = "create"
        return create
    }
}
