import Foundation
import XCTest

/// Editing what a HelmRelease asks for makes revisions, as a user of `kubectl edit`/`apply`
/// meets it.
final class SpecChangeTests: EndToEndTestCase {
    private let values = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: site-values}
        data:
          values.yaml: "greeting: GREETING\\n"

        """

    private func applyValues(greeting: String) throws {
        try apply(values.replacingOccurrences(of: "GREETING", with: greeting))
    }

    private func release(version: String, rollbackTo: Int? = nil) -> String {
        var spec = "valuesFrom: [{kind: ConfigMap, name: site-values}]\nvalues: {replicas: 2}\nwait: true\ntimeout: 60s"
        if let rollbackTo { spec += "\nrollback: {toRevision: \(rollbackTo)}" }
        return helmRelease("site", version: version, spec: spec)
    }

    private func settings() throws -> (greeting: String, chartVersion: String) {
        let cm = try get("cm", "site-settings")
        return (value(cm, "data", "greeting") as? String ?? "", value(cm, "data", "chartVersion") as? String ?? "")
    }

    func testChangingTheChartVersionMakesRevision2AndPrunesWhatLeftTheChart() throws {
        try applyValues(greeting: "hi")
        try apply(release(version: "0.1.0"))
        try waitForRevision("site", 1)
        XCTAssertTrue(try exists("service", "site-legacy"))

        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"chart":{"version":"0.2.0"}}}"#)
        let hr = try waitForRevision("site", 2)
        XCTAssertEqual(value(hr, "status", "history", 0, "chartVersion") as? String, "0.2.0")
        XCTAssertEqual(try settings().chartVersion, "0.2.0")
        XCTAssertFalse(try exists("service", "site-legacy"), "0.2.0 has no legacy Service: it is pruned")
        XCTAssertEqual(try releaseRecords("site"), [1: "superseded", 2: "deployed"])
    }

    func testChangingAReferencedConfigMapMakesANewRevision() throws {
        try applyValues(greeting: "hi")
        try apply(release(version: "0.1.0"))
        try waitForRevision("site", 1)
        XCTAssertEqual(try settings().greeting, "hi")

        try applyValues(greeting: "bonjour")
        try waitForRevision("site", 2)
        XCTAssertEqual(try settings().greeting, "bonjour")
    }

    /// The whole walk: install (1), chart version (2), values ConfigMap (3), GitOps rollback
    /// to 1 (4, with revision 1's manifest as Helm stores it), rollback unset (5, the spec).
    func testRollbackToRevision1AndBackFollowsTheSpec() throws {
        try applyValues(greeting: "hi")
        try apply(release(version: "0.1.0"))
        try waitForRevision("site", 1)
        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"chart":{"version":"0.2.0"}}}"#)
        try waitForRevision("site", 2)
        try applyValues(greeting: "bonjour")
        try waitForRevision("site", 3)
        XCTAssertEqual(try settings().greeting, "bonjour")

        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"rollback":{"toRevision":1}}}"#)
        var hr = try waitForRevision("site", 4)
        XCTAssertEqual(value(hr, "status", "history", 0, "chartVersion") as? String, "0.1.0")
        let revision1 = try helmManifest("site", revision: 1)
        XCTAssertTrue(revision1.contains("site-legacy"), revision1)
        XCTAssertEqual(try helmManifest("site", revision: 4), revision1)
        XCTAssertEqual(try settings().greeting, "hi")
        XCTAssertEqual(try settings().chartVersion, "0.1.0")
        XCTAssertTrue(try exists("service", "site-legacy"), "revision 1's Service is back")

        try kubectl("patch", "hr", "site", "--type=json", "-p", #"[{"op":"remove","path":"/spec/rollback"}]"#)
        hr = try waitForRevision("site", 5)
        XCTAssertEqual(value(hr, "status", "history", 0, "chartVersion") as? String, "0.2.0")
        XCTAssertEqual(try settings().greeting, "bonjour")
        XCTAssertEqual(try settings().chartVersion, "0.2.0")
        XCTAssertFalse(try exists("service", "site-legacy"))
        XCTAssertEqual(try releaseRecords("site"), [1: "superseded", 2: "superseded", 3: "superseded", 4: "superseded", 5: "deployed"])
    }
}
