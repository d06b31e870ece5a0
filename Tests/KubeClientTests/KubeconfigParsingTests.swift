import Foundation
import KubeClient
import XCTest

/// `KubeconfigFile.parse`: every field client-go's v1 Config has that Rudder uses.
final class KubeconfigParsingTests: XCTestCase {
    let everyField = """
        apiVersion: v1
        kind: Config
        preferences: {colors: true}
        extensions:
        - name: ignored
          extension: {anything: 1}
        current-context: full
        clusters:
        - name: with-data
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: \(base64("CA PEM"))
            insecure-skip-tls-verify: false
            tls-server-name: kubernetes.default
            proxy-url: socks5://proxy.local:1080
            disable-compression: true
            extensions: []
        - name: with-path
          cluster:
            server: https://example.com
            certificate-authority: certs/ca.crt
            insecure-skip-tls-verify: true
        users:
        - name: certs-inline
          user:
            client-certificate-data: \(base64("CERT PEM"))
            client-key-data: \(base64("KEY PEM"))
        - name: certs-files
          user:
            client-certificate: /abs/client.crt
            client-key: keys/client.key
        - name: token
          user:
            token: secret-token
            tokenFile: token.txt
        - name: basic
          user:
            username: admin
            password: hunter2
        - name: exec
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: bin/plugin
              args: [get-token, --cluster, prod]
              env:
              - name: AWS_PROFILE
                value: prod
              interactiveMode: Never
              provideClusterInfo: true
              installHint: install it
        - name: provider
          user:
            auth-provider:
              name: oidc
              config: {client-id: x}
        - name: empty
          user: {}
        contexts:
        - name: full
          context: {cluster: with-data, user: token, namespace: apps}
        - name: bare
          context: {cluster: with-path, user: basic}
        """

    func parsed() throws -> KubeconfigFile {
        try KubeconfigFile.parse(everyField, location: "/etc/kube/config", relativeTo: "/etc/kube")
    }

    func testClusterFieldsAreRead() throws {
        let cluster = try XCTUnwrap(try parsed().clusters["with-data"])
        XCTAssertEqual(cluster, KubeconfigCluster(
            server: "https://10.0.0.1:6443", certificateAuthorityData: Data("CA PEM".utf8),
            tlsServerName: "kubernetes.default", proxyURL: "socks5://proxy.local:1080", disableCompression: true))
    }

    func testRelativeCertificateAuthorityPathIsResolvedAgainstTheFilesFolder() throws {
        let cluster = try XCTUnwrap(try parsed().clusters["with-path"])
        XCTAssertEqual(cluster.certificateAuthority, "/etc/kube/certs/ca.crt")
        XCTAssertTrue(cluster.insecureSkipTLSVerify)
    }

    func testInlineClientCertificateAndKeyAreDecoded() throws {
        let user = try XCTUnwrap(try parsed().users["certs-inline"])
        XCTAssertEqual(user.clientCertificateData, Data("CERT PEM".utf8))
        XCTAssertEqual(user.clientKeyData?.value, Data("KEY PEM".utf8))
    }

    func testClientCertificatePathsKeepAbsoluteAndResolveRelative() throws {
        let user = try XCTUnwrap(try parsed().users["certs-files"])
        XCTAssertEqual(user.clientCertificate, "/abs/client.crt")
        XCTAssertEqual(user.clientKey, "/etc/kube/keys/client.key")
    }

    func testTokenAndTokenFileAreRead() throws {
        let user = try XCTUnwrap(try parsed().users["token"])
        XCTAssertEqual(user.token?.value, "secret-token")
        XCTAssertEqual(user.tokenFile, "/etc/kube/token.txt")
    }

    func testBasicAuthIsRead() throws {
        let user = try XCTUnwrap(try parsed().users["basic"])
        XCTAssertEqual(user.username, "admin")
        XCTAssertEqual(user.password?.value, "hunter2")
    }

    func testExecStanzaIsReadWithItsRelativeCommandResolved() throws {
        let exec = try XCTUnwrap(try parsed().users["exec"]?.exec)
        XCTAssertEqual(exec, ExecPluginConfiguration(
            apiVersion: "client.authentication.k8s.io/v1", command: "/etc/kube/bin/plugin",
            args: ["get-token", "--cluster", "prod"], env: [.init(name: "AWS_PROFILE", value: "prod")],
            interactiveMode: .never, provideClusterInfo: true, installHint: "install it"))
    }

    func testExecCommandWithoutSlashIsLeftForPATHLookup() throws {
        let file = try KubeconfigFile.parse(
            "users:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws}\n",
            relativeTo: "/etc/kube")
        XCTAssertEqual(file.users["u"]?.exec?.command, "aws")
        XCTAssertNil(file.users["u"]?.exec?.interactiveMode)
    }

    func testAuthProviderIsRecordedByName() throws {
        XCTAssertEqual(try parsed().users["provider"]?.authProvider, "oidc")
    }

    func testEmptyUserHasNoCredentials() throws {
        XCTAssertEqual(try parsed().users["empty"], KubeconfigUser())
    }

    func testContextsAndCurrentContextAreRead() throws {
        let file = try parsed()
        XCTAssertEqual(file.currentContext, "full")
        XCTAssertEqual(file.contexts["full"], KubeconfigContext(cluster: "with-data", user: "token", namespace: "apps"))
        XCTAssertEqual(file.contexts["bare"], KubeconfigContext(cluster: "with-path", user: "basic"))
    }

    func testEmptyDocumentIsAnEmptyKubeconfig() throws {
        XCTAssertTrue(try KubeconfigFile.parse("").isEmpty)
    }

    func testMalformedYAMLIsATypedErrorNamingTheFile() {
        let error = thrownError(KubeconfigError.self) {
            _ = try KubeconfigFile.parse("clusters: [\n  - {name: a", location: "/tmp/broken")
        }
        guard case .malformedYAML(let path, _)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(path, "/tmp/broken")
    }

    func testWrongFieldTypeNamesTheFieldNotTheValue() {
        let error = thrownError(KubeconfigError.self) {
            _ = try KubeconfigFile.parse("users:\n- name: u\n  user:\n    token: [s3cr3t]\n")
        }
        XCTAssertEqual(error, .invalidField(path: nil, field: "users[0].user.token", expected: "a string"))
        XCTAssertFalse(String(describing: error).contains("s3cr3t"))
    }

    func testInvalidBase64IsRejected() {
        let error = thrownError(KubeconfigError.self) {
            _ = try KubeconfigFile.parse("clusters:\n- name: c\n  cluster:\n    certificate-authority-data: '%%%'\n")
        }
        XCTAssertEqual(
            error, .invalidField(path: nil, field: "clusters[0].cluster.certificate-authority-data", expected: "base64-encoded data"))
    }

    func testDuplicateNamesInOneFileAreRejected() {
        let error = thrownError(KubeconfigError.self) {
            _ = try KubeconfigFile.parse("contexts:\n- name: a\n  context: {}\n- name: a\n  context: {}\n")
        }
        XCTAssertEqual(error, .duplicateName(path: nil, kind: "context", name: "a"))
    }

    func testUnknownInteractiveModeIsRejected() {
        let error = thrownError(KubeconfigError.self) {
            _ = try KubeconfigFile.parse("users:\n- name: u\n  user:\n    exec: {command: x, interactiveMode: Sometimes}\n")
        }
        XCTAssertEqual(
            error, .invalidField(path: nil, field: "users[0].user.exec.interactiveMode", expected: "one of Never, IfAvailable, Always"))
    }

    func testLoadResolvesRelativePathsAgainstTheFilesFolder() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = try dir.write("nested/config", "clusters:\n- name: c\n  cluster:\n    certificate-authority: ../ca.crt\n")
        let file = try KubeconfigFile.load(path: path)
        XCTAssertEqual(file.clusters["c"]?.certificateAuthority, dir.file("ca.crt"))
    }
}
