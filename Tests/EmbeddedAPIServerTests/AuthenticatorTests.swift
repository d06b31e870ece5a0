import EmbeddedAPIServer
import XCTest

/// The authentication decisions, without a network: kube-apiserver's order (certificate,
/// then token, then anonymous) and its refusals.
final class AuthenticatorTests: XCTestCase {
    let authenticator = Authenticator(bearerTokens: ["good-token"])

    func request(_ peer: PeerIdentity, authorization: String? = nil) -> HTTPRequest {
        HTTPRequest(
            method: "GET", target: "/api", headers: authorization.map { [("Authorization", $0)] } ?? [], body: [], peer: peer)
    }

    func testPlainHTTPIsNeverChallenged() throws {
        XCTAssertEqual(try authenticator.authenticate(request(.plainHTTP)), .plainHTTP)
        XCTAssertEqual(try authenticator.authenticate(request(.plainHTTP, authorization: "Bearer wrong")), .plainHTTP)
    }

    func testVerifiedClientCertificateNamesTheUser() throws {
        XCTAssertEqual(
            try authenticator.authenticate(request(.tls(clientCertificateSubjectCN: "rudder-admin"))),
            .clientCertificate(commonName: "rudder-admin"))
    }

    func testClientCertificateWinsOverAWrongToken() throws {
        XCTAssertEqual(
            try authenticator.authenticate(request(.tls(clientCertificateSubjectCN: "alice"), authorization: "Bearer wrong")),
            .clientCertificate(commonName: "alice"))
    }

    func testAcceptedTokenAuthenticates() throws {
        XCTAssertEqual(try authenticator.authenticate(request(.tls(clientCertificateSubjectCN: nil), authorization: "Bearer good-token")), .bearerToken)
    }

    func testBearerSchemeIsCaseInsensitive() throws {
        XCTAssertEqual(try authenticator.authenticate(request(.tls(clientCertificateSubjectCN: nil), authorization: "bearer good-token")), .bearerToken)
    }

    func testWrongTokenIsUnauthorized() {
        XCTAssertThrowsError(try authenticator.authenticate(request(.tls(clientCertificateSubjectCN: nil), authorization: "Bearer good-tokem"))) {
            XCTAssertEqual($0 as? APIError, .unauthorized)
        }
    }

    func testTokenPrefixIsUnauthorized() {
        XCTAssertThrowsError(try authenticator.authenticate(request(.tls(clientCertificateSubjectCN: nil), authorization: "Bearer good"))) {
            XCTAssertEqual($0 as? APIError, .unauthorized)
        }
    }

    func testNoCredentialsAreUnauthorizedUnlessAnonymousIsAllowed() throws {
        let tls = request(.tls(clientCertificateSubjectCN: nil))
        XCTAssertThrowsError(try authenticator.authenticate(tls)) { XCTAssertEqual($0 as? APIError, .unauthorized) }
        XCTAssertEqual(try Authenticator(allowsAnonymous: true).authenticate(tls), .anonymous)
    }

    func testWrongTokenIsUnauthorizedEvenWhenAnonymousIsAllowed() {
        let open = Authenticator(bearerTokens: ["good-token"], allowsAnonymous: true)
        XCTAssertThrowsError(try open.authenticate(request(.tls(clientCertificateSubjectCN: nil), authorization: "Bearer bad"))) {
            XCTAssertEqual($0 as? APIError, .unauthorized)
        }
    }

    func testOtherSchemesCountAsNoCredentials() throws {
        let open = Authenticator(bearerTokens: ["good-token"], allowsAnonymous: true)
        XCTAssertEqual(try open.authenticate(request(.tls(clientCertificateSubjectCN: nil), authorization: "Basic Z29vZC10b2tlbg==")), .anonymous)
    }

    func testEmptyConfiguredTokenNeverMatches() {
        let empty = Authenticator(bearerTokens: [""])
        XCTAssertThrowsError(try empty.authenticate(request(.tls(clientCertificateSubjectCN: nil), authorization: "Bearer  "))) {
            XCTAssertEqual($0 as? APIError, .unauthorized)
        }
    }

    func testUnauthorizedIsTheAPIServersStatus() {
        XCTAssertEqual(
            APIError.unauthorized.status,
            [
                "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Failure",
                "message": "Unauthorized", "reason": "Unauthorized", "code": 401,
            ])
    }

    func testAuthenticatingHandlerAnswers401WithoutCallingTheAPILayer() async {
        struct Unreachable: HTTPRequestHandler {
            func handle(_ request: HTTPRequest) async -> HTTPResponse { HTTPResponse(status: 299) }
        }
        let handler = AuthenticatingHandler(Unreachable(), authenticator: authenticator)
        let refused = await handler.handle(request(.tls(clientCertificateSubjectCN: nil)))
        XCTAssertEqual(refused.status, 401)
        XCTAssertEqual(refused.headers.first { $0.name == "Content-Type" }?.value, "application/json")
        let passed = await handler.handle(request(.tls(clientCertificateSubjectCN: "rudder-admin")))
        XCTAssertEqual(passed.status, 299)
    }
}
