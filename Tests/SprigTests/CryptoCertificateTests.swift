import Crypto
import Foundation
import SwiftASN1
@testable import Sprig
import Values
import X509
import XCTest

final class CryptoCertificateTests: XCTestCase {
    private func parts(_ value: Value) throws -> (cert: Certificate, key: String) {
        let pem = try XCTUnwrap(value.field("Cert")?.stringValue)
        let block = try XCTUnwrap(PEMBlock.decode(pem))
        XCTAssertEqual(block.type, "CERTIFICATE")
        return (try Certificate(derEncoded: block.bytes), try XCTUnwrap(value.field("Key")?.stringValue))
    }

    private func oracleCA() -> Value {
        .object(SprigCertificate(cert: CryptoOracle.caCert, key: CryptoOracle.caKey))
    }

    private func isSigned(_ cert: Certificate, by issuer: Certificate) -> Bool {
        issuer.publicKey.isValidSignature(cert.signature, for: cert)
    }

    private func der(_ name: DistinguishedName) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(name)
        return coder.serializedBytes
    }

    func testGenCAIsASelfSignedCAWithSprigsUsages() throws {
        let (cert, key) = try parts(try call("genCA", "my-ca", 365))
        XCTAssertTrue(key.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        XCTAssertEqual(cert.subject.description, "CN=my-ca")
        XCTAssertEqual(cert.issuer, cert.subject)
        XCTAssertTrue(isSigned(cert, by: cert))
        XCTAssertEqual(cert.signatureAlgorithm, .sha256WithRSAEncryption)
        XCTAssertEqual(try cert.extensions.basicConstraints, .isCertificateAuthority(maxPathLength: nil))
        XCTAssertEqual(try cert.extensions.keyUsage, KeyUsage(digitalSignature: true, keyEncipherment: true, keyCertSign: true))
        XCTAssertEqual(try cert.extensions.extendedKeyUsage, try ExtendedKeyUsage([.serverAuth, .clientAuth]))
        XCTAssertEqual(cert.notValidAfter.timeIntervalSince(cert.notValidBefore), 365 * 86400)
        XCTAssertLessThanOrEqual(abs(cert.notValidBefore.timeIntervalSinceNow), 5)
    }

    func testGenCAKeyIsTheCertificatesRSA2048Key() throws {
        let (cert, key) = try parts(try call("genCA", "ca", 1))
        guard case .rsa(let rsa) = try PrivateKey.parse(pem: key) else { return XCTFail("not RSA") }
        XCTAssertEqual(rsa.keySizeInBits, 2048)
        XCTAssertEqual(cert.publicKey, Certificate.PublicKey(rsa.publicKey))
    }

    func testCASubjectKeyIDIsTruncatedSHA256OfTheKeyAsGo125Makes() throws {
        let (cert, key) = try parts(try call("genCA", "ca", 1))
        let bits = try PrivateKey.parse(pem: key).subjectPublicKeyBits
        XCTAssertEqual(Array(try XCTUnwrap(cert.extensions.subjectKeyIdentifier).keyIdentifier), Array(SHA256.hash(data: bits).prefix(20)))
    }

    func testExtensionsFollowGosOrderAndCriticality() throws {
        let (cert, _) = try parts(try call("genSelfSignedCert", "x", .list(["10.0.0.1"]), .list(["a.b"]), 10))
        XCTAssertEqual(
            cert.extensions.map(\.oid),
            [[2, 5, 29, 15], [2, 5, 29, 37], [2, 5, 29, 19], [2, 5, 29, 17]] as [ASN1ObjectIdentifier])
        XCTAssertEqual(cert.extensions.map(\.critical), [true, false, true, false])
        XCTAssertEqual(try cert.extensions.basicConstraints, .notCertificateAuthority)
        XCTAssertEqual(try cert.extensions.keyUsage, KeyUsage(digitalSignature: true, keyEncipherment: true))
    }

    func testSerialNumbersAreRandom128BitPositives() throws {
        let a = try parts(try call("genCA", "ca", 1)).cert.serialNumber, b = try parts(try call("genCA", "ca", 1)).cert.serialNumber
        XCTAssertNotEqual(a, b)
        XCTAssertLessThanOrEqual(a.bytes.drop(while: { $0 == 0 }).count, 16)
    }

    func testSerialNumberIsEncodedAsAPositiveInteger() throws {
        for _ in 0..<4 {
            let pem = try XCTUnwrap(try call("genCA", "ca", 1).field("Cert")?.stringValue)
            let der = try XCTUnwrap(PEMBlock.decode(pem)).bytes
            // Certificate SEQUENCE, TBS SEQUENCE (long lengths), [0] version, then the serial INTEGER.
            XCTAssertEqual(der[13], 0x02)
            XCTAssertLessThan(der[15], 0x80)
        }
    }

    func testSelfSignedCertListsDNSNamesThenIPs() throws {
        let (cert, _) = try parts(
            try call("genSelfSignedCert", "x", .list(["10.0.0.1", "::1", "::ffff:1.2.3.4"]), .list(["a.b", "c"]), 10))
        XCTAssertTrue(isSigned(cert, by: cert))
        XCTAssertEqual(
            Array(try XCTUnwrap(cert.extensions.subjectAlternativeNames)),
            [
                .dnsName("a.b"), .dnsName("c"), .ipAddress(ASN1OctetString(contentBytes: [10, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: [1, 2, 3, 4])),
            ])
    }

    func testEmptyCommonNameLeavesTheSubjectEmptyAndTheSANsCritical() throws {
        let (cert, _) = try parts(try call("genSelfSignedCert", "", nil, .list(["a"]), 0))
        XCTAssertEqual(try der(cert.subject), [0x30, 0x00])
        XCTAssertEqual(cert.extensions.first(where: { $0.oid == [2, 5, 29, 17] })?.critical, true)
    }

    func testCommonNameIsAPrintableStringOnlyInGosPrintableSet() throws {
        let plain = try parts(try call("genCA", "a-b", 1)).cert, starred = try parts(try call("genCA", "*.a&b", 1)).cert
        XCTAssertEqual(try der(plain.subject)[11...12], [0x13, 0x03])  // PrintableString
        XCTAssertEqual(try der(starred.subject)[11...12], [0x0C, 0x05])  // UTF8String
    }

    func testSignedCertChainsToAHelmMadeCA() throws {
        let ca = try parts(oracleCA()).cert
        let (cert, key) = try parts(
            try call("genSignedCert", "svc", .list(["10.0.0.1"]), .list(["svc.ns"]), 30, oracleCA()))
        XCTAssertEqual(cert.issuer, ca.subject)
        XCTAssertTrue(isSigned(cert, by: ca))
        XCTAssertNil(try cert.extensions.subjectKeyIdentifier)
        XCTAssertEqual(
            try cert.extensions.authorityKeyIdentifier?.keyIdentifier, try ca.extensions.subjectKeyIdentifier?.keyIdentifier)
        XCTAssertTrue(key.hasSuffix("-----END RSA PRIVATE KEY-----\n"))
        XCTAssertEqual(cert.notValidAfter.timeIntervalSince(cert.notValidBefore), 30 * 86400)
    }

    func testSignedCertUnderItsIssuersOwnNameHasNoAuthorityKeyID() throws {
        let (cert, _) = try parts(try call("genSignedCert", "oracle-ca", nil, nil, 1, oracleCA()))
        XCTAssertNil(try cert.extensions.authorityKeyIdentifier)
    }

    func testWithKeyFormsReturnTheGivenKey() throws {
        let ecdsa = try text("genPrivateKey", "ecdsa"), ed25519 = try text("genPrivateKey", "ed25519")
        let selfSigned = try parts(try call("genSelfSignedCertWithKey", "x", nil, nil, 10, .string(ecdsa)))
        XCTAssertEqual(selfSigned.key, ecdsa)
        XCTAssertEqual(selfSigned.cert.signatureAlgorithm, .ecdsaWithSHA256)
        let ca = try call("genCAWithKey", "edca", 10, .string(ed25519))
        XCTAssertEqual(try parts(ca).key, ed25519)
        let signed = try parts(try call("genSignedCertWithKey", "y", nil, nil, 5, ca, .string(ecdsa)))
        XCTAssertEqual(signed.key, ecdsa)
        XCTAssertTrue(isSigned(signed.cert, by: try parts(ca).cert))
        XCTAssertEqual(signed.cert.signatureAlgorithm, .ed25519)
    }

    func testDSAKeysCanNeitherSignNorBeCertified() throws {
        let dsa = try text("genPrivateKey", "dsa")
        XCTAssertEqual(
            failure("genCAWithKey", "ca", 1, .string(dsa)),
            "error creating certificate: x509: certificate private key does not implement crypto.Signer")
        XCTAssertEqual(
            failure("genSignedCertWithKey", "y", nil, nil, 5, oracleCA(), .string(dsa)),
            "error creating certificate: x509: unsupported public key type: *dsa.PublicKey")
    }

    func testSANListsAreCheckedAsSprigChecksThem() {
        XCTAssertEqual(failure("genSelfSignedCert", "x", .list(["1.2.3"]), nil, 10), "error parsing ip: 1.2.3")
        XCTAssertEqual(failure("genSelfSignedCert", "x", .list([1]), nil, 10), "error parsing ip: 1 is not a string")
        XCTAssertEqual(
            failure("genSelfSignedCert", "x", nil, .list([1]), 10), "error processing alternate dns name: 1 is not a string")
        XCTAssertEqual(
            failure("genSelfSignedCert", "x", nil, .list(["\u{e9}"]), 10),
            "error creating certificate: x509: \"\u{e9}\" cannot be encoded as an IA5String")
    }

    func testValidityWrapsLikeAGoDuration() throws {
        // 200000 days overflows time.Duration; Helm's NotAfter lands 13503 days 23:34:33 before NotBefore.
        let (cert, _) = try parts(try call("genCA", "ca", 200_000))
        let expected = Double(Int64(86_400_000_000_000) &* 200_000) / 1e9
        XCTAssertEqual(cert.notValidAfter.timeIntervalSince(cert.notValidBefore), expected, accuracy: 1)
    }

    func testBuildCustomCertReturnsItsInputsVerbatim() throws {
        let b64 = { (s: String) in Value.string(Data(s.utf8).base64EncodedString()) }
        let built = try call("buildCustomCert", b64(CryptoOracle.caCert), b64(CryptoOracle.caKey))
        XCTAssertTrue(built.isIdentical(to: oracleCA()))
    }

    func testBuildCustomCertErrorsFollowSprig() {
        XCTAssertEqual(failure("buildCustomCert", "bad", "bad"), "unable to decode base64 certificate")
        XCTAssertEqual(failure("buildCustomCert", "YWJj", "!!"), "unable to decode base64 private key")
        XCTAssertEqual(failure("buildCustomCert", "YWJj", "YWJj"), "unable to decode certificate")
        let cert = Value.string(Data(CryptoOracle.caCert.utf8).base64EncodedString())
        XCTAssertEqual(failure("buildCustomCert", cert, "YWJj"), "error parsing private key: no PEM data in input")
    }

    func testCertificateIsTheGoStructSprigCertificate() throws {
        let ca = try call("genCA", "x", 1)
        guard case .object(let o) = ca else { return XCTFail("not an object") }
        XCTAssertEqual(o.goType.name, "sprig.certificate")
        XCTAssertEqual(o.goType.kind, "struct")
        XCTAssertEqual(o.structFields.map(\.name), ["Cert", "Key"])
        XCTAssertEqual(o.jsonFields?.map(\.name), ["Cert", "Key"])
        XCTAssertTrue(o.isIdentical(to: o))
        guard case .object(let other) = try call("genCA", "x", 1) else { return XCTFail("not an object") }
        XCTAssertFalse(o.isIdentical(to: other))
    }

    func testSignaturesMirrorGoDeclarations() {
        let f = Sprig.functions(), list = GoType.slice(.interface), cert = GoType.named("sprig.certificate", .structure)
        XCTAssertEqual(f["genCA"]?.parameters, [.string, .int])
        XCTAssertEqual(f["genSelfSignedCert"]?.parameters, [.string, list, list, .int])
        XCTAssertEqual(f["genSignedCertWithKey"]?.parameters, [.string, list, list, .int, cert, .string])
        XCTAssertEqual(f["buildCustomCert"]?.parameters, [.string, .string])
    }
}

extension Value {
    /// Go's `==` on the two values, as `eq` applies it to structs.
    func isIdentical(to other: Value) -> Bool {
        guard case .object(let a) = self, case .object(let b) = other else { return false }
        return a.isIdentical(to: b)
    }
}
