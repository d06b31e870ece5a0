import XCTest

@testable import rudder

/// `--metrics-addr` / `--health-addr` values as controller-runtime's flags take them.
final class ListenAddressTests: XCTestCase {
    func testPortAloneListensOnEveryIPv4Interface() throws {
        XCTAssertEqual(try ListenAddress.parse(":8080", flag: "--metrics-addr"), ListenAddress(host: "0.0.0.0", port: 8080))
    }

    func testHostAndPort() throws {
        XCTAssertEqual(try ListenAddress.parse("0.0.0.0:8080", flag: "--metrics-addr"), ListenAddress(host: "0.0.0.0", port: 8080))
    }

    func testPortZeroPicksAFreePort() throws {
        XCTAssertEqual(try ListenAddress.parse("127.0.0.1:0", flag: "--health-addr"), ListenAddress(host: "127.0.0.1", port: 0))
    }

    func testBracketedIPv6Host() throws {
        XCTAssertEqual(try ListenAddress.parse("[::]:8081", flag: "--health-addr"), ListenAddress(host: "::", port: 8081))
    }

    func testZeroDisablesTheEndpoint() throws {
        XCTAssertNil(try ListenAddress.parse("0", flag: "--metrics-addr"))
    }

    func testMalformedAddressesAreRefusedNamingTheFlag() {
        for text in ["", "8080", "127.0.0.1:", "127.0.0.1:http", ":70000", "::1:80", "[::1:80"] {
            XCTAssertThrowsError(try ListenAddress.parse(text, flag: "--metrics-addr"), text) { error in
                XCTAssertTrue("\(error)".hasPrefix("--metrics-addr \"\(text)\": "), "\(error)")
            }
        }
    }
}
