import Foundation
import XCTest

/// `kubectl delete hr` uninstalls the release (the finalizer holds the object until then).
final class UninstallTests: EndToEndTestCase {
    func testDeletingAHelmReleaseRemovesItsObjectsAndHistory() throws {
        try apply(helmRelease("site"))
        try kubectl("wait", "--for=condition=Ready", "hr/site", "--timeout=60s")
        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"values":{"greeting":"again"}}}"#)
        try waitForRevision("site", 2)

        // kubectl waits for the finalizer, i.e. for the uninstall to finish.
        try kubectl("delete", "hr", "site", "--timeout=60s")
        XCTAssertFalse(try exists("hr", "site"))
        for object in ["configmap/site-settings", "deployment/site", "service/site-legacy"] {
            let parts = object.split(separator: "/").map(String.init)
            XCTAssertFalse(try exists(parts[0], parts[1]), "\(object) was uninstalled")
        }
        XCTAssertEqual(try releaseRecords("site"), [:])
        XCTAssertEqual((try helm("out = c.list(all_states=True)") as? [Any])?.count, 0)
    }

    func testDeletingAHelmReleaseWithKeepHistoryKeepsItsHistoryMarkedUninstalled() throws {
        try apply(helmRelease("site", spec: "uninstall: {keepHistory: true}"))
        try kubectl("wait", "--for=condition=Ready", "hr/site", "--timeout=60s")
        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"values":{"greeting":"again"}}}"#)
        try waitForRevision("site", 2)

        try kubectl("delete", "hr", "site", "--timeout=60s")
        XCTAssertFalse(try exists("hr", "site"))
        XCTAssertFalse(try exists("configmap", "site-settings"))
        XCTAssertFalse(try exists("deployment", "site"))
        XCTAssertEqual(try releaseRecords("site"), [1: "superseded", 2: "uninstalled"])
        let history = try helm("out = c.history('site')")
        XCTAssertEqual((history as? [Any])?.compactMap { value($0, "status") as? String }, ["superseded", "uninstalled"], "\(history)")
    }
}
