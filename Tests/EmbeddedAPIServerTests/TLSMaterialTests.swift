import EmbeddedAPIServer
import Foundation
import XCTest

/// Generating, reloading and persisting the CA and its certificates.
final class TLSMaterialTests: XCTestCase {
    var directory: String!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-ca-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testGeneratedMaterialIsPEM() throws {
        let material = try TLSMaterial.generate()
        XCTAssertTrue(material.authority.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        XCTAssertTrue(material.authority.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        XCTAssertTrue(material.server.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        XCTAssertTrue(material.client.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        XCTAssertNotEqual(material.server.privateKeyPEM, material.client.privateKeyPEM)
    }

    func testAuthorityReloadsFromItsPEM() throws {
        let authority = try CertificateAuthority.generate()
        let reloaded = try CertificateAuthority(certificatePEM: authority.certificatePEM, privateKeyPEM: authority.privateKeyPEM)
        XCTAssertEqual(reloaded.certificatePEM, authority.certificatePEM)
        XCTAssertEqual(reloaded.privateKeyPEM, authority.privateKeyPEM)
    }

    func testAuthorityRefusesAKeyThatIsNotItsOwn() throws {
        let one = try CertificateAuthority.generate(), two = try CertificateAuthority.generate()
        XCTAssertThrowsError(try CertificateAuthority(certificatePEM: one.certificatePEM, privateKeyPEM: two.privateKeyPEM)) {
            guard case .unreadable(let what, _)? = $0 as? TLSMaterialError else { return XCTFail("\($0)") }
            XCTAssertEqual(what, "CA private key")
        }
    }

    func testAuthorityRefusesGarbage() {
        XCTAssertThrowsError(try CertificateAuthority(certificatePEM: "not pem", privateKeyPEM: "not pem")) {
            XCTAssertNotNil($0 as? TLSMaterialError)
        }
    }

    func testPersistedAuthorityIsReusedAfterARestart() throws {
        let first = try TLSMaterial.loadOrGenerate(in: directory)
        let second = try TLSMaterial.loadOrGenerate(in: directory)
        XCTAssertEqual(second.authority.certificatePEM, first.authority.certificatePEM)
        XCTAssertNotEqual(second.server.certificatePEM, first.server.certificatePEM)
    }

    func testPersistedKeyIsOwnerOnly() throws {
        _ = try TLSMaterial.loadOrGenerate(in: directory + "/nested")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/nested/ca.key")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testAuthorityNearExpiryIsReplaced() throws {
        let old = try TLSMaterial.loadOrGenerate(in: directory, now: Date(timeIntervalSinceNow: -10 * 365 * 86_400))
        let fresh = try TLSMaterial.loadOrGenerate(in: directory)
        XCTAssertNotEqual(fresh.authority.certificatePEM, old.authority.certificatePEM)
        XCTAssertGreaterThan(fresh.authority.notValidAfter, Date(timeIntervalSinceNow: 9 * 365 * 86_400))
    }

    func testCorruptPersistedAuthorityIsAnErrorNotSilentlyReplaced() throws {
        _ = try TLSMaterial.loadOrGenerate(in: directory)
        try "garbage".write(toFile: directory + "/ca.crt", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TLSMaterial.loadOrGenerate(in: directory)) { XCTAssertNotNil($0 as? TLSMaterialError) }
    }

    func testUnusableServerConfigurationFailsRunBeforeBinding() async {
        let server = HTTPServer(
            tls: TLSServerConfiguration(certificateChainPEM: "nope", privateKeyPEM: "nope", clientCertificateAuthorityPEM: nil),
            handler: TLSTestSupport.VersionHandler())
        do {
            try await server.run { _ in XCTFail("bound despite unusable TLS") }
            XCTFail("run returned")
        } catch {
            XCTAssertNotNil(error as? TLSMaterialError, "\(error)")
        }
    }
}
