import Foundation
import KubeClient
import KubeObjects
import XCTest

/// A Secret printed anywhere (logs, test failures, `dump`) shows its keys, never its
/// values; a decoding error about its data names the key, never the value.
final class TypedSecretRedactionTests: XCTestCase {
    private let secret = Secret(
        metadata: ObjectMeta(
            name: "db", namespace: "apps",
            annotations: ["kubectl.kubernetes.io/last-applied-configuration": #"{"data":{"password":"aHVudGVyMg=="}}"#]),
        data: ["password": Data("hunter2".utf8), "username": Data("admin".utf8)],
        stringData: ["token": "tok-s3cr3t"], type: "Opaque")

    private let secretTexts = ["hunter2", "aHVudGVyMg==", "admin", "tok-s3cr3t"]

    private func assertNoSecretIn(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        for s in secretTexts { XCTAssertFalse(text.contains(s), "\(s) leaked in: \(text)", file: file, line: line) }
    }

    func testDescriptionShowsKeysAndRedactsValues() {
        let text = String(describing: secret)
        XCTAssertEqual(
            text,
            "Secret(apps/db, type: Opaque, data: [password: <redacted>, username: <redacted>], stringData: [token: <redacted>])")
        assertNoSecretIn("\(secret)")
        assertNoSecretIn(String(reflecting: secret))
        assertNoSecretIn("\([secret])")
    }

    func testDumpRedactsDataStringDataAndLastAppliedAnnotation() {
        var text = ""
        dump(secret, to: &text)
        XCTAssertTrue(text.contains("password: <redacted>"), text)
        XCTAssertTrue(text.contains("token: <redacted>"), text)
        XCTAssertTrue(text.contains("kubectl.kubernetes.io/last-applied-configuration"), text)
        assertNoSecretIn(text)
    }

    func testDumpOfAContainerOfSecretsRedactsToo() {
        var text = ""
        dump(["db": secret], to: &text)
        XCTAssertTrue(text.contains("username: <redacted>"), text)
        assertNoSecretIn(text)
    }

    func testBadBase64NamesTheKeyAndNeverTheValue() {
        let json: JSONValue = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "db"],
                               "data": ["password": "hunter2!!"]]
        do {
            _ = try json.decode(Secret.self)
            XCTFail("decoded bad base64")
        } catch {
            XCTAssertEqual(error.kind, "Secret")
            XCTAssertEqual(error.path, "data.password")
            XCTAssertEqual(error.message, "illegal base64 data at input byte 7")
            XCTAssertFalse(error.description.contains("hunter2"), error.description)
        }
    }

    func testDataWithLineBreaksDecodesAsGoDoes() throws {
        // Go's base64 decoder skips \r and \n (wrapped values written by hand or by tools).
        let json: JSONValue = ["apiVersion": "v1", "kind": "Secret", "data": ["k": "aHVu\r\ndGVy\nMg=="]]
        XCTAssertEqual(try json.decode(Secret.self).data?["k"], Data("hunter2".utf8))
    }

    func testEncodedDataIsStandardPaddedBase64() throws {
        let json = try JSONValue(encoding: Secret(data: ["k": Data([0xFB, 0xFF])]))
        XCTAssertEqual(json["data"], ["k": "+/8="])
    }
}
