import Sprig
import Values
import XCTest

final class CryptoAESTests: XCTestCase {
    func testDecryptAESReadsWhatHelmEncrypted() throws {
        for (password, plaintext, ciphertext) in CryptoOracle.aesCiphertexts {
            XCTAssertEqual(try text("decryptAES", .string(password), .string(ciphertext)), plaintext, password)
        }
    }

    func testEncryptAESRoundTripsThroughDecryptAES() throws {
        let sealed = try text("encryptAES", "secretkey", "\u{e9} \u{2713}")
        XCTAssertEqual(try text("decryptAES", "secretkey", .string(sealed)), "\u{e9} \u{2713}")
    }

    func testEncryptAESPrefixesARandomIVAndPadsAFullBlock() throws {
        let a = try text("encryptAES", "k", "0123456789abcdef"), b = try text("encryptAES", "k", "0123456789abcdef")
        XCTAssertEqual(a.utf8.count, 64)  // base64 of IV + two blocks
        XCTAssertNotEqual(a, b)
    }

    func testEmptyInputsStayEmpty() throws {
        XCTAssertEqual(try text("encryptAES", "k", ""), "")
        XCTAssertEqual(try text("decryptAES", "k", ""), "")
    }

    func testDecryptAESShortInputPanicsWithGoSliceBounds() {
        XCTAssertEqual(failure("decryptAES", "k", "AAAA"), "runtime error: slice bounds out of range [:16] with capacity 3")
    }

    func testDecryptAESIVOnlyPanicsOnTheMissingPaddingByte() {
        XCTAssertEqual(failure("decryptAES", "k", "AAAAAAAAAAAAAAAAAAAAAA=="), "runtime error: index out of range [-1]")
    }

    func testDecryptAESPartialBlockIsRejectedByCBC() {
        XCTAssertEqual(
            failure("decryptAES", "k", .string(String(repeating: "A", count: 52))), "crypto/cipher: input not full blocks")
    }

    func testDecryptAESTrustsAnOversizedPaddingByteIntoAPanic() {
        XCTAssertEqual(
            failure("decryptAES", "k", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), "runtime error: slice bounds out of range [:-19]")
    }

    func testDecryptAESReportsBadBase64() {
        XCTAssertEqual(failure("decryptAES", "k", "!!!"), "illegal base64 data at input byte 0")
    }
}
