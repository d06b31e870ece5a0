import EmbeddedAPIServer
import Foundation
import KubeClient
import XCTest

/// Kubeconfigs written by EmbeddedAPIServer's `Kubeconfig` resolve to exactly what went in.
final class KubeconfigRoundTripTests: XCTestCase {
    func resolve(_ kubeconfig: Kubeconfig) throws -> ClientConfig {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("kubeconfig")
        try kubeconfig.write(to: path)
        return try ClientConfig.load(kubeconfigPath: path, environment: dir.environment())
    }

    func testTLSWithClientCertificateRoundTrips() throws {
        let material = try TLSMaterial.generate()
        let config = try resolve(.tls(port: 6443, material: material))
        XCTAssertEqual(config.server.absoluteString, "https://127.0.0.1:6443")
        XCTAssertEqual(config.certificateAuthorityPEM, Data(material.authority.certificatePEM.utf8))
        XCTAssertEqual(config.clientCertificate, ClientCertificate(
            certificatePEM: Data(material.client.certificatePEM.utf8), privateKeyPEM: Data(material.client.privateKeyPEM.utf8)))
        XCTAssertEqual(config.origin, .kubeconfig(context: "rudder"))
        XCTAssertEqual(config.namespace, "default")
    }

    func testTLSWithBearerTokenRoundTrips() async throws {
        let material = try TLSMaterial.generate()
        let config = try resolve(.tls(port: 6443, material: material, credentials: .bearerToken("embedded-token")))
        XCTAssertEqual(config.certificateAuthorityPEM, Data(material.authority.certificatePEM.utf8))
        XCTAssertNil(config.clientCertificate)
        let credential = try await config.credentials.credential()
        XCTAssertEqual(credential, .bearerToken(Sensitive("embedded-token")))
        XCTAssertEqual(credential.authorizationHeader, "Bearer embedded-token")
    }

    func testPlainHTTPRoundTrips() throws {
        let config = try resolve(.plainHTTP(port: 8080))
        XCTAssertEqual(config.server.absoluteString, "http://127.0.0.1:8080")
        XCTAssertNil(config.certificateAuthorityPEM)
    }
}
