import EmbeddedAPIServer
import Foundation
import XCTest

/// kubectl acting as a service account (`--as`) through the administrator certificate: the
/// refusal kubectl prints is kube-apiserver's, and a RoleBinding made with kubectl grants.
final class KubectlAuthorizationTests: RealClientTestCase {
    static let deployer = "system:serviceaccount:apps:deployer"

    func testAServiceAccountIsRefusedUntilARoleBindingGrantsIt() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["create", "namespace", "apps"]))
        succeed(try await cluster.kubectl(["create", "configmap", "settings", "-n", "apps", "--from-literal=k=v"]))

        let refused = fail(try await cluster.kubectl(["--as", Self.deployer, "get", "cm", "-n", "apps"]))
        XCTAssertTrue(
            refused.contains(
                #"Error from server (Forbidden): configmaps is forbidden: User "system:serviceaccount:apps:deployer" cannot list resource "configmaps" in API group "" in the namespace "apps""#
            ), refused)

        succeed(try await cluster.kubectl(["create", "role", "cm-reader", "-n", "apps", "--verb=get,list", "--resource=configmaps"]))
        succeed(try await cluster.kubectl([
            "create", "rolebinding", "deployer-cm", "-n", "apps", "--role=cm-reader", "--serviceaccount=apps:deployer",
        ]))
        let names = succeed(try await cluster.kubectl(["--as", Self.deployer, "get", "cm", "-n", "apps", "-o", "name"]))
        XCTAssertEqual(names, "configmap/settings\n")
    }

    func testAuthCanIAnswersForTheImpersonatedServiceAccount() async throws {
        let cluster = try await startCluster()
        succeed(try await cluster.kubectl(["create", "namespace", "apps"]))
        succeed(try await cluster.kubectl(["create", "role", "cm-reader", "-n", "apps", "--verb=get", "--resource=configmaps"]))
        succeed(try await cluster.kubectl([
            "create", "rolebinding", "deployer-cm", "-n", "apps", "--role=cm-reader", "--serviceaccount=apps:deployer",
        ]))
        let yes = try await cluster.kubectl(["--as", Self.deployer, "auth", "can-i", "get", "configmaps", "-n", "apps"])
        XCTAssertEqual(yes.stdout, "yes\n", yes.transcript)
        let no = try await cluster.kubectl(["--as", Self.deployer, "auth", "can-i", "delete", "configmaps", "-n", "apps"])
        XCTAssertEqual(no.stdout, "no\n", no.transcript)
    }
}
