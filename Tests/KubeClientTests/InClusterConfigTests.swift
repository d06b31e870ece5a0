import Foundation
import KubeClient
import XCTest

/// The service-account fallback, with the mount and environment injected.
final class InClusterConfigTests: XCTestCase {
    var dir: ScratchDirectory!
    let podVariables = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    override func setUpWithError() throws {
        dir = try ScratchDirectory()
        try dir.write("serviceaccount/token", "sa-token-1\n")
        try dir.write("serviceaccount/ca.crt", "CLUSTER CA")
        try dir.write("serviceaccount/namespace", "rudder-system")
    }

    override func tearDown() { dir.remove() }

    func testWithoutKubeconfigThePodsServiceAccountIsUsed() async throws {
        let config = try ClientConfig.load(environment: dir.environment(podVariables))
        XCTAssertEqual(config.origin, .inCluster)
        XCTAssertEqual(config.server.absoluteString, "https://10.96.0.1:443")
        XCTAssertEqual(config.certificateAuthorityPEM, Data("CLUSTER CA".utf8))
        XCTAssertEqual(config.namespace, "rudder-system")
        let credential = try await config.credentials.credential()
        XCTAssertEqual(credential, .bearerToken(Sensitive("sa-token-1")))
    }

    func testRotatedServiceAccountTokenIsPickedUp() async throws {
        let config = try ClientConfig.load(environment: dir.environment(podVariables))
        try dir.write("serviceaccount/token", "sa-token-2")
        let credential = try await config.credentials.credential()
        XCTAssertEqual(credential, .bearerToken(Sensitive("sa-token-2")))
    }

    func testLastGoodTokenIsUsedWhileTheFileIsBeingReplaced() async throws {
        let config = try ClientConfig.load(environment: dir.environment(podVariables))
        _ = try await config.credentials.credential()
        try FileManager.default.removeItem(atPath: dir.file("serviceaccount/token"))
        let credential = try await config.credentials.credential()
        XCTAssertEqual(credential, .bearerToken(Sensitive("sa-token-1")))
    }

    func testPodNamespaceVariableBeatsTheMountedNamespace() throws {
        var variables = podVariables
        variables["POD_NAMESPACE"] = "from-downward-api"
        XCTAssertEqual(try ClientConfig.load(environment: dir.environment(variables)).namespace, "from-downward-api")
    }

    func testIPv6ServiceHostIsBracketed() throws {
        let config = try ClientConfig.load(
            environment: dir.environment(["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"]))
        XCTAssertEqual(config.server.absoluteString, "https://[fd00::1]:443")
    }

    func testAKubeconfigBeatsTheServiceAccount() throws {
        try dir.write("home/.kube/config", simpleKubeconfig(name: "laptop", server: "https://laptop.example", namespace: "mine"))
        let config = try ClientConfig.load(environment: dir.environment(podVariables))
        XCTAssertEqual(config.origin, .kubeconfig(context: "laptop"))
        XCTAssertEqual(config.namespace, "mine")
    }

    func testInAPodAKubeconfigContextWithoutNamespaceGetsThePodsNamespace() throws {
        try dir.write("home/.kube/config", simpleKubeconfig(name: "laptop", server: "https://laptop.example"))
        XCTAssertEqual(try ClientConfig.load(environment: dir.environment(podVariables)).namespace, "rudder-system")
    }

    func testOverridesApplyInCluster() async throws {
        let config = try ClientConfig.load(
            overrides: ConfigOverrides(namespace: "ns", server: "https://override:6443", token: "flag"),
            environment: dir.environment(podVariables))
        XCTAssertEqual(config.server.absoluteString, "https://override:6443")
        XCTAssertEqual(config.namespace, "ns")
        let credential = try await config.credentials.credential()
        XCTAssertEqual(credential, .bearerToken(Sensitive("flag")))
    }

    func testWithoutTokenMountThereIsNoFallback() throws {
        try FileManager.default.removeItem(atPath: dir.file("serviceaccount/token"))
        let error = thrownError(ClientConfigError.self) { _ = try ClientConfig.load(environment: self.dir.environment(self.podVariables)) }
        XCTAssertEqual(error, .noConfiguration(searched: [dir.file("home/.kube/config")]))
    }

    func testWithoutServiceVariablesThereIsNoFallback() {
        let error = thrownError(ClientConfigError.self) { _ = try ClientConfig.load(environment: self.dir.environment()) }
        XCTAssertEqual(error, .noConfiguration(searched: [dir.file("home/.kube/config")]))
    }

    func testExplicitInClusterOutsideAPodIsATypedError() {
        let error = thrownError(ClientConfigError.self) { _ = try ClientConfig.inCluster(environment: self.dir.environment()) }
        XCTAssertEqual(error, .notInCluster)
    }
}
