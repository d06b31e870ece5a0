import EmbeddedAPIServer
import KubeObjects
import XCTest

/// A cluster behind the server's impersonation and authorization handlers (as `APIServer`
/// chains them), with namespaces `ns` and `apps`, and short ways to grant rights and to send
/// requests as a given caller.
struct AuthorizationFixture: Sendable {
    let test: TestCluster
    let handler: any HTTPRequestHandler

    static let alice = Authenticator.Caller.clientCertificate(commonName: "alice")
    static let admin = Authenticator.Caller.clientCertificate(commonName: "rudder-admin", organizations: ["system:masters"])
    static let deployer = "system:serviceaccount:apps:deployer"

    init() async throws {
        test = try await TestCluster()
        try await test.create(
            try await test.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "apps"]], namespace: nil)
        let authorizer = Authorizer(store: test.store)
        handler = ImpersonatingHandler(
            AuthorizingHandler(APIHandler(cluster: test.cluster), authorizer: authorizer, cluster: test.cluster),
            authorizer: authorizer)
    }

    /// Sends a request as `caller`, impersonating `impersonate` (headers) when given.
    func send(
        _ method: String, _ target: String, as caller: Authenticator.Caller? = alice, impersonate: [(String, String)] = [],
        body: JSONValue? = nil, contentType: String = "application/json"
    ) async -> HTTPResponse {
        var headers = impersonate
        if body != nil { headers.append(("Content-Type", contentType)) }
        var request = HTTPRequest(method: method, target: target, headers: headers, body: body?.serializedBytes() ?? [])
        request.caller = caller
        return await handler.handle(request)
    }

    /// Sends as the admin certificate impersonating the `apps/deployer` service account.
    func sendAsDeployer(_ method: String, _ target: String, body: JSONValue? = nil, contentType: String = "application/json") async
        -> HTTPResponse
    {
        await send(method, target, as: Self.admin, impersonate: [("Impersonate-User", Self.deployer)], body: body, contentType: contentType)
    }

    static func json(_ response: HTTPResponse) -> JSONValue {
        guard case .bytes(let bytes) = response.body, let value = try? JSONValue.parse(bytes) else { return .null }
        return value
    }

    static func message(_ response: HTTPResponse) -> String { json(response)["message"]?.stringValue ?? "" }

    // MARK: Granting

    func role(_ name: String, namespace: String = "apps", rules: JSONValue) async throws {
        try await test.create(
            try await test.rules("rbac.authorization.k8s.io", "v1", "roles"),
            ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": .string(name)], "rules": rules],
            namespace: namespace)
    }

    func clusterRole(_ name: String, rules: JSONValue = [], labels: JSONValue? = nil, aggregating: JSONValue? = nil) async throws {
        var object: JSONValue = [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": .string(name)], "rules": rules,
        ]
        if let labels { object[path: ["metadata", "labels"]] = labels }
        if let aggregating { object["aggregationRule"] = ["clusterRoleSelectors": aggregating] }
        try await test.create(try await test.rules("rbac.authorization.k8s.io", "v1", "clusterroles"), object, namespace: nil)
    }

    /// A RoleBinding in `namespace` of Role (or ClusterRole) `role` to `subject`.
    func roleBinding(
        _ name: String, namespace: String = "apps", role: String, clusterRole: Bool = false, subject: JSONValue = deployerSubject
    ) async throws {
        try await test.create(
            try await test.rules("rbac.authorization.k8s.io", "v1", "rolebindings"),
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": .string(name)],
                "roleRef": [
                    "apiGroup": "rbac.authorization.k8s.io", "kind": clusterRole ? "ClusterRole" : "Role", "name": .string(role),
                ],
                "subjects": [subject],
            ],
            namespace: namespace)
    }

    func clusterRoleBinding(_ name: String, clusterRole: String, subject: JSONValue = deployerSubject) async throws {
        try await test.create(
            try await test.rules("rbac.authorization.k8s.io", "v1", "clusterrolebindings"),
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": .string(name)],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(clusterRole)],
                "subjects": [subject],
            ],
            namespace: nil)
    }

    static let deployerSubject: JSONValue = ["kind": "ServiceAccount", "name": "deployer", "namespace": "apps"]

    static func user(_ name: String) -> JSONValue { ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": .string(name)] }

    static func configMap(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": ["k": "v"]]
    }
}
