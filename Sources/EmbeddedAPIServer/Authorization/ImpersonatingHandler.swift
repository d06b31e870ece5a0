import KubeObjects

/// kube-apiserver's impersonation filter (after authentication, before priority and
/// fairness): `Impersonate-User`, `Impersonate-Group` (repeatable), `Impersonate-Uid` and
/// `Impersonate-Extra-<key>` make the request act as another user, when the caller may
/// `impersonate` each of them. Flow control and authorization further in see the
/// impersonated user; a refusal is kube-apiserver's 403 and reaches nothing.
public struct ImpersonatingHandler: HTTPRequestHandler {
    public let authorizer: Authorizer
    public let wrapped: any HTTPRequestHandler

    public init(_ wrapped: any HTTPRequestHandler, authorizer: Authorizer) {
        self.wrapped = wrapped
        self.authorizer = authorizer
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard let impersonation = ImpersonationHeaders(request) else { return await wrapped.handle(request) }
        var request = request
        do {
            request.user = try await impersonation.user(requestor: request.effectiveUser, authorizer: authorizer)
        } catch {
            return Responses.error(error)
        }
        request.headers.removeAll { ImpersonationHeaders.isImpersonationHeader($0.name) }
        return await wrapped.handle(request)
    }
}

/// The impersonation a request asks for, read from its headers.
struct ImpersonationHeaders: Equatable {
    static let userHeader = "impersonate-user"
    static let groupHeader = "impersonate-group"
    static let uidHeader = "impersonate-uid"
    static let extraPrefix = "impersonate-extra-"

    var user: String?
    var groups: [String]
    var uid: String?
    /// Keys lower-cased and percent-decoded (clients escape what a header name cannot hold).
    var extra: [(key: String, value: String)]

    static func == (a: Self, b: Self) -> Bool {
        a.user == b.user && a.groups == b.groups && a.uid == b.uid && a.extra.elementsEqual(b.extra) { $0 == $1 }
    }

    static func isImpersonationHeader(_ name: String) -> Bool {
        name == userHeader || name == groupHeader || name == uidHeader || name.hasPrefix(extraPrefix)
    }

    /// Nil when the request asks for no impersonation.
    init?(_ request: HTTPRequest) {
        guard request.headers.contains(where: { Self.isImpersonationHeader($0.name) }) else { return nil }
        user = request.header(Self.userHeader)
        groups = request.headers.filter { $0.name == Self.groupHeader }.map(\.value)
        uid = request.header(Self.uidHeader)
        extra = request.headers.filter { $0.name.hasPrefix(Self.extraPrefix) }.map {
            (HTTPRequest.percentDecode(String($0.name.dropFirst(Self.extraPrefix.count)), plusIsSpace: false), $0.value)
        }
    }

    /// The user to act as, after checking each part in kube-apiserver's order (the user or
    /// service account, then each group, extra value and uid) with the `impersonate` verb.
    func user(requestor: RequestUser, authorizer: Authorizer) async throws(APIError) -> RequestUser {
        guard let name = user, !name.isEmpty else {
            // kube-apiserver answers this as an internal error.
            throw APIError(
                code: 500, reason: "InternalError",
                message: "Internal error occurred: requested impersonation of groups, extra or uid without impersonating a user")
        }
        var groups: [String] = []
        let check = { (attributes: AuthorizationAttributes) async throws(APIError) in
            if case .deny(let reason) = await authorizer.authorize(attributes) { throw .forbidden(attributes, reason: reason) }
        }
        let account = ServiceAccountName.split(name)
        if let account {
            try await check(AuthorizationAttributes(
                user: requestor, verb: "impersonate", resource: "serviceaccounts", namespace: account.namespace,
                name: account.name))
            // A service account's groups are fixed: known without being asked for.
            if self.groups.isEmpty { groups = ServiceAccountName.groups(namespace: account.namespace) }
        } else {
            try await check(AuthorizationAttributes(user: requestor, verb: "impersonate", resource: "users", name: name))
        }
        for group in self.groups {
            try await check(AuthorizationAttributes(user: requestor, verb: "impersonate", resource: "groups", name: group))
            groups.append(group)
        }
        var extra: [String: [String]] = [:]
        for (key, value) in self.extra {
            try await check(AuthorizationAttributes(
                user: requestor, verb: "impersonate", apiGroup: "authentication.k8s.io", resource: "userextras",
                subresource: key, name: value))
            extra[key, default: []].append(value)
        }
        if let uid {
            try await check(AuthorizationAttributes(
                user: requestor, verb: "impersonate", apiGroup: "authentication.k8s.io", resource: "uids", name: uid))
        }
        // Everyone but the anonymous user is authenticated, unless the groups say otherwise.
        if name == "system:anonymous" {
            if !groups.contains(RBACPolicy.unauthenticated) { groups.append(RBACPolicy.unauthenticated) }
        } else if !groups.contains(RBACPolicy.authenticated) && !groups.contains(RBACPolicy.unauthenticated) {
            groups.append(RBACPolicy.authenticated)
        }
        return RequestUser(name: name, groups: groups, uid: uid, extra: extra)
    }
}
