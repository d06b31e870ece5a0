@testable import Sprig
import Values
import XCTest

final class CryptoPasswordTests: XCTestCase {
    /// bcrypt's base64 alphabet, to read the salt back out of a hash Helm made.
    private func bcryptSalt(_ hash: String) -> [UInt8] {
        let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        let chars = Array(hash.utf8)[7..<29]
        var bits: UInt32 = 0, count = 0
        var out: [UInt8] = []
        for c in chars {
            bits = bits << 6 | UInt32(alphabet.firstIndex(of: c)!)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(bits >> UInt32(count) & 0xFF))
            }
        }
        return out
    }

    func testBcryptReproducesHelmHashesUnderTheirSalts() throws {
        for (password, hash) in CryptoOracle.bcryptHashes {
            let salt = bcryptSalt(hash)
            XCTAssertEqual(salt.count, 16)
            XCTAssertEqual(try Bcrypt.hash(password: Array(password.utf8), salt: salt, cost: 10), hash, password)
        }
    }

    func testBcryptUsesVersion2aCost10AndAFreshSalt() throws {
        let a = try text("bcrypt", "secret"), b = try text("bcrypt", "secret")
        XCTAssertTrue(a.hasPrefix("$2a$10$"))
        XCTAssertEqual(a.utf8.count, 60)
        XCTAssertNotEqual(a, b)
    }

    func testBcryptRefusesPasswordsOver72BytesAsText() throws {
        XCTAssertEqual(
            try text("bcrypt", .string(String(repeating: "x", count: 73))),
            "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes")
    }

    func testHtpasswdPrefixesTheUserToABcryptHash() throws {
        let line = try text("htpasswd", "user", "pass")
        XCTAssertTrue(line.hasPrefix("user:$2a$10$"))
        XCTAssertEqual(line.utf8.count, 65)
    }

    func testHtpasswdRejectsAColonInTheUserName() throws {
        XCTAssertEqual(try text("htpasswd", "us:er", "pass"), "invalid username: us:er")
    }

    func testDerivePasswordMatchesHelmForEveryTemplateClass() throws {
        // Expected values from Helm: derivePassword COUNTER TYPE "pw" "user" "site.com".
        let cases: [(UInt32, String, String)] = [
            (0, "maximum", "T7$a&Lr)enyDNnlZQ7j%"), (4294967295, "maximum", "oWzhfs#OSTLZTcknfW6%"),
            (1, "long", "Riwq7.GexeMupa"), (7, "medium", "YufXob2*"), (3, "short", "Mut1"),
            (100, "basic", "huB64gYn"), (2, "pin", "8758"),
        ]
        for (counter, type, expected) in cases {
            XCTAssertEqual(
                MasterPassword.derive(counter: counter, type: type, password: "pw", user: "user", site: "site.com"),
                expected, "\(counter) \(type)")
        }
    }

    func testDerivePasswordCountsUserAndSiteLengthsInBytes() throws {
        XCTAssertEqual(
            try text("derivePassword", .int(1, type: .uint32), "long", "p\u{e4}ssw\u{f6}rd", "\u{fc}n\u{ef}code", "s\u{ef}te"),
            "DazeTeby1_Jubk")
    }

    func testDerivePasswordNamesAnUnknownTemplate() throws {
        XCTAssertEqual(
            try text("derivePassword", .int(1, type: .uint32), "phrase", "p", "u", "s"), "cannot find password template phrase")
    }

    func testDerivePasswordDeclaresAUint32Counter() {
        XCTAssertEqual(Sprig.functions()["derivePassword"]?.parameters, [.uint32, .string, .string, .string, .string])
    }
}
