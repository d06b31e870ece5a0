import ChartSources
import XCTest

final class HTTPGetterTests: XCTestCase {
    var dir: TemporaryDirectory!
    var server: LocalHTTPServer?

    override func setUpWithError() throws {
        dir = try TemporaryDirectory()
        try dir.file("hello.txt", "hello\n")
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    func testGetReturnsTheBody() throws {
        server = try LocalHTTPServer(serving: dir.path)
        let body = try HTTPGetter().get(server!.url + "/hello.txt")
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "hello\n")
    }

    func testMissingFileIsAStatusErrorWordedAsHelm() throws {
        server = try LocalHTTPServer(serving: dir.path)
        XCTAssertThrowsError(try HTTPGetter().get(server!.url + "/nope.yaml")) { error in
            guard case .status(let url, let code, _) = error as? HTTPGetterError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 404)
            XCTAssertEqual(url, server!.url + "/nope.yaml")
            XCTAssertTrue("\(error)".hasPrefix("failed to fetch \(server!.url)/nope.yaml : 404 "), "\(error)")
        }
    }

    func testUnreachablePortIsATransportError() throws {
        // Port 1 on loopback: nothing listens there.
        XCTAssertThrowsError(try HTTPGetter().get("http://127.0.0.1:1/index.yaml")) { error in
            guard case .transport(let url, _, let message) = error as? HTTPGetterError else { return XCTFail("\(error)") }
            XCTAssertEqual(url, "http://127.0.0.1:1/index.yaml")
            XCTAssertFalse(message.isEmpty)
        }
    }

    func testBasicAuthSendsTheCredentials() throws {
        server = try LocalHTTPServer(serving: dir.path, username: "alice", password: "s3cret")
        var options = HTTPGetterOptions()
        options.username = "alice"
        options.password = "s3cret"
        let body = try HTTPGetter(options: options).get(server!.url + "/hello.txt")
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "hello\n")
    }

    func testBasicAuthWithAWrongPasswordFailsWithoutShowingIt() throws {
        server = try LocalHTTPServer(serving: dir.path, username: "alice", password: "s3cret")
        var options = HTTPGetterOptions()
        options.username = "alice"
        options.password = "wrong-pass"
        XCTAssertThrowsError(try HTTPGetter(options: options).get(server!.url + "/hello.txt")) { error in
            guard case .status(_, let code, _) = error as? HTTPGetterError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 401)
            XCTAssertFalse("\(error)".contains("wrong-pass"))
        }
    }

    func testPasswordInTheURLIsRedactedInErrors() throws {
        XCTAssertThrowsError(try HTTPGetter().get("http://bob:hunter2@127.0.0.1:1/index.yaml")) { error in
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
            XCTAssertTrue("\(error)".contains("bob:xxxxx@127.0.0.1:1"), "\(error)")
        }
    }

    func testCredentialsAreNotSentToAnotherOriginUnlessPassCredentialsAll() throws {
        server = try LocalHTTPServer(serving: dir.path, username: "alice", password: "s3cret")
        var options = HTTPGetterOptions()
        options.username = "alice"
        options.password = "s3cret"
        options.credentialsURL = "http://charts.example.com/"
        XCTAssertThrowsError(try HTTPGetter(options: options).get(server!.url + "/hello.txt"))
        options.passCredentialsAll = true
        XCTAssertNoThrow(try HTTPGetter(options: options).get(server!.url + "/hello.txt"))
    }

    func testBodiesOverTheLimitAreRefused() throws {
        try dir.file("big.txt", String(repeating: "x", count: 10_000))
        server = try LocalHTTPServer(serving: dir.path)
        var options = HTTPGetterOptions()
        options.maxBytes = 1000
        XCTAssertThrowsError(try HTTPGetter(options: options).get(server!.url + "/big.txt")) { error in
            XCTAssertEqual(error as? HTTPGetterError, .tooLarge(url: server!.url + "/big.txt", limit: 1000))
        }
    }

    func testNonHTTPSchemesAreRefused() {
        XCTAssertThrowsError(try HTTPGetter().get("file:///etc/passwd")) { error in
            guard case .invalidURL = error as? HTTPGetterError else { return XCTFail("\(error)") }
        }
    }
}
