@testable import Values
import XCTest

/// `time.LoadLocation` over the system's TZif files, `Time.In` and Go's `initLocal`,
/// against Helm's answers (`dateInZone LAYOUT SECONDS ZONE`).
final class GoTimeZoneTests: XCTestCase {
    let layout = "2006-01-02 15:04:05 MST -07:00"

    func shown(_ seconds: Int64, _ zone: String) throws -> String {
        let location = try XCTUnwrap(GoLocation.load(zone), "no zone \(zone)")
        return GoTime(seconds: seconds).in(location).format(layout)
    }

    func testSummerAndWinterAbbreviations() throws {
        XCTAssertEqual(try shown(1_720_000_000, "America/New_York"), "2024-07-03 05:46:40 EDT -04:00")
        XCTAssertEqual(try shown(1_709_214_330, "America/New_York"), "2024-02-29 08:45:30 EST -05:00")
        XCTAssertEqual(try shown(1_709_214_330, "Europe/Berlin"), "2024-02-29 14:45:30 CET +01:00")
    }

    func testSouthernHemisphereDaylightTime() throws {
        XCTAssertEqual(try shown(1_720_000_000, "Australia/Sydney"), "2024-07-03 19:46:40 AEST +10:00")
        XCTAssertEqual(try shown(1_700_000_000, "Australia/Sydney"), "2023-11-15 09:13:20 AEDT +11:00")
    }

    func testFarFutureFollowsTheFooterRule() throws {
        XCTAssertEqual(try shown(4_102_444_800, "America/New_York"), "2099-12-31 19:00:00 EST -05:00")
        XCTAssertEqual(try shown(4_118_000_000, "America/New_York"), "2100-06-29 20:53:20 EDT -04:00")
        XCTAssertEqual(try shown(7_274_000_000, "Australia/Sydney"), "2200-07-04 05:33:20 AEST +10:00")
    }

    func testEarlyInstantsUseTheHistoricalZones() throws {
        XCTAssertEqual(try shown(-5_000_000_000, "America/New_York"), "1811-07-23 10:10:38 LMT -04:56")
        XCTAssertEqual(
            GoTime(seconds: -3_000_000_000).in(try XCTUnwrap(GoLocation.load("Europe/Amsterdam")))
                .format("2006-01-02 15:04:05 MST -07:00:00"),
            "1874-12-07 18:59:32 AMT +00:19:32")
    }

    func testZonesWithoutLettersPrintTheirOffset() throws {
        XCTAssertEqual(try shown(1_720_000_000, "Etc/GMT+5"), "2024-07-03 04:46:40 -05 -05:00")
        XCTAssertEqual(try shown(1_720_000_000, "Asia/Kathmandu"), "2024-07-03 15:31:40 +0545 +05:45")
    }

    func testLoadLocationRejectsUnknownAndUnsafeNames() {
        XCTAssertNil(GoLocation.load("Bad/Zone"))
        XCTAssertNil(GoLocation.load("utc"))
        XCTAssertNil(GoLocation.load("../etc/passwd"))
        XCTAssertNil(GoLocation.load("/usr/share/zoneinfo/Asia/Tokyo"))
        XCTAssertNil(GoLocation.load("America"))
        XCTAssertNil(GoLocation.load("zone.tab"))
    }

    func testEmptyAndUTCNamesAreUTC() {
        XCTAssertTrue(GoLocation.load("") === GoLocation.utc)
        XCTAssertTrue(GoLocation.load("UTC") === GoLocation.utc)
    }

    func testLocalFollowsTZLikeGo() {
        XCTAssertEqual(GoLocation.loadLocal(environment: "America/New_York").name, "America/New_York")
        XCTAssertEqual(GoLocation.loadLocal(environment: ":America/New_York").name, "America/New_York")
        XCTAssertEqual(
            GoLocation.loadLocal(environment: "/usr/share/zoneinfo/Asia/Tokyo").name, "/usr/share/zoneinfo/Asia/Tokyo")
        XCTAssertEqual(GoLocation.loadLocal(environment: "Bad/Zone").name, "UTC")
        XCTAssertEqual(GoLocation.loadLocal(environment: "").name, "UTC")
    }

    func testLocalFallbackIsALocationOfItsOwnNamedUTC() {
        let local = GoLocation.loadLocal(environment: "UTC")
        XCTAssertFalse(local === GoLocation.utc)
        XCTAssertEqual(local.name, "UTC")
        XCTAssertEqual(GoTime(seconds: 0, location: local).stringer, "1970-01-01 00:00:00 +0000 UTC")
    }

    func testFooterRuleParsesMonthWeekDayRules() {
        // 2024-03-10 07:00 UTC is 03:00 EDT, just after the spring change.
        let rule = GoZoneRule.lookup("EST5EDT,M3.2.0,M11.1.0", lastTransition: 0, sec: 1_710_054_000)
        XCTAssertEqual(rule?.name, "EDT")
        XCTAssertEqual(rule?.offset, -4 * 3600)
        let before = GoZoneRule.lookup("EST5EDT,M3.2.0,M11.1.0", lastTransition: 0, sec: 1_710_053_999)
        XCTAssertEqual(before?.name, "EST")
    }

    func testFooterRuleWithQuotedNamesAndNoDaylightTime() {
        let rule = GoZoneRule.lookup("<+0545>-5:45", lastTransition: 0, sec: 1_720_000_000)
        XCTAssertEqual(rule?.name, "+0545")
        XCTAssertEqual(rule?.offset, 5 * 3600 + 45 * 60)
        XCTAssertNil(GoZoneRule.lookup("E5", lastTransition: 0, sec: 0))
    }
}
