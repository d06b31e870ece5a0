#if canImport(Glibc)
import Glibc
#endif
import GoTemplate
import Sprig
import Values
import XCTest

/// Sprig's date functions rendered through the executor, against Helm's answers
/// (TZ=UTC, as Helm's own tests and our oracle run). Functions that read the clock are
/// checked by shape and by properties.
final class DateFunctionsTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        // Local is read once per process; the expectations assume a UTC Local.
        setenv("TZ", "UTC", 1)
    }

    func render(_ text: String) throws -> String {
        var set = TemplateSet(name: "t")
        set.missingKey = .zero
        set.addFunctions(Sprig.functions())
        try set.parse(name: "t", text: text)
        return try set.execute("t", data: .map(["Values": .map([:])]))
    }

    func renderError(_ text: String) -> String {
        do {
            return "no error: " + (try render(text))
        } catch {
            return "\(error)"
        }
    }

    let sample = #"(toDate "2006-01-02 15:04:05" "2024-02-29 13:45:30")"#

    func testToDateParsesInLocalAndPrintsAsTimeString() throws {
        XCTAssertEqual(try render("{{ \(sample) }}"), "2024-02-29 13:45:30 +0000 UTC")
        XCTAssertEqual(
            try render(#"{{ toDate "2006-01-02T15:04:05Z07:00" "2020-05-06T07:08:09+02:00" }}"#),
            "2020-05-06 07:08:09 +0200 +0200")
    }

    func testToDateGivesTheZeroTimeWhenParsingFails() throws {
        XCTAssertEqual(try render(#"{{ toDate "2006-01-02" "2021-02-29" }}"#), "0001-01-01 00:00:00 +0000 UTC")
    }

    func testMustToDateReportsGoParseError() {
        XCTAssertTrue(
            renderError(#"{{ mustToDate "2006-01-02" "bad" }}"#).hasSuffix(
                #"error calling mustToDate: parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006""#))
    }

    func testDateFormatsTimesAndGoIntegersAsUnixSeconds() throws {
        XCTAssertEqual(try render(#"{{ date "Mon Jan _2 15:04:05 2006" \#(sample) }}"#), "Thu Feb 29 13:45:30 2024")
        XCTAssertEqual(try render(#"{{ date "3:04PM" \#(sample) }}"#), "1:45PM")
        XCTAssertEqual(try render(#"{{ date "2006-01-02 15:04:05" 1700000000 }}"#), "2023-11-14 22:13:20")
        XCTAssertEqual(try render(#"{{ date "2006-01-02 15:04:05 -0700" (int64 1) }}"#), "1970-01-01 00:00:01 +0000")
    }

    func testDateOfAnyOtherTypeIsNow() throws {
        let year = String(GoClock.now().utc.civil.year)
        XCTAssertEqual(try render(#"{{ date "2006" 1.5 }}"#), year)
        XCTAssertEqual(try render(#"{{ date "2006" "1700000000" }}"#), year)
        XCTAssertEqual(try render(#"{{ date "2006" now }}"#), year)
    }

    func testDateInZoneShowsTheZoneInForceThen() throws {
        XCTAssertEqual(
            try render(#"{{ dateInZone "2006-01-02 15:04 MST" \#(sample) "America/New_York" }}"#), "2024-02-29 08:45 EST")
        XCTAssertEqual(
            try render(#"{{ dateInZone "2006-01-02 15:04 MST" 1720000000 "America/New_York" }}"#), "2024-07-03 05:46 EDT")
        XCTAssertEqual(
            try render(#"{{ date_in_zone "2006-01-02 15:04 -07:00" \#(sample) "Asia/Tokyo" }}"#), "2024-02-29 22:45 +09:00")
    }

    func testDateInZoneFallsBackToUTCForUnknownZones() throws {
        XCTAssertEqual(
            try render(#"{{ dateInZone "2006-01-02 15:04 MST" \#(sample) "Bad/Zone" }}"#), "2024-02-29 13:45 UTC")
        XCTAssertEqual(try render(#"{{ htmlDateInZone 86399 "nope" }}"#), "1970-01-01")
    }

    func testHtmlDateUsesTheISODateLayout() throws {
        XCTAssertEqual(try render("{{ htmlDate 0 }}"), "1970-01-01")
        XCTAssertEqual(try render(#"{{ htmlDateInZone 86399 "Asia/Tokyo" }}"#), "1970-01-02")
    }

    func testDateModifyAddsAGoDuration() throws {
        XCTAssertEqual(try render(#"{{ dateModify "1h30m15s" \#(sample) }}"#), "2024-02-29 15:15:45 +0000 UTC")
        XCTAssertEqual(try render(#"{{ date_modify "-1.5h" \#(sample) }}"#), "2024-02-29 12:15:30 +0000 UTC")
        XCTAssertEqual(try render(#"{{ mustDateModify "1µs" \#(sample) }}"#), "2024-02-29 13:45:30.000001 +0000 UTC")
    }

    func testDateModifyIgnoresBadDurations() throws {
        XCTAssertEqual(try render(#"{{ dateModify "x" \#(sample) }}"#), "2024-02-29 13:45:30 +0000 UTC")
    }

    func testMustDateModifyReportsDurationErrors() {
        XCTAssertTrue(
            renderError(#"{{ mustDateModify "1d" \#(sample) }}"#).hasSuffix(
                #"error calling mustDateModify: time: unknown unit "d" in duration "1d""#))
    }

    func testDateModifyWantsATime() {
        XCTAssertTrue(
            renderError(#"{{ mustDateModify "1h" "notatime" }}"#).hasSuffix(
                #"can't handle "notatime" for arg of type time.Time"#))
        XCTAssertTrue(renderError(#"{{ dateModify 1 \#(sample) }}"#).hasSuffix("expected string; found 1"))
    }

    func testDurationReadsSecondsFromStringsAndInt64Only() throws {
        XCTAssertEqual(try render(#"{{ duration "90" }}"#), "1m30s")
        XCTAssertEqual(try render(#"{{ duration "-90" }}"#), "-1m30s")
        XCTAssertEqual(try render("{{ duration (int64 59) }}"), "59s")
        XCTAssertEqual(try render("{{ duration 86400 }}"), "0s")
        XCTAssertEqual(try render(#"{{ duration "x" }}"#), "0s")
        XCTAssertEqual(try render(#"{{ printf "%T" (duration 5) }}"#), "string")
    }

    func testDurationWrapsLikeGoMultiplication() throws {
        XCTAssertEqual(try render(#"{{ duration "9223372037" }}"#), "-2562047h47m16.709551616s")
        XCTAssertEqual(try render(#"{{ duration "99999999999999999999" }}"#), try render(#"{{ duration "9223372036854775807" }}"#))
    }

    func testDurationRoundKeepsTheLargestUnitWithoutSign() throws {
        XCTAssertEqual(try render(#"{{ durationRound "2h10m" }}"#), "2h")
        XCTAssertEqual(try render(#"{{ durationRound "400h" }}"#), "16d")
        XCTAssertEqual(try render(#"{{ durationRound "800h" }}"#), "1mo")
        XCTAssertEqual(try render(#"{{ durationRound "9000h" }}"#), "1y")
        XCTAssertEqual(try render(#"{{ durationRound "-3h" }}"#), "3h")
        XCTAssertEqual(try render(#"{{ durationRound "1.5s" }}"#), "1s")
        XCTAssertEqual(try render(#"{{ durationRound "1s" }}"#), "0s")
        XCTAssertEqual(try render("{{ durationRound (int64 5000000000) }}"), "5s")
        XCTAssertEqual(try render("{{ durationRound 3661 }}"), "0s")
    }

    func testDurationRoundOfATimeIsTheTimeSince() throws {
        XCTAssertEqual(try render("{{ durationRound (now) }}"), "0s")
        XCTAssertTrue(try render(#"{{ durationRound (toDate "2006" "2020") }}"#).hasSuffix("y"))
    }

    func testAgoRoundsTheTimeSinceToSeconds() throws {
        XCTAssertEqual(try render("{{ ago ((now).Add -90000000000) }}"), "1m30s")
        XCTAssertEqual(try render("{{ ago (now) }}"), "0s")
        XCTAssertEqual(try render(#"{{ ago "x" }}"#), "0s")
    }

    func testUnixEpochIsDecimalSecondsText() throws {
        XCTAssertEqual(try render("{{ unixEpoch \(sample) }}"), "1709214330")
        XCTAssertEqual(try render(#"{{ unixEpoch (toDate "2006-01-02" "1900-05-06") }}"#), "-2198188800")
        XCTAssertEqual(try render(#"{{ printf "%T" (unixEpoch now) }}"#), "string")
    }

    func testNowPrintsWithGoMonotonicClockSuffix() throws {
        let out = try render("{{ now }}")
        XCTAssertTrue(out.contains(" +0000 UTC m=+"), out)
        XCTAssertEqual(try render(#"{{ typeOf now }} {{ kindOf now }}"#), "time.Time struct")
        XCTAssertEqual(try render(#"{{ now.UTC | date "MST" }}"#), "UTC")
    }

    func testTimeMethodsWithGoResultTypes() throws {
        let d = #"(toDate "2006-01-02" "2020-03-04")"#
        XCTAssertEqual(try render("{{ \(d).Year }} {{ \(d).Month }} {{ \(d).Day }} {{ \(d).Weekday }}"), "2020 March 4 Wednesday")
        XCTAssertEqual(try render("{{ \(d).Unix }} {{ \(d).YearDay }} {{ \(d).Hour }}"), "1583280000 64 0")
        XCTAssertEqual(try render(#"{{ \#(d).Format "Jan 2, 2006" }}"#), "Mar 4, 2020")
        XCTAssertEqual(try render("{{ \(d).Add 3600 }}"), "2020-03-04 00:00:00.0000036 +0000 UTC")
        XCTAssertEqual(try render("{{ \(d).AddDate 0 1 30 }}"), "2020-05-04 00:00:00 +0000 UTC")
        XCTAssertEqual(try render(#"{{ \#(d).Sub (toDate "2006-01-02" "2020-03-01") }}"#), "72h0m0s")
        XCTAssertEqual(try render(#"{{ printf "%T" (\#(d).Sub \#(d)) }} {{ printf "%T" \#(d).Month }}"#), "time.Duration time.Month")
    }

    func testMethodArgumentsAreCheckedAgainstGoSignatures() {
        XCTAssertTrue(renderError(#"{{ (toDate "2006" "2020").Add "1h" }}"#).hasSuffix("expected integer; found \"1h\""))
        XCTAssertTrue(renderError(#"{{ (toDate "2006" "2020").AddDate 1 }}"#).contains("wrong number of args for AddDate: want 3 got 1"))
    }

    func testDurationsFromSubPrintAndMarshalAsGo() throws {
        let year = #"((toDate "2006" "2020").Sub (toDate "2006" "2019"))"#
        XCTAssertEqual(try render("{{ \(year) }} {{ \(year).Hours }} {{ \(year).Seconds }}"), "8760h0m0s 8760 3.1536e+07")
        XCTAssertEqual(try render("{{ \(year) | mustToJson }}"), "31536000000000000")
        XCTAssertEqual(try render("{{ \(year).Round 7 }}"), "8759h59m59.999999999s")
    }

    func testTimesMarshalAsRFC3339() throws {
        XCTAssertEqual(try render(#"{{ toDate "2006-01-02" "2020-01-02" | mustToJson }}"#), #""2020-01-02T00:00:00Z""#)
        XCTAssertEqual(
            try render(#"{{ toDate "2006-01-02T15:04:05Z07:00" "2020-05-06T07:08:09+02:00" | mustToJson }}"#),
            #""2020-05-06T07:08:09+02:00""#)
    }
}
