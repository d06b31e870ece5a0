import EmbeddedAPIServer
import Foundation
import XCTest

/// Kubeconfigs written by `Kubeconfig`, loaded by the clients Rudder is judged by: PyYAML,
/// the Python `kubernetes` client (urllib3/OpenSSL) and kubectl 1.37 (Go crypto/tls).
final class KubeconfigClientTests: XCTestCase {
    func writeKubeconfig(_ config: Kubeconfig, in dir: TestDirectory) throws -> String {
        let path = dir.path("kubeconfig-\(UUID().uuidString)")
        try config.write(to: path)
        return path
    }

    /// GET /version through the Python client with the kubeconfig at `path`: prints the gitVersion.
    func pythonClientVersion(_ path: String) async throws -> TLSTestSupport.Output {
        try await TLSTestSupport.run(TLSTestSupport.python, [
            "-c",
            """
            import sys, kubernetes
            kubernetes.config.load_kube_config(config_file=sys.argv[1])
            print(kubernetes.client.VersionApi().get_code().git_version)
            """,
            path,
        ])
    }

    func kubectlServerVersion(_ path: String) async throws -> (TLSTestSupport.Output, String?) {
        let output = try await TLSTestSupport.run(
            TLSTestSupport.kubectl, ["--kubeconfig", path, "version", "-o", "json", "--request-timeout", "20s"])
        let json = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return (output, (json?["serverVersion"] as? [String: Any])?["gitVersion"] as? String)
    }

    func testKubeconfigParsesAsYAMLWithTheEmbeddedCredentials() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            let path = try self.writeKubeconfig(.tls(port: port, material: material), in: dir)
            let output = try await TLSTestSupport.run(TLSTestSupport.python, [
                "-c",
                """
                import sys, yaml, base64, json
                c = yaml.safe_load(open(sys.argv[1]))
                u = c["users"][0]["user"]
                print(json.dumps([c["apiVersion"], c["kind"], c["current-context"], c["clusters"][0]["cluster"]["server"],
                    base64.b64decode(c["clusters"][0]["cluster"]["certificate-authority-data"]).decode(),
                    base64.b64decode(u["client-certificate-data"]).decode(), base64.b64decode(u["client-key-data"]).decode()]))
                """,
                path,
            ])
            XCTAssertEqual(output.status, 0, output.stderr)
            let fields = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String]
            XCTAssertEqual(fields, [
                "v1", "Config", "rudder", "https://127.0.0.1:\(port)", material.authority.certificatePEM,
                material.client.certificatePEM, material.client.privateKeyPEM,
            ])
        }
    }

    func testKubeconfigFileIsOwnerOnly() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            let path = try self.writeKubeconfig(.tls(port: port, material: material), in: dir)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        }
    }

    func testPythonSSLVerifiesTheServerStrictly() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let output = try await TLSTestSupport.run(TLSTestSupport.python, [
                "-c",
                """
                import sys, ssl, http.client
                ctx = ssl.create_default_context(cafile=sys.argv[1])
                ctx.verify_flags |= ssl.VERIFY_X509_STRICT
                for host in ("127.0.0.1", "localhost"):
                    conn = http.client.HTTPSConnection(host, int(sys.argv[2]), context=ctx, timeout=20)
                    conn.request("GET", "/version", headers={"Authorization": "Bearer " + sys.argv[3]})
                    print(host, conn.getresponse().status, conn.sock.version())
                """,
                dir.path("ca.crt"), String(port), TLSTestSupport.token,
            ])
            XCTAssertEqual(output.status, 0, output.stderr)
            XCTAssertEqual(output.stdout, "127.0.0.1 200 TLSv1.3\nlocalhost 200 TLSv1.3\n")
        }
    }

    func testPythonClientConnectsWithTheClientCertificateKubeconfig() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            let path = try self.writeKubeconfig(.tls(port: port, material: material), in: dir)
            let output = try await self.pythonClientVersion(path)
            XCTAssertEqual(output.status, 0, output.stderr)
            XCTAssertEqual(output.stdout, TLSTestSupport.VersionHandler.gitVersion + "\n")
        }
    }

    func testPythonClientConnectsWithTheTokenKubeconfig() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            let path = try self.writeKubeconfig(
                .tls(port: port, material: material, credentials: .bearerToken(TLSTestSupport.token)), in: dir)
            let output = try await self.pythonClientVersion(path)
            XCTAssertEqual(output.status, 0, output.stderr)
            XCTAssertEqual(output.stdout, TLSTestSupport.VersionHandler.gitVersion + "\n")
        }
    }

    func testPythonClientWithAWrongTokenIsRefused() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            let path = try self.writeKubeconfig(
                .tls(port: port, material: material, credentials: .bearerToken("not-the-token")), in: dir)
            let output = try await self.pythonClientVersion(path)
            XCTAssertNotEqual(output.status, 0)
            XCTAssertTrue(output.stderr.contains("401"), output.stderr)
        }
    }

    func testKubectlGetsTheServerVersionWithTheClientCertificateKubeconfig() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            let path = try self.writeKubeconfig(.tls(port: port, material: material), in: dir)
            let (output, gitVersion) = try await self.kubectlServerVersion(path)
            XCTAssertEqual(output.status, 0, output.stderr)
            XCTAssertEqual(gitVersion, TLSTestSupport.VersionHandler.gitVersion)
        }
    }

    func testKubectlGetsTheServerVersionWithTheTokenKubeconfig() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            let path = try self.writeKubeconfig(
                .tls(port: port, material: material, credentials: .bearerToken(TLSTestSupport.token)), in: dir)
            let (output, gitVersion) = try await self.kubectlServerVersion(path)
            XCTAssertEqual(output.status, 0, output.stderr)
            XCTAssertEqual(gitVersion, TLSTestSupport.VersionHandler.gitVersion)
        }
    }

    func testKubectlOverLocalhostVerifiesTheDNSName() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            var config = Kubeconfig.tls(port: port, material: material)
            config.server = "https://localhost:\(port)"
            let path = try self.writeKubeconfig(config, in: dir)
            let (output, gitVersion) = try await self.kubectlServerVersion(path)
            XCTAssertEqual(output.status, 0, output.stderr)
            XCTAssertEqual(gitVersion, TLSTestSupport.VersionHandler.gitVersion)
        }
    }

    func testKubectlWithAWrongTokenIsToldItIsUnauthorized() async throws {
        try await TLSTestSupport.withServer { port, material, dir in
            let path = try self.writeKubeconfig(
                .tls(port: port, material: material, credentials: .bearerToken("not-the-token")), in: dir)
            let (output, gitVersion) = try await self.kubectlServerVersion(path)
            XCTAssertNotEqual(output.status, 0)
            XCTAssertNil(gitVersion)
            // kubectl's wording for a 401 (its `version` reads the body raw, so it shows client-go's
            // generic text rather than the Status message; curl checks the body itself).
            XCTAssertTrue(output.stderr.contains("You must be logged in to the server"), output.stderr)
        }
    }

    func testKubectlUsesThePlainHTTPKubeconfig() async throws {
        try await TLSTestSupport.withServer(plain: true) { port, _, dir in
            let path = try self.writeKubeconfig(.plainHTTP(port: port), in: dir)
            let (output, gitVersion) = try await self.kubectlServerVersion(path)
            XCTAssertEqual(output.status, 0, output.stderr)
            XCTAssertEqual(gitVersion, TLSTestSupport.VersionHandler.gitVersion)
        }
    }
}
