import KubeClient
import XCTest

@testable import rudder

/// `rudder controller --qps/--burst`: unset is automatic (limit only until the server shows
/// APF), an explicit value is a fixed limit, `--qps -1` is no limit.
final class ClientThrottleFlagsTests: XCTestCase {
    private func mode(_ arguments: [String]) throws -> RequestThrottle.Mode {
        let command = try ControllerCommand.parse(arguments)
        return try ClientThrottleFlags(qps: command.qps, burst: command.burst).mode
    }

    func testNoFlagsMeanAutomaticAtFiftyAndThreeHundred() throws {
        XCTAssertEqual(try mode([]), .automatic(qps: 50, burst: 300))
    }

    func testAnExplicitQPSIsAFixedLimitWithTheDefaultBurst() throws {
        XCTAssertEqual(try mode(["--qps", "100"]), .fixed(qps: 100, burst: 300))
    }

    func testAnExplicitBurstAloneIsAFixedLimitToo() throws {
        XCTAssertEqual(try mode(["--burst", "20"]), .fixed(qps: 50, burst: 20))
    }

    func testQPSMinusOneTurnsTheLimitOff() throws {
        XCTAssertEqual(try mode(["--qps", "-1"]), .disabled)
    }

    func testZeroQPSIsRefused() {
        XCTAssertThrowsError(try ControllerCommand.parse(["--qps", "0"]))
    }
}
