@testable import Values
import XCTest

/// `time.ParseDuration` and `Duration.String()` against Helm's answers.
final class GoDurationTests: XCTestCase {
    func parsed(_ s: String) -> String {
        do {
            return try GoDuration.parse(s).string
        } catch {
            return "error: \(error)"
        }
    }

    func testStringUsesHoursMinutesSecondsAndTrimsFractions() {
        XCTAssertEqual(GoDuration(0).string, "0s")
        XCTAssertEqual(GoDuration(90 * GoDuration.second).string, "1m30s")
        XCTAssertEqual(GoDuration(GoDuration.hour).string, "1h0m0s")
        XCTAssertEqual(GoDuration(1_500_000_000).string, "1.5s")
        XCTAssertEqual(GoDuration(8760 * GoDuration.hour).string, "8760h0m0s")
        XCTAssertEqual(GoDuration(-90 * GoDuration.second).string, "-1m30s")
    }

    func testStringBelowASecondUsesTheLargestFittingUnit() {
        XCTAssertEqual(GoDuration(1).string, "1ns")
        XCTAssertEqual(GoDuration(1500).string, "1.5µs")
        XCTAssertEqual(GoDuration(1_000_001).string, "1.000001ms")
        XCTAssertEqual(GoDuration(-1).string, "-1ns")
    }

    func testStringOfTheExtremes() {
        XCTAssertEqual(GoDuration(Int64.min).string, "-2562047h47m16.854775808s")
        XCTAssertEqual(GoDuration(Int64.max).string, "2562047h47m16.854775807s")
    }

    func testParseAcceptsSignsFractionsAndEveryUnit() {
        XCTAssertEqual(parsed("-1.5h"), "-1h30m0s")
        XCTAssertEqual(parsed("1h2m3.4s"), "1h2m3.4s")
        XCTAssertEqual(parsed("10m30s"), "10m30s")
        XCTAssertEqual(parsed("1µs"), "1µs")
        XCTAssertEqual(parsed("1.5μs"), "1.5µs")
        XCTAssertEqual(parsed("1us2ns"), "1.002µs")
        XCTAssertEqual(parsed("+.5m"), "30s")
        XCTAssertEqual(parsed("1.h"), "1h0m0s")
        XCTAssertEqual(parsed("-0"), "0s")
        XCTAssertEqual(parsed("2562047h47m16.854775807s"), "2562047h47m16.854775807s")
        XCTAssertEqual(parsed("-2562047h47m16.854775808s"), "-2562047h47m16.854775808s")
    }

    func testParseErrorsUseGoTexts() {
        XCTAssertEqual(parsed("x"), #"error: time: invalid duration "x""#)
        XCTAssertEqual(parsed(""), #"error: time: invalid duration """#)
        XCTAssertEqual(parsed(".s"), #"error: time: invalid duration ".s""#)
        XCTAssertEqual(parsed("1"), #"error: time: missing unit in duration "1""#)
        XCTAssertEqual(parsed("1d"), #"error: time: unknown unit "d" in duration "1d""#)
        XCTAssertEqual(parsed("1hé"), #"error: time: unknown unit "h\xc3\xa9" in duration "1h\xc3\xa9""#)
    }

    func testParseRejectsOverflow() {
        XCTAssertEqual(parsed("9999999999h"), #"error: time: invalid duration "9999999999h""#)
        XCTAssertEqual(parsed("2562047h47m16.854775808s"), #"error: time: invalid duration "2562047h47m16.854775808s""#)
    }

    func testRoundHalvesAwayFromZeroAndSaturates() {
        XCTAssertEqual(GoDuration(8760 * GoDuration.hour).rounded(to: 7).string, "8759h59m59.999999999s")
        XCTAssertEqual(GoDuration(1_500_000_000).rounded(to: GoDuration.second).string, "2s")
        XCTAssertEqual(GoDuration(-1_500_000_000).rounded(to: GoDuration.second).string, "-2s")
        XCTAssertEqual(GoDuration(Int64.min).rounded(to: GoDuration.second).nanoseconds, Int64.min)
        XCTAssertEqual(GoDuration(Int64.max).rounded(to: GoDuration.second).nanoseconds, Int64.max)
    }

    func testTruncateGoesTowardZero() {
        XCTAssertEqual(GoDuration(-1_500_000_000).truncated(to: GoDuration.second).string, "-1s")
        XCTAssertEqual(GoDuration(1_500_000_000).truncated(to: 0).string, "1.5s")
    }
}
