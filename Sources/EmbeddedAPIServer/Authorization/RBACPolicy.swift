/// Roles and bindings every cluster has without storing them: the part of kube-apiserver's
/// bootstrap policy that decides what an authenticated user may do before anyone grants it
/// anything (discovery, version, health, asking what it may do), and `cluster-admin`. They
/// are consulted after the stored objects of the same name, so a stored `cluster-admin`
/// replaces this one, as a reconciled bootstrap role would be.
public struct RBACPolicy: Sendable {
    public var clusterRoles: [String: [PolicyRule]]
    public var clusterRoleBindings: [RoleBinding]

    public init(clusterRoles: [String: [PolicyRule]], clusterRoleBindings: [RoleBinding]) {
        self.clusterRoles = clusterRoles
        self.clusterRoleBindings = clusterRoleBindings
    }

    public static let authenticated = "system:authenticated"
    public static let unauthenticated = "system:unauthenticated"

    /// kube-apiserver's `system:discovery`, `system:basic-user`, `system:public-info-viewer`
    /// and `cluster-admin`, bound as it binds them.
    public static let bootstrap = RBACPolicy(
        clusterRoles: [
            "cluster-admin": [
                PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
                PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]),
            ],
            "system:discovery": [
                PolicyRule(verbs: ["get"], nonResourceURLs: [
                    "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz",
                    "/version", "/version/",
                ])
            ],
            "system:basic-user": [
                PolicyRule(verbs: ["create"], apiGroups: ["authorization.k8s.io"],
                           resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                PolicyRule(verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"]),
            ],
            "system:public-info-viewer": [
                PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"])
            ],
        ],
        clusterRoleBindings: [
            RoleBinding(name: "cluster-admin", role: .clusterRole("cluster-admin"),
                        subjects: [.init(kind: "Group", name: RequestUser.privilegedGroup)]),
            RoleBinding(name: "system:discovery", role: .clusterRole("system:discovery"),
                        subjects: [.init(kind: "Group", name: authenticated)]),
            RoleBinding(name: "system:basic-user", role: .clusterRole("system:basic-user"),
                        subjects: [.init(kind: "Group", name: authenticated)]),
            RoleBinding(name: "system:public-info-viewer", role: .clusterRole("system:public-info-viewer"),
                        subjects: [.init(kind: "Group", name: authenticated), .init(kind: "Group", name: unauthenticated)]),
        ])

    /// The bootstrap policy plus `cluster-admin` for the user the server's bearer tokens
    /// authenticate as: those tokens are handed out as administrator credentials (as a
    /// controller's service account is bound to cluster-admin), yet stay a service account
    /// for flow control.
    public static let server: RBACPolicy = {
        var policy = bootstrap
        policy.clusterRoleBindings.append(
            RoleBinding(name: "rudder:bearer-token-admin", role: .clusterRole("cluster-admin"),
                        subjects: [.init(kind: "User", name: RequestUser.bearerTokenUserName)]))
        return policy
    }()
}
