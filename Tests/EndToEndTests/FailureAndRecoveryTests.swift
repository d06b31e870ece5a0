import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// What goes wrong: a chart that cannot render, a controller killed mid-upgrade.
final class FailureAndRecoveryTests: EndToEndTestCase {
    func testAChartThatFailsToRenderIsNotReadyWithTheTemplateErrorAndAppliesNothing() throws {
        try apply(helmRelease("broken", chart: "broken"))
        try kubectl("wait", "--for=condition=Ready=false", "hr/broken", "--timeout=60s")

        let table = try kubectl("get", "hr", "broken")
        XCTAssertTrue(table.contains(TestCharts.failMessage), table)
        XCTAssertTrue(table.contains("broken/templates/objects.yaml"), "the error names the template: \(table)")
        let message = try kubectl("get", "hr", "broken", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].message}")
        XCTAssertTrue(message.contains(TestCharts.failMessage), message)
        XCTAssertFalse(try exists("configmap", "broken-never"), "the valid object before the failure was not applied")
        XCTAssertEqual(try releaseRecords("broken"), [:])
        // The status write of the failure must not set off another attempt, and another.
        XCTAssertEqual(try kubectl("get", "hr", "broken", "-o", "jsonpath={.status.failures}"), "1")
    }

    /// The controller is SIGKILLed while it waits for an upgrade whose Deployment never gets
    /// ready (the simulator's `never-ready` label, a 5 minute timeout), leaving revision 2
    /// `pending-upgrade`. A restarted controller, given a healthy spec, converges: the
    /// pending revision is marked failed and a new one deployed; nothing stays pending.
    func testAControllerKilledMidUpgradeConvergesAfterRestart() throws {
        try apply(helmRelease("stuck", version: "0.2.0", spec: "wait: true\ntimeout: 5m"))
        try kubectl("wait", "--for=condition=Ready", "hr/stuck", "--timeout=60s")
        try waitForRevision("stuck", 1)

        try kubectl("patch", "hr", "stuck", "--type=merge", "-p", #"{"spec":{"values":{"simulate":"never-ready"}}}"#)
        let waiting = try eventually(timeout: 30) {
            let pending = try releaseRecords("stuck")[2] == "pending-upgrade"
            return try pending && kubectl("get", "deployment", "stuck", "-o", "jsonpath={.metadata.labels.rudder\\.dev/simulate}") == "never-ready"
        }
        if !waiting {
            let history = try kubectl("get", "hr", "stuck", "-o", "jsonpath={.status.history}")
            XCTFail("revision 2 is not being waited for: \(try releaseRecords("stuck"))\n\(history)\n\(cluster.controllerLog.suffix(3000))")
        }
        cluster.killController()
        XCTAssertEqual(try releaseRecords("stuck"), [1: "deployed", 2: "pending-upgrade"], "the kill left the upgrade pending")

        try cluster.startController()
        try kubectl("patch", "hr", "stuck", "--type=json", "-p", #"[{"op":"remove","path":"/spec/values"}]"#)
        try kubectl("wait", "--for=condition=Ready", "hr/stuck", "--timeout=60s")
        try waitForRevision("stuck", 3)
        XCTAssertEqual(try releaseRecords("stuck"), [1: "superseded", 2: "failed", 3: "deployed"])
        XCTAssertEqual(try kubectl("get", "deployment", "stuck", "-o", "jsonpath={.metadata.labels}"), "{\"app.kubernetes.io/managed-by\":\"Helm\"}")
        let listed = try helm("out = c.list(all_states=True)")
        XCTAssertEqual((listed as? [Any])?.count, 1, "\(listed)")
        XCTAssertEqual(value(listed, 0, "status") as? String, "deployed", "\(listed)")
    }
}
