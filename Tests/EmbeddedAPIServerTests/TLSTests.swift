import EmbeddedAPIServer
import Foundation
import XCTest

/// HTTPServer over TLS with AuthenticatingHandler, judged by curl (OpenSSL): the server
/// certificate must verify against the generated CA, and authentication must follow
/// kube-apiserver (client certificate or bearer token, else 401 with a Status body).
final class TLSTests: XCTestCase {
    struct Answer {
        var code: Int
        var httpVersion: String
        var body: String
    }

    /// curl with the CA trusted and `extra` arguments; fails the test on a curl error.
    func get(_ url: String, _ extra: [String] = [], ca: String, file: StaticString = #filePath, line: UInt = #line) async throws -> Answer {
        let output = try await TLSTestSupport.curl(["--cacert", ca] + extra + [url])
        XCTAssertEqual(output.status, 0, "curl failed: \(output.stderr)", file: file, line: line)
        var lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let trailer = lines.popLast()?.split(separator: " ") ?? []
        return Answer(
            code: trailer.first.flatMap { Int($0) } ?? -1, httpVersion: trailer.count > 1 ? String(trailer[1]) : "",
            body: lines.joined(separator: "\n"))
    }

    func testServerCertificateVerifiesFor127001() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let answer = try await self.get(
                "https://127.0.0.1:\(port)/version", ["-H", "Authorization: Bearer \(TLSTestSupport.token)"], ca: dir.path("ca.crt"))
            XCTAssertEqual(answer.code, 200)
            XCTAssertTrue(answer.body.contains(TLSTestSupport.VersionHandler.gitVersion))
        }
    }

    func testServerCertificateVerifiesForLocalhost() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let answer = try await self.get(
                "https://localhost:\(port)/version",
                ["--resolve", "localhost:\(port):127.0.0.1", "-H", "Authorization: Bearer \(TLSTestSupport.token)"],
                ca: dir.path("ca.crt"))
            XCTAssertEqual(answer.code, 200)
        }
    }

    func testServerCertificateFailsAgainstAnotherCA() async throws {
        let other = try TLSMaterial.generate()
        try await TLSTestSupport.withServer { port, _, dir in
            let otherCA = dir.path("other-ca.crt")
            try other.authority.certificatePEM.write(toFile: otherCA, atomically: true, encoding: .utf8)
            let output = try await TLSTestSupport.curl(["--cacert", otherCA, "https://127.0.0.1:\(port)/version"])
            XCTAssertEqual(output.status, 60, "curl should refuse the peer certificate: \(output.stderr)")
        }
    }

    func testClientCertificateIsAuthenticatedWithItsCommonName() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let answer = try await self.get(
                "https://127.0.0.1:\(port)/whoami", ["--cert", dir.path("client.crt"), "--key", dir.path("client.key")],
                ca: dir.path("ca.crt"))
            XCTAssertEqual(answer.code, 200)
            XCTAssertEqual(answer.body, "\(PeerIdentity.tls(clientCertificateSubjectCN: "rudder-admin", organizations: ["system:masters"]))")
        }
    }

    func testBearerTokenIsAuthenticated() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let answer = try await self.get(
                "https://127.0.0.1:\(port)/whoami", ["-H", "Authorization: Bearer \(TLSTestSupport.token)"], ca: dir.path("ca.crt"))
            XCTAssertEqual(answer.code, 200)
            XCTAssertEqual(answer.body, "\(PeerIdentity.tls(clientCertificateSubjectCN: nil))")
        }
    }

    func testNoCredentialsGet401WithTheUnauthorizedStatus() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let answer = try await self.get("https://127.0.0.1:\(port)/version", ca: dir.path("ca.crt"))
            XCTAssertEqual(answer.code, 401)
            let status = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? NSDictionary
            XCTAssertEqual(
                status,
                [
                    "kind": "Status", "apiVersion": "v1", "metadata": [String: Any](), "status": "Failure",
                    "message": "Unauthorized", "reason": "Unauthorized", "code": 401,
                ] as NSDictionary)
        }
    }

    func testWrongBearerTokenGets401() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let answer = try await self.get(
                "https://127.0.0.1:\(port)/version", ["-H", "Authorization: Bearer wrong"], ca: dir.path("ca.crt"))
            XCTAssertEqual(answer.code, 401)
            XCTAssertTrue(answer.body.contains("\"reason\":\"Unauthorized\""))
        }
    }

    func testClientCertificateFromAnotherCAIsRefusedInTheHandshake() async throws {
        let other = try TLSMaterial.generate()
        try await TLSTestSupport.withServer { port, _, dir in
            try other.client.certificatePEM.write(toFile: dir.path("other.crt"), atomically: true, encoding: .utf8)
            try other.client.privateKeyPEM.write(toFile: dir.path("other.key"), atomically: true, encoding: .utf8)
            let output = try await TLSTestSupport.curl([
                "--cacert", dir.path("ca.crt"), "--cert", dir.path("other.crt"), "--key", dir.path("other.key"),
                "https://127.0.0.1:\(port)/version",
            ])
            XCTAssertNotEqual(output.status, 0, "a foreign client certificate must not get an answer: \(output.stdout)")
            XCTAssertFalse(output.stdout.contains(TLSTestSupport.VersionHandler.gitVersion))
        }
    }

    func testALPNSettlesOnHTTP11WhenTheClientOffersHTTP2() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let answer = try await self.get(
                "https://127.0.0.1:\(port)/version", ["--http2", "-H", "Authorization: Bearer \(TLSTestSupport.token)"],
                ca: dir.path("ca.crt"))
            XCTAssertEqual(answer.code, 200)
            XCTAssertEqual(answer.httpVersion, "1.1")
        }
    }

    func testStreamedAnswersArriveWholeOverTLS() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let answer = try await self.get(
                "https://127.0.0.1:\(port)/stream", ["-H", "Authorization: Bearer \(TLSTestSupport.token)"], ca: dir.path("ca.crt"))
            XCTAssertEqual(answer.code, 200)
            XCTAssertEqual(answer.body, "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n")
        }
    }

    func testPlainHTTPNeedsNoCredentials() async throws {
        try await TLSTestSupport.withServer(plain: true) { port, _, _ in
            let output = try await TLSTestSupport.curl(["http://127.0.0.1:\(port)/whoami"])
            XCTAssertEqual(output.stdout, "plainHTTP\n200 1.1")
        }
    }

    func testConnectionCarriesSeveralRequestsWithTheSameIdentity() async throws {
        try await TLSTestSupport.withServer { port, _, dir in
            let url = "https://127.0.0.1:\(port)/whoami"
            let output = try await TLSTestSupport.run(
                "/usr/bin/curl",
                ["-sS", "--cacert", dir.path("ca.crt"), "--cert", dir.path("client.crt"), "--key", dir.path("client.key"), url, url])
            XCTAssertEqual(output.status, 0, output.stderr)
            let one = "\(PeerIdentity.tls(clientCertificateSubjectCN: "rudder-admin", organizations: ["system:masters"]))"
            XCTAssertEqual(output.stdout, one + one)
        }
    }
}
