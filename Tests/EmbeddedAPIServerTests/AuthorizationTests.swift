import EmbeddedAPIServer
import KubeObjects
import XCTest

/// RBAC in front of the API: what a non-administrator may do is exactly what the stored
/// Roles and bindings grant, and a refusal reads as kube-apiserver's 403, word for word.
final class AuthorizationTests: XCTestCase {
    typealias F = AuthorizationFixture

    /// A POST names no object in its URL, and kube-apiserver authorizes before reading the
    /// body, so its refusal names none either.
    func testAUserWithoutGrantsGetsKubeAPIServersForbiddenStatus() async throws {
        let f = try await F()
        let answer = await f.sendAsDeployer("POST", "/api/v1/namespaces/apps/configmaps", body: F.configMap("x"))
        XCTAssertEqual(answer.status, 403)
        let status = F.json(answer)
        XCTAssertEqual(
            status["message"]?.stringValue,
            #"configmaps is forbidden: User "system:serviceaccount:apps:deployer" cannot create resource "configmaps" in API group "" in the namespace "apps""#
        )
        XCTAssertEqual(status["reason"]?.stringValue, "Forbidden")
        XCTAssertEqual(status["code"]?.intValue, 403)
        XCTAssertEqual(status["details"], ["kind": "configmaps"])
        let stored = await f.test.store.get(GroupResource(group: "", resource: "configmaps"), ObjectKey(namespace: "apps", name: "x"))
        XCTAssertNil(stored, "a refused create must touch nothing")
    }

    func testACollectionRefusalHasNoNameAndAGroupedResource() async throws {
        let f = try await F()
        let answer = await f.sendAsDeployer("GET", "/apis/apps/v1/namespaces/apps/deployments")
        XCTAssertEqual(
            F.message(answer),
            #"deployments.apps is forbidden: User "system:serviceaccount:apps:deployer" cannot list resource "deployments" in API group "apps" in the namespace "apps""#
        )
        XCTAssertEqual(F.json(answer)["details"], ["group": "apps", "kind": "deployments"])
    }

    func testClusterScopedRefusalsSayAtTheClusterScope() async throws {
        let f = try await F()
        let answer = await f.send("GET", "/api/v1/namespaces")
        XCTAssertEqual(
            F.message(answer), #"namespaces is forbidden: User "alice" cannot list resource "namespaces" in API group "" at the cluster scope"#)
    }

    func testARoleBindingGrantsItsRulesInItsNamespaceOnly() async throws {
        let f = try await F()
        try await f.role("cm-writer", rules: [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["create", "get", "list"]]])
        try await f.roleBinding("deployer-cm", role: "cm-writer")
        let created = await f.sendAsDeployer("POST", "/api/v1/namespaces/apps/configmaps", body: F.configMap("x"))
        XCTAssertEqual(created.status, 201, F.message(created))
        let listed = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps")
        XCTAssertEqual(listed.status, 200)
        let elsewhere = await f.sendAsDeployer("GET", "/api/v1/namespaces/ns/configmaps")
        XCTAssertEqual(elsewhere.status, 403)
        let deleted = await f.sendAsDeployer("DELETE", "/api/v1/namespaces/apps/configmaps/x")
        XCTAssertEqual(
            F.message(deleted),
            #"configmaps "x" is forbidden: User "system:serviceaccount:apps:deployer" cannot delete resource "configmaps" in API group "" in the namespace "apps""#
        )
    }

    func testARoleBindingToAClusterRoleGrantsNothingAtClusterScope() async throws {
        let f = try await F()
        try await f.clusterRole("ns-reader", rules: [["apiGroups": [""], "resources": ["namespaces", "configmaps"], "verbs": ["list"]]])
        try await f.roleBinding("deployer-ns", role: "ns-reader", clusterRole: true)
        let inNamespace = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps")
        XCTAssertEqual(inNamespace.status, 200, F.message(inNamespace))
        let clusterWide = await f.sendAsDeployer("GET", "/api/v1/namespaces")
        XCTAssertEqual(clusterWide.status, 403)
    }

    func testAClusterRoleBindingGrantsClusterScopedObjectsAndEveryNamespace() async throws {
        let f = try await F()
        try await f.clusterRole("reader", rules: [["apiGroups": [""], "resources": ["namespaces", "configmaps"], "verbs": ["list"]]])
        try await f.clusterRoleBinding("deployer-reader", clusterRole: "reader")
        let namespaces = await f.sendAsDeployer("GET", "/api/v1/namespaces")
        XCTAssertEqual(namespaces.status, 200, F.message(namespaces))
        let allConfigMaps = await f.sendAsDeployer("GET", "/api/v1/configmaps")
        XCTAssertEqual(allConfigMaps.status, 200, F.message(allConfigMaps))
    }

    func testResourceNamesLimitAGrantToThoseObjects() async throws {
        let f = try await F()
        try await f.test.configMap("a", namespace: "apps")
        try await f.test.configMap("b", namespace: "apps")
        try await f.role("only-a", rules: [
            ["apiGroups": [""], "resources": ["configmaps"], "resourceNames": ["a"], "verbs": ["get", "list", "watch"]]
        ])
        try await f.roleBinding("deployer-a", role: "only-a")
        let a = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps/a")
        XCTAssertEqual(a.status, 200, F.message(a))
        let b = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps/b")
        XCTAssertEqual(b.status, 403)
        let list = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps")
        XCTAssertEqual(list.status, 403, "a collection names no object, so resourceNames cannot grant it")
        let pinned = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps?fieldSelector=metadata.name%3Da")
        XCTAssertEqual(pinned.status, 200, "a metadata.name field selector names the object: \(F.message(pinned))")
    }

    func testSubresourcesAreGrantedSeparately() async throws {
        let f = try await F()
        try await f.test.create(try await f.test.deployments, TestCluster.deployment("web"), namespace: "apps")
        try await f.role("deployments", rules: [["apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "patch"]]])
        try await f.roleBinding("deployer-deployments", role: "deployments")
        let main = await f.sendAsDeployer(
            "PATCH", "/apis/apps/v1/namespaces/apps/deployments/web", body: ["metadata": ["labels": ["a": "b"]]],
            contentType: "application/merge-patch+json")
        XCTAssertEqual(main.status, 200, F.message(main))
        let status = await f.sendAsDeployer(
            "PATCH", "/apis/apps/v1/namespaces/apps/deployments/web/status", body: ["status": ["replicas": 1]],
            contentType: "application/merge-patch+json")
        XCTAssertEqual(
            F.message(status),
            #"deployments.apps "web" is forbidden: User "system:serviceaccount:apps:deployer" cannot patch resource "deployments/status" in API group "apps" in the namespace "apps""#
        )
    }

    func testASubresourceRuleGrantsOnlyThatSubresource() async throws {
        let f = try await F()
        try await f.test.create(try await f.test.deployments, TestCluster.deployment("web"), namespace: "apps")
        try await f.role("status", rules: [["apiGroups": ["apps"], "resources": ["deployments/status", "*/scale"], "verbs": ["get"]]])
        try await f.roleBinding("deployer-status", role: "status")
        let status = await f.sendAsDeployer("GET", "/apis/apps/v1/namespaces/apps/deployments/web/status")
        XCTAssertEqual(status.status, 200, F.message(status))
        let scale = await f.sendAsDeployer("GET", "/apis/apps/v1/namespaces/apps/deployments/web/scale")
        XCTAssertEqual(scale.status, 200, F.message(scale))
        let main = await f.sendAsDeployer("GET", "/apis/apps/v1/namespaces/apps/deployments/web")
        XCTAssertEqual(main.status, 403)
    }

    func testWildcardsGrantEveryGroupResourceAndVerb() async throws {
        let f = try await F()
        try await f.role("everything", rules: [["apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]]])
        try await f.roleBinding("deployer-everything", role: "everything")
        let create = await f.sendAsDeployer("POST", "/api/v1/namespaces/apps/configmaps", body: F.configMap("x"))
        XCTAssertEqual(create.status, 201, F.message(create))
        let collection = await f.sendAsDeployer("DELETE", "/api/v1/namespaces/apps/configmaps")
        XCTAssertEqual(collection.status, 200, F.message(collection))
        let deployments = await f.sendAsDeployer("GET", "/apis/apps/v1/namespaces/apps/deployments")
        XCTAssertEqual(deployments.status, 200, F.message(deployments))
    }

    func testGroupAndUserSubjectsMatch() async throws {
        let f = try await F()
        try await f.role("reader", namespace: "ns", rules: [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["list"]]])
        try await f.roleBinding("alice-reader", namespace: "ns", role: "reader", subject: F.user("alice"))
        try await f.role("reader", rules: [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["list"]]])
        try await f.roleBinding(
            "accounts-reader", role: "reader", subject: ["kind": "Group", "name": "system:serviceaccounts:apps"])
        let alice = await f.send("GET", "/api/v1/namespaces/ns/configmaps")
        XCTAssertEqual(alice.status, 200, F.message(alice))
        let deployer = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps")
        XCTAssertEqual(deployer.status, 200, "a service account is in system:serviceaccounts:NS: \(F.message(deployer))")
    }

    func testABindingToAMissingRoleIsNamedInTheReason() async throws {
        let f = try await F()
        try await f.roleBinding("dangling", role: "missing", clusterRole: true)
        let answer = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps")
        XCTAssertEqual(
            F.message(answer),
            #"configmaps is forbidden: User "system:serviceaccount:apps:deployer" cannot list resource "configmaps" in API group "" in the namespace "apps": RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found"#
        )
    }

    func testAnAggregatedClusterRoleHasTheRulesOfTheRolesItSelects() async throws {
        let f = try await F()
        try await f.clusterRole(
            "cm-part", rules: [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["list"]]],
            labels: ["rbac.example.com/aggregate-to-apps": "true"])
        try await f.clusterRole("apps-edit", aggregating: [["matchLabels": ["rbac.example.com/aggregate-to-apps": "true"]]])
        try await f.roleBinding("deployer-edit", role: "apps-edit", clusterRole: true)
        let answer = await f.sendAsDeployer("GET", "/api/v1/namespaces/apps/configmaps")
        XCTAssertEqual(answer.status, 200, F.message(answer))
    }

    func testTheBuiltInClusterAdminRoleCanBeBound() async throws {
        let f = try await F()
        try await f.roleBinding("deployer-admin", role: "cluster-admin", clusterRole: true)
        let answer = await f.sendAsDeployer("POST", "/api/v1/namespaces/apps/secrets", body: [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"],
        ])
        XCTAssertEqual(answer.status, 201, F.message(answer))
    }

    /// Server-side apply names the object, so its refusal does: the form Rudder's releases see.
    func testApplyingAnAbsentObjectAlsoNeedsCreate() async throws {
        let f = try await F()
        try await f.role("patcher", rules: [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["patch"]]])
        try await f.roleBinding("deployer-patch", role: "patcher")
        let target = "/api/v1/namespaces/apps/configmaps/x?fieldManager=rudder"
        let refused = await f.sendAsDeployer("PATCH", target, body: F.configMap("x"), contentType: "application/apply-patch+yaml")
        XCTAssertEqual(F.json(refused)["details"], ["name": "x", "kind": "configmaps"])
        XCTAssertEqual(
            F.message(refused),
            #"configmaps "x" is forbidden: User "system:serviceaccount:apps:deployer" cannot create resource "configmaps" in API group "" in the namespace "apps""#
        )
        try await f.test.configMap("x", namespace: "apps")
        let applied = await f.sendAsDeployer("PATCH", target, body: F.configMap("x"), contentType: "application/apply-patch+yaml")
        XCTAssertEqual(applied.status, 200, F.message(applied))
    }

    func testSystemMastersAndPlainHTTPMayDoAnything() async throws {
        let f = try await F()
        let admin = await f.send("GET", "/api/v1/namespaces", as: F.admin)
        XCTAssertEqual(admin.status, 200)
        let plain = await f.send("GET", "/api/v1/namespaces", as: .plainHTTP)
        XCTAssertEqual(plain.status, 200)
    }

    func testBearerTokensAreClusterAdministrators() async throws {
        let f = try await F()
        let answer = await f.send("POST", "/api/v1/namespaces/apps/configmaps", as: .bearerToken, body: F.configMap("t"))
        XCTAssertEqual(answer.status, 201, F.message(answer))
    }

    func testAuthenticatedUsersMayDiscoverButNotReachOtherPaths() async throws {
        let f = try await F()
        for path in ["/api", "/apis", "/api/v1", "/apis/apps/v1", "/version", "/healthz", "/openapi/v3"] {
            let answer = await f.send("GET", path)
            XCTAssertEqual(answer.status, 200, "\(path): \(F.message(answer))")
        }
        let other = await f.send("GET", "/metrics")
        XCTAssertEqual(other.status, 403)
        XCTAssertEqual(F.message(other), #"forbidden: User "alice" cannot get path "/metrics""#)
    }
}
