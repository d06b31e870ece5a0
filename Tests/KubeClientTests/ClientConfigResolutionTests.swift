import Foundation
import KubeClient
import XCTest

/// One context resolved into a `ClientConfig`, with kubectl's overrides and errors.
final class ClientConfigResolutionTests: XCTestCase {
    var dir: ScratchDirectory!

    override func setUpWithError() throws {
        dir = try ScratchDirectory()
    }

    override func tearDown() { dir.remove() }

    let twoContexts = try! KubeconfigFile.parse("""
        clusters:
        - name: prod
          cluster: {server: "https://prod.example:6443", certificate-authority-data: \(base64("PROD CA"))}
        - name: dev
          cluster: {server: "https://dev.example", insecure-skip-tls-verify: true, tls-server-name: dev-api}
        users:
        - name: prod-admin
          user: {token: prod-token}
        - name: dev-user
          user: {username: dev, password: devpass}
        contexts:
        - name: prod
          context: {cluster: prod, user: prod-admin, namespace: payments}
        - name: dev
          context: {cluster: dev, user: dev-user}
        - name: dangling
          context: {cluster: nowhere, user: prod-admin}
        current-context: prod
        """)

    func resolve(_ overrides: ConfigOverrides = ConfigOverrides()) throws -> ClientConfig {
        try ClientConfig.resolve(kubeconfig: twoContexts, overrides: overrides, environment: dir.environment())
    }

    func testCurrentContextIsUsed() throws {
        let config = try resolve()
        XCTAssertEqual(config.server.absoluteString, "https://prod.example:6443")
        XCTAssertEqual(config.certificateAuthorityPEM, Data("PROD CA".utf8))
        XCTAssertEqual(config.namespace, "payments")
        XCTAssertEqual(config.origin, .kubeconfig(context: "prod"))
    }

    func testContextOverrideChoosesAnotherContext() throws {
        let config = try resolve(ConfigOverrides(context: "dev"))
        XCTAssertEqual(config.server.absoluteString, "https://dev.example")
        XCTAssertTrue(config.insecureSkipTLSVerify)
        XCTAssertEqual(config.tlsServerName, "dev-api")
        guard case .basicAuth(let username, let password) = config.credentials else { return XCTFail("\(config.credentials)") }
        XCTAssertEqual(username, "dev")
        XCTAssertEqual(password.value, "devpass")
    }

    func testNamespaceDefaultsToDefault() throws {
        XCTAssertEqual(try resolve(ConfigOverrides(context: "dev")).namespace, "default")
    }

    func testNamespaceOverrideBeatsTheContexts() throws {
        XCTAssertEqual(try resolve(ConfigOverrides(namespace: "other")).namespace, "other")
    }

    func testUnknownContextIsATypedError() {
        let error = thrownError(ClientConfigError.self) { _ = try self.resolve(ConfigOverrides(context: "staging")) }
        XCTAssertEqual(error, .contextNotFound("staging"))
        XCTAssertEqual(error?.description, "context \"staging\" does not exist")
    }

    func testCurrentContextNamingAMissingContextIsATypedError() {
        var file = twoContexts
        file.currentContext = "gone"
        let error = thrownError(ClientConfigError.self) {
            _ = try ClientConfig.resolve(kubeconfig: file, environment: self.dir.environment())
        }
        XCTAssertEqual(error, .contextNotFound("gone"))
    }

    func testContextNamingAMissingClusterIsATypedError() {
        let error = thrownError(ClientConfigError.self) { _ = try self.resolve(ConfigOverrides(context: "dangling")) }
        XCTAssertEqual(error, .clusterNotFound(cluster: "nowhere", context: "dangling"))
    }

    func testClusterOverrideMustExist() {
        let error = thrownError(ClientConfigError.self) { _ = try self.resolve(ConfigOverrides(cluster: "qa")) }
        XCTAssertEqual(error, .clusterNotFound(cluster: "qa", context: nil))
    }

    func testUserOverrideReplacesTheContextsUser() throws {
        let config = try resolve(ConfigOverrides(user: "dev-user"))
        guard case .basicAuth(let username, _) = config.credentials else { return XCTFail("\(config.credentials)") }
        XCTAssertEqual(username, "dev")
    }

    func testServerAndTokenOverridesBeatTheKubeconfig() throws {
        let config = try resolve(ConfigOverrides(server: "https://10.1.1.1:443", token: "flag-token"))
        XCTAssertEqual(config.server.absoluteString, "https://10.1.1.1:443")
        guard case .bearerToken(let token) = config.credentials else { return XCTFail("\(config.credentials)") }
        XCTAssertEqual(token.value, "flag-token")
    }

    func testInsecureOverrideDropsTheFilesCertificateAuthority() throws {
        let config = try resolve(ConfigOverrides(insecureSkipTLSVerify: true))
        XCTAssertTrue(config.insecureSkipTLSVerify)
        XCTAssertNil(config.certificateAuthorityPEM)
    }

    func testNoContextAndNoServerIsNoConfiguration() {
        let error = thrownError(ClientConfigError.self) {
            _ = try ClientConfig.resolve(kubeconfig: KubeconfigFile(), environment: self.dir.environment())
        }
        XCTAssertEqual(error, .noConfiguration(searched: []))
    }

    func testServerOverrideAloneIsEnough() throws {
        let config = try ClientConfig.resolve(
            kubeconfig: KubeconfigFile(), overrides: ConfigOverrides(server: "http://127.0.0.1:8080"),
            environment: dir.environment())
        XCTAssertEqual(config.server.absoluteString, "http://127.0.0.1:8080")
        XCTAssertEqual(config.namespace, "default")
    }

    func testServerWithoutSchemeIsHTTPSWhenTLSIsConfigured() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "10.0.0.1:6443", insecure-skip-tls-verify: true}}]
            contexts: [{name: c, context: {cluster: c}}]
            current-context: c
            """)
        XCTAssertEqual(try ClientConfig.resolve(kubeconfig: file, environment: dir.environment()).server.absoluteString, "https://10.0.0.1:6443")
    }

    func testCredentialsAreNotSentToPlainHTTPServers() throws {
        let file = try KubeconfigFile.parse(simpleKubeconfig(name: "c", server: "http://127.0.0.1:8080", token: "t"))
        let config = try ClientConfig.resolve(kubeconfig: file, environment: dir.environment())
        guard case .none = config.credentials else { return XCTFail("\(config.credentials)") }
    }

    func testCertificateAuthorityFileIsRead() throws {
        let ca = try dir.write("ca.crt", "FILE CA")
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c", certificate-authority: \(ca)}}]
            contexts: [{name: c, context: {cluster: c}}]
            current-context: c
            """)
        XCTAssertEqual(try ClientConfig.resolve(kubeconfig: file, environment: dir.environment()).certificateAuthorityPEM, Data("FILE CA".utf8))
    }

    func testUnreadableCertificateAuthorityFileIsATypedError() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c", certificate-authority: /nonexistent/ca.crt}}]
            contexts: [{name: c, context: {cluster: c}}]
            current-context: c
            """)
        let error = thrownError(ClientConfigError.self) {
            _ = try ClientConfig.resolve(kubeconfig: file, environment: self.dir.environment())
        }
        XCTAssertEqual(error, .unreadableFile(role: "certificate-authority", path: "/nonexistent/ca.crt", reason: "no such file"))
    }

    func testCertificateAuthorityPathAndDataTogetherAreRejected() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c", certificate-authority: /x, certificate-authority-data: \(base64("y"))}}]
            contexts: [{name: c, context: {cluster: c}}]
            current-context: c
            """)
        let error = thrownError(ClientConfigError.self) {
            _ = try ClientConfig.resolve(kubeconfig: file, environment: self.dir.environment())
        }
        guard case .invalidCluster(let cluster, _)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(cluster, "c")
    }

    func testClientCertificateFilesAreRead() throws {
        let cert = try dir.write("client.crt", "CERT")
        let key = try dir.write("client.key", "KEY")
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users: [{name: u, user: {client-certificate: \(cert), client-key: \(key)}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """)
        let config = try ClientConfig.resolve(kubeconfig: file, environment: dir.environment())
        XCTAssertEqual(config.clientCertificate, ClientCertificate(certificatePEM: Data("CERT".utf8), privateKeyPEM: Data("KEY".utf8)))
    }

    func testClientCertificateWithoutKeyIsRejected() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users: [{name: u, user: {client-certificate-data: \(base64("CERT"))}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """)
        let error = thrownError(ClientConfigError.self) {
            _ = try ClientConfig.resolve(kubeconfig: file, environment: self.dir.environment())
        }
        guard case .invalidUser(let user, _)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(user, "u")
    }

    func testAuthProviderIsRefusedWithAClearError() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users: [{name: u, user: {auth-provider: {name: gcp}}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """)
        let error = thrownError(ClientConfigError.self) {
            _ = try ClientConfig.resolve(kubeconfig: file, environment: self.dir.environment())
        }
        XCTAssertEqual(error, .authProviderUnsupported(user: "u", provider: "gcp"))
        XCTAssertTrue(error?.description.contains("exec credential plugin") ?? false)
    }

    func testV1ExecWithoutInteractiveModeIsRejected() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: plugin}}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """)
        let error = thrownError(ClientConfigError.self) {
            _ = try ClientConfig.resolve(kubeconfig: file, environment: self.dir.environment())
        }
        guard case .invalidUser(_, let reason)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertTrue(reason.contains("interactiveMode"), reason)
    }

    func testInvalidProxyURLIsRejected() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c", proxy-url: "ftp://proxy"}}]
            contexts: [{name: c, context: {cluster: c}}]
            current-context: c
            """)
        let error = thrownError(ClientConfigError.self) {
            _ = try ClientConfig.resolve(kubeconfig: file, environment: self.dir.environment())
        }
        XCTAssertEqual(error, .invalidProxyURL(cluster: "c", url: "ftp://proxy"))
    }

    func testProxyURLIsExposed() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c", proxy-url: "http://proxy:3128"}}]
            contexts: [{name: c, context: {cluster: c}}]
            current-context: c
            """)
        XCTAssertEqual(try ClientConfig.resolve(kubeconfig: file, environment: dir.environment()).proxyURL?.absoluteString, "http://proxy:3128")
    }

    func testTokenFileIsReReadAfterRotation() async throws {
        let tokenPath = try dir.write("token", "first\n")
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users: [{name: u, user: {tokenFile: \(tokenPath)}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """)
        let config = try ClientConfig.resolve(kubeconfig: file, environment: dir.environment())
        let first = try await config.credentials.credential()
        try dir.write("token", "second")
        let second = try await config.credentials.credential()
        XCTAssertEqual(first, .bearerToken(Sensitive("first")))
        XCTAssertEqual(second, .bearerToken(Sensitive("second")))
    }

    func testPrintingAConfigNeverShowsItsSecrets() throws {
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users: [{name: u, user: {token: tok-SECRET, client-certificate-data: \(base64("CERT")), client-key-data: \(base64("KEY-SECRET"))}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """)
        let config = try ClientConfig.resolve(kubeconfig: file, environment: dir.environment())
        var dumped = ""
        dump(config, to: &dumped)
        for text in [String(describing: config), String(reflecting: config), dumped, String(describing: file)] {
            XCTAssertFalse(text.contains("SECRET"), text)
        }
    }
}
