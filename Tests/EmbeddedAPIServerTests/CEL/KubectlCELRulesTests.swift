import EmbeddedAPIServer
import Foundation
import XCTest

/// kubectl against the HelmRelease CRD from crds/: an invalid release is refused with the
/// rule's message, worded as a real cluster words it.
final class KubectlCELRulesTests: RealClientTestCase {
    func testApplyingAReleaseWithBothSourcesPrintsTheRuleMessage() async throws {
        let cluster = try await startCluster()
        let crd = CELRulesAdmissionTests.packageRoot.appendingPathComponent("crds/helm.rudder.dev_helmreleases.yaml").path
        succeed(try await cluster.kubectl(["apply", "-f", crd]))
        let manifest = try cluster.write("both.yaml", """
            apiVersion: helm.rudder.dev/v1
            kind: HelmRelease
            metadata:
              name: both
              namespace: default
            spec:
              chart:
                name: podinfo
                repository: https://charts.example.com
                packagedRef: {name: charts, key: podinfo.tgz}
            """)
        let refused = fail(try await cluster.kubectl(["apply", "-f", manifest]))
        XCTAssertTrue(refused.contains(
            #"The HelmRelease "both" is invalid: spec.chart: Invalid value: "object": exactly one of repository or packagedRef must be set"#),
            refused)
    }
}
