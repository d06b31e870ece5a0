import Foundation
import XCTest

/// `rudder diff`: what the next reconcile would change, shown before it happens, and
/// nothing left to show once it has.
final class DiffTests: EndToEndTestCase {
    func testADiffBeforeAnUpgradeShowsWhatTheUpgradeThenChanges() throws {
        try apply(helmRelease("site", version: "0.1.0"))
        try waitForRevision("site", 1)
        let unchanged = try cluster.rudderCommand(["diff", "site", "-n", namespace])
        XCTAssertEqual(unchanged.status, 0, unchanged.transcript)
        XCTAssertEqual(unchanged.stdout, "", "a release as its spec asks has nothing to show")

        // Held back, so the diff comes before the upgrade.
        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"suspend":true}}"#)
        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"chart":{"version":"0.2.0"}}}"#)
        let before = try cluster.rudderCommand(["diff", "site", "-n", namespace])
        XCTAssertEqual(before.status, 1, "differences exit 1, as kubectl diff: \(before.transcript)")
        let text = before.stdout
        XCTAssertTrue(text.contains("# the next reconcile: upgrade, revision 2"), text)
        XCTAssertTrue(text.contains(#"--- ConfigMap "site-settings" in namespace "\#(namespace)" (live)"#), text)
        XCTAssertTrue(text.contains("-  chartVersion: 0.1.0\n+  chartVersion: 0.2.0"), text)
        XCTAssertTrue(text.contains(#"+++ Service "site-legacy" in namespace "\#(namespace)" (delete by the next reconcile)"#), text)
        XCTAssertFalse(text.contains("Deployment"), "the Deployment does not change: \(text)")
        XCTAssertFalse(text.contains("managedFields") || text.contains("resourceVersion"), text)

        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"suspend":false}}"#)
        try waitForRevision("site", 2)
        XCTAssertFalse(try exists("service", "site-legacy"))
        XCTAssertEqual(value(try get("cm", "site-settings"), "data", "chartVersion") as? String, "0.2.0")
        let after = try cluster.rudderCommand(["diff", "site", "-n", namespace])
        XCTAssertEqual(after.status, 0, "the upgrade made exactly what the diff showed: \(after.transcript)")
    }
}
