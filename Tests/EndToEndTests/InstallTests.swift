import Foundation
import XCTest

/// `kubectl apply` of a HelmRelease installs its chart: Ready with revision 1, the rendered
/// objects present and carrying Helm's ownership labels and annotations, Helm's record stored.
final class InstallTests: EndToEndTestCase {
    func testAReleaseFromAnHTTPRepositoryIsReadyWithRevision1AndHelmsLabels() throws {
        try apply(helmRelease("site", spec: "values: {greeting: hi}"))
        try kubectl("wait", "--for=condition=Ready", "hr/site", "--timeout=60s")
        let hr = try waitForRevision("site", 1)
        XCTAssertEqual(value(hr, "status", "history", 0, "chartVersion") as? String, "0.1.0")
        XCTAssertEqual(try kubectl("get", "hr", "site", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}"), "InstallSucceeded")

        try assertOwnedByHelm(release: "site", ["configmap/site-settings", "deployment/site", "service/site-legacy"])
        XCTAssertEqual(try kubectl("get", "cm", "site-settings", "-o", "jsonpath={.data.greeting}"), "hi")
        XCTAssertEqual(try releaseRecords("site"), [1: "deployed"])
    }

    func testAReleaseFromAnOCIRegistryIsReadyWithRevision1AndHelmsLabels() throws {
        try apply(
            """
            apiVersion: helm.rudder.dev/v1
            kind: HelmRelease
            metadata: {name: packaged, namespace: \(namespace)}
            spec:
              chart: {repository: "\(cluster.ociRepository)", name: web, version: "0.2.0", plainHTTP: true}

            """)
        try kubectl("wait", "--for=condition=Ready", "hr/packaged", "--timeout=60s")
        let hr = try waitForRevision("packaged", 1)
        XCTAssertEqual(value(hr, "status", "history", 0, "chartVersion") as? String, "0.2.0")

        try assertOwnedByHelm(release: "packaged", ["configmap/packaged-settings", "deployment/packaged"])
        XCTAssertEqual(try kubectl("get", "cm", "packaged-settings", "-o", "jsonpath={.data.chartVersion}"), "0.2.0")
        XCTAssertEqual(try releaseRecords("packaged"), [1: "deployed"])
    }

    /// Helm recognises objects by these: `app.kubernetes.io/managed-by: Helm` and the
    /// `meta.helm.sh/release-name`/`-namespace` annotations.
    private func assertOwnedByHelm(release: String, _ objects: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        for object in objects {
            let parts = object.split(separator: "/").map(String.init)
            let json = try get(parts[0], parts[1], file: file, line: line)
            XCTAssertEqual(value(json, "metadata", "labels", "app.kubernetes.io/managed-by") as? String, "Helm", object, file: file, line: line)
            XCTAssertEqual(value(json, "metadata", "annotations", "meta.helm.sh/release-name") as? String, release, object, file: file, line: line)
            XCTAssertEqual(
                value(json, "metadata", "annotations", "meta.helm.sh/release-namespace") as? String, namespace, object, file: file, line: line)
        }
    }
}
