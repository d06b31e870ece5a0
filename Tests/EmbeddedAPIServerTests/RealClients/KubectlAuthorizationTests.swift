import EmbeddedAPIServer
import Foundation
import XCTest

/// kubectl acting as a service account (`--as`) through the administrator certificate: the
/// refusal kubectl prints is kube-apiserver's, and a RoleBinding applied with kubectl grants.
final class KubectlAuthorizationTests: RealClientTestCase {
    static let deployer = "system:serviceaccount:apps:deployer"

    /// A Role allowing `verbs` on ConfigMaps in `apps`, bound to `apps/deployer`. Applied
    /// from YAML: `kubectl create role` sends protobuf, which this server reads only for a
    /// few kinds.
    static func grant(_ verbs: [String]) -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: cm-access, namespace: apps}
        rules:
        - apiGroups: [""]
          resources: [configmaps]
          verbs: [\(verbs.joined(separator: ", "))]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: deployer-cm, namespace: apps}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm-access}
        subjects:
        - {kind: ServiceAccount, name: deployer, namespace: apps}
        """
    }

    func testAServiceAccountIsRefusedUntilARoleBindingGrantsIt() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["create", "namespace", "apps"]))
        succeed(try await cluster.kubectl(["create", "configmap", "settings", "-n", "apps", "--from-literal=k=v"]))

        let refused = fail(try await cluster.kubectl(["--as", Self.deployer, "get", "cm", "-n", "apps"]))
        XCTAssertTrue(
            refused.contains(
                #"Error from server (Forbidden): configmaps is forbidden: User "system:serviceaccount:apps:deployer" cannot list resource "configmaps" in API group "" in the namespace "apps""#
            ), refused)

        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("grant.yaml", Self.grant(["get", "list"]))]))
        let names = succeed(try await cluster.kubectl(["--as", Self.deployer, "get", "cm", "-n", "apps", "-o", "name"]))
        XCTAssertEqual(names, "configmap/settings\n")
    }

    func testAuthCanIAnswersForTheImpersonatedServiceAccount() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["create", "namespace", "apps"]))
        succeed(try await cluster.kubectl(["apply", "-f", try cluster.write("grant.yaml", Self.grant(["get"]))]))
        let yes = try await cluster.kubectl(["--as", Self.deployer, "auth", "can-i", "get", "configmaps", "-n", "apps"])
        XCTAssertEqual(yes.stdout, "yes\n", yes.transcript)
        let no = try await cluster.kubectl(["--as", Self.deployer, "auth", "can-i", "delete", "configmaps", "-n", "apps"])
        XCTAssertEqual(no.stdout, "no\n", no.transcript)
    }
}
