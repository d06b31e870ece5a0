import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// Acting as another user: the kubeconfig's `as…` fields and `--as` overrides, the headers
/// they become, and an impersonating `APIClient` against the embedded server, which judges
/// the impersonated user by RBAC.
final class ImpersonationTests: TransportTestCase {
    var dir: ScratchDirectory!

    override func setUpWithError() throws {
        dir = try ScratchDirectory()
    }

    override func tearDown() { dir.remove() }

    static let deployer = "system:serviceaccount:apps:deployer"

    // MARK: Kubeconfig

    let impersonating = try! KubeconfigFile.parse("""
        clusters:
        - name: c
          cluster: {server: "https://c.example:6443"}
        users:
        - name: u
          user:
            token: t
            as: system:serviceaccount:apps:deployer
            as-uid: "1234"
            as-groups: [devs, ops]
            as-user-extra:
              scopes: [view, edit]
        contexts:
        - name: c
          context: {cluster: c, user: u}
        current-context: c
        """)

    func testKubeconfigAsFieldsAreRead() throws {
        let user = try XCTUnwrap(impersonating.users["u"])
        XCTAssertEqual(user.impersonate, Self.deployer)
        XCTAssertEqual(user.impersonateUID, "1234")
        XCTAssertEqual(user.impersonateGroups, ["devs", "ops"])
        XCTAssertEqual(user.impersonateUserExtra, ["scopes": ["view", "edit"]])
    }

    func testResolvingAUserWithAsImpersonatesOnEveryRequest() throws {
        let config = try ClientConfig.resolve(kubeconfig: impersonating, environment: dir.environment())
        XCTAssertEqual(
            config.impersonate,
            Impersonation(user: Self.deployer, uid: "1234", groups: ["devs", "ops"], extra: ["scopes": ["view", "edit"]]))
        XCTAssertEqual(TransportConfiguration(config).impersonate, config.impersonate)
    }

    func testAsOverridesReplaceTheKubeconfigs() throws {
        let config = try ClientConfig.resolve(
            kubeconfig: impersonating, overrides: ConfigOverrides(impersonate: "bob", impersonateGroups: ["admins"]),
            environment: dir.environment())
        XCTAssertEqual(config.impersonate?.user, "bob")
        XCTAssertEqual(config.impersonate?.groups, ["admins"])
        XCTAssertEqual(config.impersonate?.uid, "1234")
    }

    func testAsOverPlainHTTPIsIgnoredAsCredentialsAre() throws {
        let plain = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "http://c.example"}}]
            users: [{name: u, user: {as: bob}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """)
        XCTAssertNil(try ClientConfig.resolve(kubeconfig: plain, environment: dir.environment()).impersonate)
    }

    func testAsUserExtraMustBeListsOfStrings() {
        XCTAssertThrowsError(try KubeconfigFile.parse("""
            users: [{name: u, user: {as: bob, as-user-extra: {scopes: view}}}]
            """))
    }

    // MARK: Headers

    func testHeadersFollowClientGo() {
        let impersonation = Impersonation(user: "bob", uid: "7", groups: ["a", "b"], extra: ["example.com/scope%": ["x"]])
        XCTAssertEqual(impersonation.headers.fields.map { "\($0.name): \($0.value)" }, [
            "Impersonate-User: bob", "Impersonate-Uid: 7", "Impersonate-Group: a", "Impersonate-Group: b",
            "Impersonate-Extra-example.com%2Fscope%25: x",
        ])
    }

    func testAServiceAccountIsItsUserNameAlone() {
        XCTAssertEqual(
            Impersonation.serviceAccount(namespace: "apps", name: "deployer"), Impersonation(user: Self.deployer))
    }

    // MARK: Against the embedded server

    private func appsNamespace(_ cluster: TestCluster) async throws {
        let found = await cluster.server.cluster.rules(group: "", version: "v1", plural: "namespaces")
        let rules = try XCTUnwrap(found)
        _ = try await cluster.server.cluster.create(
            rules, namespace: nil, object: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "apps"]],
            options: WriteOptions())
    }

    func testAnImpersonatingClientIsJudgedAsTheServiceAccountWhileItsParentStaysAdmin() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        try await appsNamespace(cluster)
        let admin = try APIClient(configuration: cluster.configuration())
        let deployer = admin.impersonating(.serviceAccount(namespace: "apps", name: "deployer"))
        XCTAssertTrue(deployer.transport === admin.transport, "the impersonating client must share the connection pool")
        let list = TransportRequest(path: "/api/v1/namespaces/apps/configmaps")
        do {
            _ = try await deployer.json(list)
            XCTFail("the service account has no rights yet")
        } catch let error as KubeAPIError {
            XCTAssertEqual(error.code, 403)
            XCTAssertEqual(
                error.message,
                #"configmaps is forbidden: User "system:serviceaccount:apps:deployer" cannot list resource "configmaps" in API group "" in the namespace "apps""#
            )
        }
        let asAdmin = try await admin.json(list)
        XCTAssertEqual(asAdmin["kind"], "ConfigMapList")
    }

    func testARoleBindingLetsTheImpersonatingClientIn() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        try await appsNamespace(cluster)
        let admin = try APIClient(configuration: cluster.configuration())
        let rbac = "/apis/rbac.authorization.k8s.io/v1/namespaces/apps"
        let role: JSONValue = [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": "cm"],
            "rules": [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["list"]]],
        ]
        let binding: JSONValue = [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": "deployer-cm"],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "cm"],
            "subjects": [["kind": "ServiceAccount", "name": "deployer", "namespace": "apps"]],
        ]
        let json: TransportHeaders = ["Content-Type": "application/json"]
        _ = try await admin.json(TransportRequest(method: .post, path: rbac + "/roles", headers: json, body: role.serializedBytes()))
        _ = try await admin.json(
            TransportRequest(method: .post, path: rbac + "/rolebindings", headers: json, body: binding.serializedBytes()))
        let deployer = admin.impersonating(.serviceAccount(namespace: "apps", name: "deployer"))
        let listed = try await deployer.json(TransportRequest(path: "/api/v1/namespaces/apps/configmaps"))
        XCTAssertEqual(listed["kind"], "ConfigMapList")
    }

    func testTheTransportConfigurationImpersonatesAndAClientOverridesIt() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        var configuration = cluster.configuration()
        configuration.impersonate = Impersonation(user: "bob")
        let asBob = try APIClient(configuration: configuration)
        do {
            _ = try await asBob.json(TransportRequest(path: "/api/v1/namespaces"))
            XCTFail("bob has no rights")
        } catch let error as KubeAPIError {
            XCTAssertEqual(
                error.message, #"namespaces is forbidden: User "bob" cannot list resource "namespaces" in API group "" at the cluster scope"#)
        }
        let asMaster = asBob.impersonating(Impersonation(user: "root", groups: ["system:masters"]))
        let listed = try await asMaster.json(TransportRequest(path: "/api/v1/namespaces"))
        XCTAssertEqual(listed["kind"], "NamespaceList")
    }
}
