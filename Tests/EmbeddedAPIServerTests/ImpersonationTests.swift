import EmbeddedAPIServer
import KubeObjects
import XCTest

/// `Impersonate-*` headers: who may impersonate whom, what the impersonated user is (a
/// service account's groups), and the access reviews `kubectl auth can-i` asks.
final class ImpersonationTests: XCTestCase {
    typealias F = AuthorizationFixture

    func testImpersonatingWithoutTheImpersonateVerbIsRefusedWithKubeAPIServersMessage() async throws {
        let f = try await F()
        let answer = await f.send("GET", "/api/v1/namespaces/apps/configmaps", impersonate: [("Impersonate-User", "x")])
        XCTAssertEqual(answer.status, 403)
        XCTAssertEqual(
            F.message(answer),
            #"users "x" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope"#)
        XCTAssertEqual(F.json(answer)["details"], ["name": "x", "kind": "users"])
    }

    func testImpersonatingAServiceAccountIsCheckedOnServiceAccountsInItsNamespace() async throws {
        let f = try await F()
        let answer = await f.send("GET", "/api/v1/namespaces/apps/configmaps", impersonate: [("Impersonate-User", F.deployer)])
        XCTAssertEqual(
            F.message(answer),
            #"serviceaccounts "deployer" is forbidden: User "alice" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "apps""#
        )
    }

    func testAGrantedImpersonationActsAsTheImpersonatedUser() async throws {
        let f = try await F()
        try await f.clusterRole("impersonator", rules: [
            ["apiGroups": [""], "resources": ["users"], "verbs": ["impersonate"], "resourceNames": ["bob"]]
        ])
        try await f.clusterRoleBinding("alice-impersonates", clusterRole: "impersonator", subject: F.user("alice"))
        let asBob = await f.send("GET", "/api/v1/namespaces/apps/configmaps", impersonate: [("Impersonate-User", "bob")])
        XCTAssertEqual(
            F.message(asBob),
            #"configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" in the namespace "apps""#,
            "the request must be judged as bob's")
        let asCarol = await f.send("GET", "/api/v1/namespaces/apps/configmaps", impersonate: [("Impersonate-User", "carol")])
        XCTAssertEqual(asCarol.status, 403)
        XCTAssertTrue(F.message(asCarol).hasPrefix(#"users "carol" is forbidden"#), F.message(asCarol))
    }

    func testEachImpersonatedGroupNeedsItsOwnGrant() async throws {
        let f = try await F()
        try await f.clusterRole("impersonator", rules: [["apiGroups": [""], "resources": ["users"], "verbs": ["impersonate"]]])
        try await f.clusterRoleBinding("alice-impersonates", clusterRole: "impersonator", subject: F.user("alice"))
        let answer = await f.send(
            "GET", "/api/v1/namespaces/apps/configmaps", impersonate: [("Impersonate-User", "bob"), ("Impersonate-Group", "admins")])
        XCTAssertEqual(
            F.message(answer),
            #"groups "admins" is forbidden: User "alice" cannot impersonate resource "groups" in API group "" at the cluster scope"#)
    }

    func testImpersonatedGroupsAreWhatTheRequestIsJudgedBy() async throws {
        let f = try await F()
        try await f.role("reader", rules: [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["list"]]])
        try await f.roleBinding("admins-read", role: "reader", subject: ["kind": "Group", "name": "admins"])
        let answer = await f.send(
            "GET", "/api/v1/namespaces/apps/configmaps", as: F.admin,
            impersonate: [("Impersonate-User", "bob"), ("Impersonate-Group", "admins")])
        XCTAssertEqual(answer.status, 200, F.message(answer))
    }

    func testExtrasAndUIDNeedTheirOwnGrants() async throws {
        let f = try await F()
        try await f.clusterRole("impersonator", rules: [["apiGroups": [""], "resources": ["users"], "verbs": ["impersonate"]]])
        try await f.clusterRoleBinding("alice-impersonates", clusterRole: "impersonator", subject: F.user("alice"))
        let extra = await f.send(
            "GET", "/api/v1/namespaces/apps/configmaps",
            impersonate: [("Impersonate-User", "bob"), ("Impersonate-Extra-Scopes", "view")])
        XCTAssertEqual(
            F.message(extra),
            #"userextras.authentication.k8s.io "view" is forbidden: User "alice" cannot impersonate resource "userextras/scopes" in API group "authentication.k8s.io" at the cluster scope"#
        )
        let uid = await f.send(
            "GET", "/api/v1/namespaces/apps/configmaps", impersonate: [("Impersonate-User", "bob"), ("Impersonate-Uid", "1234")])
        XCTAssertEqual(
            F.message(uid),
            #"uids.authentication.k8s.io "1234" is forbidden: User "alice" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope"#
        )
    }

    func testGroupsWithoutAUserAreRefused() async throws {
        let f = try await F()
        let answer = await f.send("GET", "/api/v1/namespaces", as: F.admin, impersonate: [("Impersonate-Group", "admins")])
        XCTAssertEqual(answer.status, 500)
    }

    func testFlowControlClassifiesTheImpersonatedUser() async throws {
        let f = try await F()
        let handler = ImpersonatingHandler(
            FlowControlHandler(APIHandler(cluster: f.test.cluster), controller: FlowController()),
            authorizer: Authorizer(store: f.test.store))
        var request = HTTPRequest(
            method: "GET", target: "/api/v1/namespaces", headers: [("Impersonate-User", F.deployer)], body: [])
        request.caller = F.admin
        let answer = await handler.handle(request)
        let schema = answer.headers.first { $0.name == FlowControlHandler.flowSchemaHeader }?.value
        let serviceAccounts = FlowSchema.kubeAPIServerDefaults.first { $0.name == "service-accounts" }?.uid
        XCTAssertNotNil(serviceAccounts)
        XCTAssertEqual(schema, serviceAccounts, "an administrator acting as a service account is limited as one")
    }

    // MARK: Access reviews

    private func review(_ f: F, _ kind: String, _ spec: JSONValue, as caller: Authenticator.Caller? = F.alice, impersonate: [(String, String)] = [])
        async -> HTTPResponse
    {
        let plural = kind.lowercased() + "s"
        return await f.send(
            "POST", "/apis/authorization.k8s.io/v1/\(plural)", as: caller, impersonate: impersonate,
            body: ["apiVersion": "authorization.k8s.io/v1", "kind": .string(kind), "spec": spec])
    }

    func testASelfSubjectAccessReviewAnswersForTheImpersonatedUser() async throws {
        let f = try await F()
        try await f.role("cm", rules: [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]]])
        try await f.roleBinding("deployer-cm", role: "cm")
        let spec: JSONValue = ["resourceAttributes": ["namespace": "apps", "verb": "get", "resource": "configmaps"]]
        let allowed = await review(f, "SelfSubjectAccessReview", spec, as: F.admin, impersonate: [("Impersonate-User", F.deployer)])
        XCTAssertEqual(allowed.status, 201)
        XCTAssertEqual(F.json(allowed)[path: ["status", "allowed"]], true)
        let denied = await review(
            f, "SelfSubjectAccessReview", ["resourceAttributes": ["namespace": "apps", "verb": "delete", "resource": "configmaps"]],
            as: F.admin, impersonate: [("Impersonate-User", F.deployer)])
        XCTAssertEqual(F.json(denied)[path: ["status", "allowed"]], false)
    }

    func testASubjectAccessReviewNeedsItsOwnGrantAndAnswersForTheSpecUser() async throws {
        let f = try await F()
        let spec: JSONValue = ["user": .string(F.deployer), "resourceAttributes": ["namespace": "apps", "verb": "get", "resource": "pods"]]
        let refused = await review(f, "SubjectAccessReview", spec)
        XCTAssertEqual(refused.status, 403)
        let answered = await review(f, "SubjectAccessReview", spec, as: F.admin)
        XCTAssertEqual(answered.status, 201)
        XCTAssertEqual(F.json(answered)[path: ["status", "allowed"]], false)
    }
}
