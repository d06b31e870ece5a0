import Foundation
import KubeClient
import KubeObjects
import XCTest

/// `metav1.Time` (seconds) and `metav1.MicroTime` (microseconds): the exact text Go writes,
/// and lenient reading of any RFC 3339 time.
final class TypedTimeTests: XCTestCase {
    private struct Holder: Codable, Equatable {
        var at: MicroTime?
        var time: Time?
    }

    func testMicroTimeWritesExactlySixFractionDigitsInUTC() {
        XCTAssertEqual(MicroTime(secondsSinceEpoch: 1_714_564_800, microseconds: 123_456).rfc3339, "2024-05-01T12:00:00.123456Z")
        XCTAssertEqual(MicroTime(secondsSinceEpoch: 1_714_564_800).rfc3339, "2024-05-01T12:00:00.000000Z")
        XCTAssertEqual(MicroTime(secondsSinceEpoch: 1_714_564_800, microseconds: 7).rfc3339, "2024-05-01T12:00:00.000007Z")
    }

    func testMicroTimeBeforeTheEpochKeepsFractionPositive() {
        let t = MicroTime(secondsSinceEpoch: 0, microseconds: -1)
        XCTAssertEqual(t.secondsSinceEpoch, -1)
        XCTAssertEqual(t.microseconds, 999_999)
        XCTAssertEqual(t.rfc3339, "1969-12-31T23:59:59.999999Z")
        XCTAssertEqual(MicroTime(rfc3339: "1969-12-31T23:59:59.999999Z"), t)
    }

    func testMicroTimeReadsAnyNumberOfFractionDigits() {
        XCTAssertEqual(MicroTime(rfc3339: "2024-05-01T12:00:00Z")?.microseconds, 0)
        XCTAssertEqual(MicroTime(rfc3339: "2024-05-01T12:00:00.5Z")?.microseconds, 500_000)
        XCTAssertEqual(MicroTime(rfc3339: "2024-05-01T12:00:00.123Z")?.microseconds, 123_000)
        XCTAssertEqual(MicroTime(rfc3339: "2024-05-01T12:00:00.123456Z")?.microseconds, 123_456)
        // Nanoseconds are truncated, as Go truncates when it formats RFC3339Micro.
        XCTAssertEqual(MicroTime(rfc3339: "2024-05-01T12:00:00.123456789Z")?.microseconds, 123_456)
    }

    func testMicroTimeReadsOffsetsAsUTC() {
        let t = MicroTime(rfc3339: "2024-05-01T14:30:00.25+02:30")
        XCTAssertEqual(t?.rfc3339, "2024-05-01T12:00:00.250000Z")
        XCTAssertEqual(MicroTime(rfc3339: "2024-05-01T07:00:00.000001-05:00")?.rfc3339, "2024-05-01T12:00:00.000001Z")
    }

    func testMicroTimeRefusesMalformedText() {
        for bad in ["", "2024-05-01", "2024-05-01T12:00:00", "2024-05-01T12:00:00.Z", "2024-13-01T12:00:00Z",
                    "2024-05-01t12:00:00Z", "2024-05-01T12:00:00.123456", "2024-05-01T12:00:00.12a456Z", "yesterday"] {
            XCTAssertNil(MicroTime(rfc3339: bad), bad)
        }
    }

    func testMicroTimeOrdersByMicroseconds() {
        let a = MicroTime(secondsSinceEpoch: 10, microseconds: 999_999)
        let b = MicroTime(secondsSinceEpoch: 11, microseconds: 0)
        let c = MicroTime(secondsSinceEpoch: 11, microseconds: 1)
        XCTAssertEqual([c, a, b].sorted(), [a, b, c])
    }

    func testMicroTimeDateRoundTripIsExactToTheMicrosecond() {
        let t = MicroTime(secondsSinceEpoch: 1_714_564_800, microseconds: 123_456)
        XCTAssertEqual(MicroTime(date: t.date), t)
        XCTAssertEqual(MicroTime(date: Date(timeIntervalSince1970: -0.5)).rfc3339, "1969-12-31T23:59:59.500000Z")
    }

    func testTimeWritesRFC3339SecondsAndReadsFractionsAndOffsets() throws {
        XCTAssertEqual(try JSONValue(encoding: Time(secondsSinceEpoch: 1_714_564_800)), "2024-05-01T12:00:00Z")
        XCTAssertEqual(try JSONValue("2024-05-01T12:00:00.999Z").decode(Time.self), Time(secondsSinceEpoch: 1_714_564_800))
        XCTAssertEqual(try JSONValue("2024-05-01T13:00:00+01:00").decode(Time.self), Time(secondsSinceEpoch: 1_714_564_800))
    }

    func testTimeFromDateTruncatesToTheSecond() {
        XCTAssertEqual(Time(date: Date(timeIntervalSince1970: 1_714_564_800.9)).secondsSinceEpoch, 1_714_564_800)
        XCTAssertEqual(Time(date: Date(timeIntervalSince1970: -0.5)).secondsSinceEpoch, -1)
        XCTAssertEqual(Time(secondsSinceEpoch: 42).date, Date(timeIntervalSince1970: 42))
    }

    func testMicroTimeCodesAsItsText() throws {
        let value = try JSONValue(encoding: Holder(at: MicroTime(secondsSinceEpoch: 1_714_564_800, microseconds: 10)))
        XCTAssertEqual(value, ["at": "2024-05-01T12:00:00.000010Z"])
        XCTAssertEqual(try value.decode(Holder.self), Holder(at: MicroTime(secondsSinceEpoch: 1_714_564_800, microseconds: 10)))
    }

    func testBadMicroTimeIsADecodingErrorNamingTheField() {
        do {
            _ = try JSONValue(["at": "12:00"]).decode(Holder.self)
            XCTFail("decoded a malformed time")
        } catch {
            XCTAssertEqual(error.path, "at")
            XCTAssertTrue(error.message.contains("RFC 3339"), error.message)
        }
    }

    func testBadTimeIsADecodingErrorNamingTheField() {
        do {
            _ = try JSONValue(["metadata": ["creationTimestamp": "2024-02-30T00:00:00Z"]]).decode(ConfigMap.self)
            XCTFail("decoded February 30th")
        } catch {
            XCTAssertEqual(error.kind, "ConfigMap")
            XCTAssertEqual(error.path, "metadata.creationTimestamp")
        }
    }

    func testNowIsCloseToTheSystemClock() {
        // Not a timing assertion: both clocks are read back to back, a minute is ample.
        XCTAssertLessThan(abs(MicroTime.now.date.timeIntervalSinceNow), 60)
        XCTAssertLessThan(abs(Time.now.date.timeIntervalSinceNow), 60)
    }
}
