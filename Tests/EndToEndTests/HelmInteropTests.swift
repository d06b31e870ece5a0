import Foundation
import XCTest

/// Real Helm (helm-python-sdk) beside Rudder: it reads the releases Rudder makes, and a
/// `helm upgrade` behind Rudder's back is undone.
final class HelmInteropTests: EndToEndTestCase {
    func testHelmListsOurReleasesWithTheirHistoryAndValues() throws {
        try apply(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: site-values}
            data:
              values.yaml: "greeting: from a ConfigMap\\n"

            """)
        try apply(helmRelease("site", spec: "valuesFrom: [{kind: ConfigMap, name: site-values}]\nvalues: {replicas: 2}"))
        try kubectl("wait", "--for=condition=Ready", "hr/site", "--timeout=60s")
        try kubectl("patch", "hr", "site", "--type=merge", "-p", #"{"spec":{"chart":{"version":"0.2.0"}}}"#)
        try waitForRevision("site", 2)

        let listed = try helm("out = c.list()")
        XCTAssertEqual((listed as? [Any])?.count, 1, "\(listed)")
        XCTAssertEqual(value(listed, 0, "name") as? String, "site")
        XCTAssertEqual(value(listed, 0, "namespace") as? String, namespace)
        XCTAssertEqual(value(listed, 0, "revision") as? Int, 2)
        XCTAssertEqual(value(listed, 0, "status") as? String, "deployed")
        XCTAssertEqual(value(listed, 0, "chart_name") as? String, "web")
        XCTAssertEqual(value(listed, 0, "chart_version") as? String, "0.2.0")

        let history = try XCTUnwrap(try helm("out = c.history('site')") as? [Any])
        XCTAssertEqual(history.compactMap { value($0, "revision") as? Int }, [1, 2])
        XCTAssertEqual(history.compactMap { value($0, "status") as? String }, ["superseded", "deployed"])
        XCTAssertEqual(history.compactMap { value($0, "chart_version") as? String }, ["0.1.0", "0.2.0"])

        // The user-supplied values: valuesFrom merged with values, as Rudder composed them.
        let values = try helm("out = c.get_values('site')") as? [String: Any]
        XCTAssertEqual(values?["greeting"] as? String, "from a ConfigMap")
        XCTAssertEqual(values?["replicas"] as? Int, 2)
        XCTAssertEqual(values?.count, 2, "\(values ?? [:])")
    }

    /// Helm upgrades the release with an extra value (a ConfigMap more, nothing Rudder's
    /// field manager owns changed, so Helm's server-side apply has no conflict). Rudder
    /// notices at once, from its watch of Helm's records (the interval is the default ten
    /// minutes, far beyond the wait), makes the spec a new revision and prunes what Helm
    /// added.
    func testAHelmUpgradeOfAManagedReleaseIsReconciledBackToTheSpec() throws {
        try apply(helmRelease("site", version: "0.2.0", spec: "values: {greeting: from the spec}"))
        try kubectl("wait", "--for=condition=Ready", "hr/site", "--timeout=60s")
        try waitForRevision("site", 1)

        let archive = cluster.repositoryDirectory.appendingPathComponent("web-0.2.0.tgz").path
        let upgraded = try helm(
            "out = c.upgrade(\(pythonString(archive)), 'site', {'greeting': 'from the spec', 'extra': True})")
        XCTAssertEqual(value(upgraded, "revision") as? Int, 2, "\(upgraded)")
        XCTAssertEqual(value(upgraded, "status") as? String, "deployed", "Helm's own upgrade went through: \(upgraded)")
        // Rudder may already be undoing it: Helm's record is the proof.
        XCTAssertTrue(try helmManifest("site", revision: 2).contains("name: site-extra"), "Helm's revision 2 has the extra ConfigMap")

        let hr = try waitForRevision("site", 3)
        XCTAssertEqual(value(hr, "status", "history", 0, "description") as? String, "Upgrade complete")
        XCTAssertFalse(try exists("configmap", "site-extra"), "what Helm added is pruned")
        let values = try helm("out = c.get_values('site')") as? [String: Any]
        XCTAssertEqual(values?.keys.sorted(), ["greeting"], "\(values ?? [:])")
        XCTAssertEqual(try releaseRecords("site"), [1: "superseded", 2: "superseded", 3: "deployed"])
    }
}
