import XCTest

@testable import Values

/// Expectations from Helm (Sprig's `date`, `toDate`, `toJson` on Go's time.Time).
final class GoTimeTests: XCTestCase {
    /// 2021-03-04 17:06:07.123456789 UTC.
    let t = GoTime(year: 2021, month: 3, day: 4, hour: 17, minute: 6, second: 7, nanosecond: 123_456_789)

    func testStringIsGoTimeString() {
        XCTAssertEqual(t.stringer, "2021-03-04 17:06:07.123456789 +0000 UTC")
        XCTAssertEqual(GoTime(year: 5, month: 1, day: 9).stringer, "0005-01-09 00:00:00 +0000 UTC")
    }

    func testStringOfNamelessZoneShowsOffsetTwice() {
        let ist = GoTime(year: 2021, month: 3, day: 4, hour: 5, minute: 6, second: 7, offset: 19800, zone: "")
        XCTAssertEqual(ist.stringer, "2021-03-04 05:06:07 +0530 +0530")
    }

    func testJSONIsRFC3339Nano() throws {
        XCTAssertEqual(try JSON.encode(.object(t)), "\"2021-03-04T17:06:07.123456789Z\"")
    }

    func testLayoutNamesAndNumbers() {
        XCTAssertEqual(
            t.format("Mon Monday Jan January 1 01 2 02 _2 __2 002 06 2006 _2006 3 03 15 4 04 5 05 PM pm MST"),
            "Thu Thursday Mar March 3 03 4 04  4  63 063 21 2021 _2021 5 05 17 6 06 7 07 PM pm UTC")
    }

    func testLayoutZonesPrintZForUTCOnlyInZForms() {
        XCTAssertEqual(
            t.format("-0700 -07:00 -07 -070000 -07:00:00 Z0700 Z07:00 Z07 Z070000 Z07:00:00"),
            "+0000 +00:00 +00 +000000 +00:00:00 Z Z Z Z Z")
    }

    func testLayoutFractionalSeconds() {
        XCTAssertEqual(
            t.format(".0 .000 .999 .999999999 ,000 ,999 .0000000000 05.99 05.00x 1.000"),
            ".1 .123 .123 .123456789 ,123 ,123 .123456789 07.12 07.12x 3.123")
    }

    func testLayoutWordsFollowedByLowercaseStayLiteral() {
        XCTAssertEqual(
            t.format("Janet Mond MSTX 2006-01-02T15:04:05.999999999Z07:00"),
            "Janet Mond UTCX 2021-03-04T17:06:07.123456789Z")
    }

    func testLayoutPaddedDaysAndMidnightAsTwelveAM() {
        XCTAssertEqual(GoTime(year: 5, month: 1, day: 9).format("2006-01-02 Mon __2 _2 3PM"), "0005-01-09 Sun   9  9 12AM")
    }

    func testZeroTimeIsYearOne() {
        XCTAssertEqual(GoTime.zero.stringer, "0001-01-01 00:00:00 +0000 UTC")
        XCTAssertTrue(GoTime.zero.isZero)
    }

    func testNegativeInstantsUseFloorArithmetic() {
        XCTAssertEqual(GoTime(seconds: -1).format(GoTimeLayout.rfc3339), "1969-12-31T23:59:59Z")
    }

    func testTypeIsTimeTime() {
        XCTAssertEqual(Value.object(t).typeName, "time.Time")
    }
}
