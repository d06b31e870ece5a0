import Crypto
import SwiftASN1
@testable import Sprig
import Values
import XCTest
import _CryptoExtras

final class CryptoKeyTests: XCTestCase {
    private func block(_ pem: String) throws -> PEMBlock {
        try XCTUnwrap(PEMBlock.decode(pem))
    }

    func testGenPrivateKeyRSAIsA4096BitPKCS1Key() throws {
        let pem = try text("genPrivateKey", "rsa")
        let b = try block(pem)
        XCTAssertEqual(b.type, "RSA PRIVATE KEY")
        XCTAssertEqual(try _RSA.Signing.PrivateKey(derRepresentation: b.bytes).keySizeInBits, 4096)
        XCTAssertEqual(b.encoded, pem)
    }

    func testGenPrivateKeyECDSAIsASEC1KeyOnP256() throws {
        let b = try block(try text("genPrivateKey", "ecdsa"))
        XCTAssertEqual(b.type, "EC PRIVATE KEY")
        XCTAssertEqual(b.bytes.count, 121)
        // version 1, 32-byte scalar, [0] prime256v1
        XCTAssertEqual(Array(b.bytes[0..<7]), [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20])
        XCTAssertEqual(Array(b.bytes[39..<51]), [0xA0, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07])
        guard case .p256 = try PrivateKey.parse(pem: b.encoded) else { return XCTFail("not P-256") }
    }

    func testGenPrivateKeyEd25519IsPKCS8() throws {
        let b = try block(try text("genPrivateKey", "ed25519"))
        XCTAssertEqual(b.type, "PRIVATE KEY")
        XCTAssertEqual(b.bytes.count, 48)
        XCTAssertEqual(Hex.encode(b.bytes[0..<16]), "302e020100300506032b657004220420")
    }

    func testGenPrivateKeyDSAIsOpenSSLFormatWithL2048N256Parameters() throws {
        let b = try block(try text("genPrivateKey", "dsa"))
        XCTAssertEqual(b.type, "DSA PRIVATE KEY")
        let ints: [ArraySlice<UInt8>] = try DER.sequence(try DER.parse(b.bytes), identifier: .sequence) { nodes in
            try (0..<6).map { _ in try ArraySlice<UInt8>(derEncoded: &nodes) }
        }
        func bits(_ v: ArraySlice<UInt8>) -> Int {
            let trimmed = v.drop(while: { $0 == 0 })
            guard let first = trimmed.first else { return 0 }
            return trimmed.count * 8 - first.leadingZeroBitCount
        }
        XCTAssertEqual(bits(ints[0]), 0)  // version
        XCTAssertEqual(bits(ints[1]), 2048)  // P
        XCTAssertEqual(bits(ints[2]), 256)  // Q
    }

    func testGenPrivateKeyNamesAnUnknownType() throws {
        XCTAssertEqual(try text("genPrivateKey", "bad"), "Unknown type bad")
    }

    func testParsePrivateKeyNeedsAPEMBlockAtALineStart() {
        let pem = "junk-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"
        XCTAssertEqual(failure("genCAWithKey", "x", 1, .string(pem)), "parsing private key: no PEM data in input")
    }

    func testParsePrivateKeyRejectsOtherBlockTypes() {
        XCTAssertEqual(
            failure("genCAWithKey", "x", 10, "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n"),
            "parsing private key: no private key data in PEM block of type FOO")
        XCTAssertEqual(
            failure("genCAWithKey", "x", 10, "-----BEGIN X PRIVATE KEY-----\nAAAA\n-----END X PRIVATE KEY-----\n"),
            "parsing private key: invalid private key type X PRIVATE KEY")
    }

    func testParsePrivateKeyReportsMalformedDERInGoTerms() {
        let message = failure("genCAWithKey", "x", 10, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")
        XCTAssertTrue(
            message.hasPrefix("parsing private key: parsing EC private key from PEM: x509: failed to parse EC private key: asn1: "),
            message)
    }

    func testPEMDecodeSkipsTextBeforeABlockOnItsOwnLine() throws {
        let b = try block("comment\n-----BEGIN X-----\nAQID\n-----END X-----\ntrailer")
        XCTAssertEqual(b, PEMBlock(type: "X", bytes: [1, 2, 3]))
    }

    func testPEMDecodeRequiresTheMatchingEndLine() {
        XCTAssertNil(PEMBlock.decode("-----BEGIN X-----\nAQID\n-----END Y-----\n"))
    }

    func testPEMEncodeWrapsAt64Characters() {
        let pem = PEMBlock(type: "T", bytes: [UInt8](repeating: 0, count: 60)).encoded
        XCTAssertEqual(pem.split(separator: "\n").map(\.count), [17, 64, 16, 15])
        XCTAssertTrue(pem.hasSuffix("-----END T-----\n"))
    }

    func testPKCS8RSAKeysComeBackAsPKCS1() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let cert = try call("genCAWithKey", "ca", 1, .string(key.pkcs8PEMRepresentation))
        let pem = try XCTUnwrap(cert.field("Key")?.stringValue)
        XCTAssertEqual(try block(pem), PEMBlock(type: "RSA PRIVATE KEY", bytes: Array(key.derRepresentation)))
    }

    func testGoIPParsesLikeNetParseIP() {
        XCTAssertEqual(GoIP.parse("10.0.0.1").map(GoIP.sanBytes), [10, 0, 0, 1])
        XCTAssertEqual(GoIP.parse("::ffff:1.2.3.4").map(GoIP.sanBytes), [1, 2, 3, 4])
        XCTAssertEqual(GoIP.parse("1::2:3:4:5:6:7"), [0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7])
        XCTAssertEqual(GoIP.parse("::"), [UInt8](repeating: 0, count: 16))
        XCTAssertEqual(GoIP.parse("fe80::1")?.first, 0xFE)
        for bad in ["01.2.3.4", "1.2.3", "::1%eth0", "1:2:3:4:5:6:7:8::", "256.0.0.1", "", "12345::"] {
            XCTAssertNil(GoIP.parse(bad), bad)
        }
    }
}

extension Value {
    /// A struct field of an object value, as `.Field` reads it.
    func field(_ name: String) -> Value? {
        if case .object(let o) = self { return o.field(name) }
        return nil
    }
}
