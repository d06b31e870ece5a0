@testable import Values
import XCTest

/// `Time.Add`, `AddDate`, `Sub`, `Truncate`, `Round` and `String()` against Helm's
/// answers (template method calls on `toDate` results, TZ=UTC).
final class GoTimeArithmeticTests: XCTestCase {
    func utc(_ year: Int, _ month: Int = 1, _ day: Int = 1, nanosecond: Int = 0) -> GoTime {
        GoTime(year: year, month: month, day: day, nanosecond: nanosecond)
    }

    func testAddDateNormalizesOverflowingFields() {
        XCTAssertEqual(utc(2024).addingDate(years: 1, months: 13, days: 400).stringer, "2027-03-08 00:00:00 +0000 UTC")
        XCTAssertEqual(utc(2024, 10, 31).addingDate(years: 0, months: 1, days: 0).stringer, "2024-12-01 00:00:00 +0000 UTC")
        XCTAssertEqual(utc(2024, 2, 29).addingDate(years: 1, months: 0, days: 0).stringer, "2025-03-01 00:00:00 +0000 UTC")
        XCTAssertEqual(utc(2024).addingDate(years: 0, months: -1, days: -1).stringer, "2023-11-30 00:00:00 +0000 UTC")
    }

    func testAddDateReachesNegativeYears() {
        XCTAssertEqual(utc(2024).addingDate(years: -3000, months: 0, days: 0).stringer, "-0976-01-01 00:00:00 +0000 UTC")
    }

    func testAddDateWithAbsurdYearsDoesNotTrap() {
        _ = utc(2024).addingDate(years: Int.max, months: Int.max, days: Int.max).stringer
    }

    func testAddCountsNanoseconds() {
        XCTAssertEqual(utc(2020, 3, 4).adding(GoDuration(3600)).stringer, "2020-03-04 00:00:00.0000036 +0000 UTC")
        XCTAssertEqual(
            utc(2020).adding(GoDuration(Int64.max)).stringer, "2312-04-11 23:47:16.854775807 +0000 UTC")
    }

    func testSubClampsToTheDurationRange() {
        XCTAssertEqual(utc(2020, 3, 4).subtracting(utc(2020, 3, 1)).string, "72h0m0s")
        XCTAssertEqual(utc(2020).subtracting(utc(1000)).string, "2562047h47m16.854775807s")
        XCTAssertEqual(utc(1000).subtracting(utc(2020)).string, "-2562047h47m16.854775808s")
    }

    func testTruncateAndRoundCountFromYearOne() {
        let t = GoTime(year: 2024, month: 7, day: 9, hour: 11, minute: 32, second: 33, nanosecond: 456_789_000)
        XCTAssertEqual(t.truncated(to: GoDuration(GoDuration.hour)).stringer, "2024-07-09 11:00:00 +0000 UTC")
        XCTAssertEqual(t.rounded(to: GoDuration(GoDuration.hour)).stringer, "2024-07-09 12:00:00 +0000 UTC")
        XCTAssertEqual(t.rounded(to: GoDuration(7000)).stringer, "2024-07-09 11:32:33.456792 +0000 UTC")
        XCTAssertEqual(t.truncated(to: GoDuration(0)).stringer, "2024-07-09 11:32:33.456789 +0000 UTC")
    }

    func testTruncateBeforeYearOneRoundsDown() {
        let early = GoTime(year: 0, month: 12, day: 31, hour: 23, minute: 59, second: 59, nanosecond: 500_000_000)
        XCTAssertEqual(early.truncated(to: GoDuration(700_000_000)).stringer, "0000-12-31 23:59:59.3 +0000 UTC")
        let first = utc(1, nanosecond: 500_000_000)
        XCTAssertEqual(first.rounded(to: GoDuration(700_000_000)).stringer, "0001-01-01 00:00:00.7 +0000 UTC")
    }

    func testTruncateInAHalfHourZoneWorksOnAbsoluteTime() throws {
        let kolkata = try XCTUnwrap(GoLocation.load("Asia/Kolkata"))
        let t = GoTime.date(year: 2024, month: 7, day: 9, hour: 11, minute: 22, second: 33, location: kolkata)
        XCTAssertEqual(t.truncated(to: GoDuration(GoDuration.hour)).stringer, "2024-07-09 10:30:00 +0530 IST")
    }

    func testExtremeInstantsWrapToGoCalendarDates() {
        XCTAssertEqual(GoTime(seconds: Int64.min).format("2006-01-02 15:04:05"), "292277026596-12-04 15:30:08")
        XCTAssertEqual(GoTime(seconds: Int64.max).format("2006-01-02 15:04:05"), "292277026596-12-04 15:30:07")
    }

    func testMonotonicReadingPrintsAndSurvivesAddOnly() {
        var t = GoTime(seconds: 0)
        t.monotonic = 215_647_495
        XCTAssertEqual(t.stringer, "1970-01-01 00:00:00 +0000 UTC m=+0.215647495")
        XCTAssertEqual(
            t.adding(GoDuration(GoDuration.hour)).stringer, "1970-01-01 01:00:00 +0000 UTC m=+3600.215647495")
        XCTAssertEqual(t.utc.stringer, "1970-01-01 00:00:00 +0000 UTC")
        XCTAssertEqual(t.truncated(to: GoDuration(1)).stringer, "1970-01-01 00:00:00 +0000 UTC")
    }

    func testNowCarriesAMonotonicReadingAndLocal() {
        let t = GoClock.now()
        XCTAssertNotNil(t.monotonic)
        XCTAssertTrue(t.location === GoLocation.local)
        XCTAssertTrue(t.stringer?.contains(" m=+") ?? false)
    }

    func testGoStringNamesTheLocation() throws {
        XCTAssertEqual(utc(2024, 7, 9).goString, "time.Date(2024, time.July, 9, 0, 0, 0, 0, time.UTC)")
        let tokyo = try XCTUnwrap(GoLocation.load("Asia/Tokyo"))
        XCTAssertEqual(
            utc(2024, 7, 9).in(tokyo).goString, #"time.Date(2024, time.July, 9, 9, 0, 0, 0, time.Location("Asia/Tokyo"))"#)
    }

    func testYearsBeyond9999CannotMarshalToJSON() {
        XCTAssertNil(utc(9999, 12, 31).jsonMarshalError)
        XCTAssertEqual(
            utc(9999).addingDate(years: 1, months: 0, days: 0).jsonMarshalError,
            "Time.MarshalJSON: year outside of range [0,9999]")
    }

    func testMonthWeekdayAndDurationAreIntegersThatPrintNames() {
        let t = utc(2020, 3, 4)
        XCTAssertEqual(GoMonth(t.civil.month).stringer, "March")
        XCTAssertEqual(GoMonth(t.civil.month).integerValue, 3)
        XCTAssertEqual(GoWeekday(t.civil.weekday).stringer, "Wednesday")
        XCTAssertEqual(GoMonth(13).stringer, "%!Month(13)")
        XCTAssertFalse(GoWeekday(0).isTruthy)
        XCTAssertEqual(GoDuration(5).integerValue, 5)
    }
}
