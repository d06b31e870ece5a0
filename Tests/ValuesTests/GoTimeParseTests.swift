@testable import Values
import XCTest

/// `time.ParseInLocation` against Helm's answers (`mustToDate LAYOUT VALUE`, TZ=UTC).
final class GoTimeParseTests: XCTestCase {
    /// Local when TZ=UTC: a location of its own named UTC.
    let local = GoLocation.loadLocal(environment: "UTC")

    func parsed(_ layout: String, _ value: String, in location: GoLocation? = nil) -> String {
        do {
            return try GoTime.parse(layout: layout, value: value, in: location ?? local).stringer ?? ""
        } catch {
            return "error: \(error)"
        }
    }

    func testParsesDateOnlyLayoutAtLocalMidnight() {
        XCTAssertEqual(parsed("2006-01-02", "2020-03-04"), "2020-03-04 00:00:00 +0000 UTC")
        XCTAssertEqual(parsed("02/01/2006", "31/12/1999"), "1999-12-31 00:00:00 +0000 UTC")
        XCTAssertEqual(parsed("Jan 2 2006", "Feb 3 2021"), "2021-02-03 00:00:00 +0000 UTC")
    }

    func testMismatchedElementReportsValueAndLayoutElement() {
        XCTAssertEqual(
            parsed("2006-01-02", "bad"),
            #"error: parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006""#)
        XCTAssertEqual(
            parsed("2006-01-02", "2021-1-02"),
            #"error: parsing time "2021-1-02" as "2006-01-02": cannot parse "1-02" as "01""#)
        XCTAssertEqual(
            parsed("2006 01", "202101"), #"error: parsing time "202101" as "2006 01": cannot parse "01" as " ""#)
        XCTAssertEqual(
            parsed("Monday, 02-Jan-06 3:04PM", "friday, 01-JAN-21 12:30am"),
            #"error: parsing time "friday, 01-JAN-21 12:30am" as "Monday, 02-Jan-06 3:04PM": cannot parse "am" as "PM""#)
    }

    func testRangeErrorsNameTheField() {
        XCTAssertEqual(parsed("2006-01-02", "2021-02-29"), #"error: parsing time "2021-02-29": day out of range"#)
        XCTAssertEqual(parsed("2006-01-02", "2021-13-01"), #"error: parsing time "2021-13-01": month out of range"#)
        XCTAssertEqual(parsed("15:04", "25:00"), #"error: parsing time "25:00": hour out of range"#)
        XCTAssertEqual(parsed("3PM", "13PM"), #"error: parsing time "13PM": hour out of range"#)
        XCTAssertEqual(parsed("3:04:05", "3:04:60"), #"error: parsing time "3:04:60": second out of range"#)
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05 Z07:00", "2021-01-01 10:00:00 +25:00"),
            #"error: parsing time "2021-01-01 10:00:00 +25:00": time zone offset hour out of range"#)
    }

    func testExtraTextIsQuotedWithNonASCIIBytesEscaped() {
        XCTAssertEqual(parsed("2006-01-02", "2021-01-01x"), #"error: parsing time "2021-01-01x": extra text: "x""#)
        XCTAssertEqual(
            parsed("2006-01-02", "2021-01-02 héllo\t\"x\""),
            #"error: parsing time "2021-01-02 h\xc3\xa9llo\x09\"x\"": extra text: " h\xc3\xa9llo\x09\"x\"""#)
        XCTAssertEqual(parsed("", "x"), #"error: parsing time "x": extra text: "x""#)
    }

    func testEmptyLayoutAndValueGiveYearZero() {
        XCTAssertEqual(parsed("", ""), "0000-01-01 00:00:00 +0000 UTC")
    }

    func testFractionalSecondsFollowTheLayout() {
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05", "2021-01-01 10:00:00.123456789123"),
            "2021-01-01 10:00:00.123456789 +0000 UTC")
        XCTAssertEqual(parsed("2006-01-02 15:04:05.999", "2021-01-01 10:00:00.5"), "2021-01-01 10:00:00.5 +0000 UTC")
        XCTAssertEqual(parsed("2006-01-02 15:04:05,999", "2021-01-01 10:00:00,25"), "2021-01-01 10:00:00.25 +0000 UTC")
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05.000", "2021-01-01 10:00:00.12"),
            #"error: parsing time "2021-01-01 10:00:00.12" as "2006-01-02 15:04:05.000": cannot parse ".12" as ".000""#)
        XCTAssertEqual(
            parsed("2006-01-02T15:04:05.000000Z", "2021-01-01T10:00:00.1234567Z"),
            #"error: parsing time "2021-01-01T10:00:00.1234567Z" as "2006-01-02T15:04:05.000000Z": cannot parse "7Z" as "Z""#)
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05.9", "2021-01-01 10:00:00.x"),
            #"error: parsing time "2021-01-01 10:00:00.x": extra text: ".x""#)
    }

    func testNumericZonesKeepTheirOffsetWithoutAName() {
        XCTAssertEqual(
            parsed("2006-01-02T15:04:05Z07:00", "2020-05-06T07:08:09+02:00"), "2020-05-06 07:08:09 +0200 +0200")
        XCTAssertEqual(parsed("2006-01-02 15:04:05 -07", "2021-01-01 10:00:00 +05"), "2021-01-01 10:00:00 +0500 +0500")
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05 -07:00:00", "2021-01-01 10:00:00 -05:30:15"), "2021-01-01 10:00:00 -0530 -0530")
    }

    func testZeroOffsetAndZMeanLocalOrUTC() {
        XCTAssertEqual(parsed("2006-01-02 15:04:05 Z07:00", "2021-01-01 10:00:00 Z"), "2021-01-01 10:00:00 +0000 UTC")
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05 Z07:00", "2021-01-01 10:00:00 +00:00"), "2021-01-01 10:00:00 +0000 UTC")
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05 -0700 MST", "2021-01-01 10:00:00 +0000 GMT"), "2021-01-01 10:00:00 +0000 GMT")
    }

    func testUnknownZoneAbbreviationsGetOffsetZero() {
        XCTAssertEqual(parsed("2006-01-02 MST", "2020-03-04 PST"), "2020-03-04 00:00:00 +0000 PST")
        XCTAssertEqual(parsed("2006-01-02 15:04:05 MST", "2021-01-01 10:00:00 CEST"), "2021-01-01 10:00:00 +0000 CEST")
        XCTAssertEqual(parsed("2006-01-02 15:04:05 MST", "2021-01-01 10:00:00 ChST"), "2021-01-01 10:00:00 +0000 ChST")
        XCTAssertEqual(parsed("2006-01-02 15:04:05 MST", "2021-01-01 10:00:00 +05"), "2021-01-01 10:00:00 +0000 +05")
        XCTAssertEqual(parsed("2006-01-02 15:04:05 MST", "2009-11-10 23:00:00 -23"), "2009-11-10 23:00:00 +0000 -23")
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05 MST", "2021-01-01 10:00:00 ABCD"),
            #"error: parsing time "2021-01-01 10:00:00 ABCD" as "2006-01-02 15:04:05 MST": cannot parse "ABCD" as "MST""#)
    }

    func testGMTWithHoursShowsTheClockShiftedButNotTheInstant() {
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05 MST", "2021-01-01 10:00:00 GMT+3"), "2021-01-01 13:00:00 +0300 GMT+3")
        XCTAssertEqual(
            parsed("2006-01-02 15:04:05 MST", "2009-11-10 23:00:00 GMT+23"), "2009-11-11 22:00:00 +2300 GMT+23")
    }

    func testZoneAbbreviationOfTheLocalZoneTakesItsOffset() throws {
        let newYork = try XCTUnwrap(GoLocation.load("America/New_York"))
        XCTAssertEqual(
            parsed("2006-01-02 15:04 MST", "2024-11-03 01:30 EST", in: newYork), "2024-11-03 01:30:00 -0500 EST")
        XCTAssertEqual(
            parsed("2006-01-02 15:04 MST", "2024-07-03 01:30 EST", in: newYork), "2024-07-03 02:30:00 -0400 EDT")
        XCTAssertEqual(
            parsed("2006-01-02 15:04 -0700", "2024-07-03 01:30 -0400", in: newYork), "2024-07-03 01:30:00 -0400 EDT")
    }

    func testWallClockInASkippedHourMovesAsGoDoes() throws {
        let newYork = try XCTUnwrap(GoLocation.load("America/New_York"))
        XCTAssertEqual(parsed("2006-01-02 15:04", "2024-03-10 02:30", in: newYork), "2024-03-10 01:30:00 -0500 EST")
        XCTAssertEqual(parsed("2006-01-02 15:04", "2024-11-03 01:30", in: newYork), "2024-11-03 01:30:00 -0400 EDT")
    }

    func testDayOfYearLayouts() {
        XCTAssertEqual(parsed("2006-002", "2020-060"), "2020-02-29 00:00:00 +0000 UTC")
        XCTAssertEqual(parsed("2006-002", "2021-366"), #"error: parsing time "2021-366": day-of-year out of range"#)
        XCTAssertEqual(
            parsed("2006-002 01", "2020-060 03"), #"error: parsing time "2020-060 03": day-of-year does not match month"#)
    }

    func testTwoDigitYearsPivotAt69() {
        XCTAssertEqual(parsed("06", "68"), "2068-01-01 00:00:00 +0000 UTC")
        XCTAssertEqual(parsed("06", "69"), "1969-01-01 00:00:00 +0000 UTC")
    }

    func testSpacesInLayoutMatchAnyRunOfSpaces() {
        XCTAssertEqual(parsed("2006 01", "2021   01"), "2021-01-01 00:00:00 +0000 UTC")
        XCTAssertEqual(parsed("Mon Jan _2 15:04:05 2006", "Fri Jan  1 10:00:00 2021"), "2021-01-01 10:00:00 +0000 UTC")
    }
}
