import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// The release commands as a user runs them against a cluster where the controller runs:
/// each only edits or reads HelmRelease objects, and `--wait` follows the controller.
final class ReleaseCommandsTests: XCTestCase {
    private var cluster: ReleaseCommandsCluster!

    override func setUp() async throws {
        cluster = try await ReleaseCommandsCluster()
    }

    override func tearDown() async throws {
        await cluster?.stop()
        cluster = nil
    }

    func testInstallWaitCreatesTheHelmReleaseAndReportsRevisionOneReady() async throws {
        let run = try await cluster.installDemo(["--set", "greeting=bonjour"])
        XCTAssertTrue(run.stdout.contains("NAME: demo\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("STATUS: deployed\nREVISION: 1\nCHART: demo-0.1.0\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("NOTES:\nSay bonjour to demo (chart 0.1.0).\n"), run.stdout)
        let hr = try await cluster.helmRelease("demo")
        XCTAssertEqual(hr.spec.chart, ChartReference(repository: cluster.repository.url, name: "demo", version: "0.1.0"))
        XCTAssertEqual(hr.spec.values, ["greeting": "bonjour"])
        XCTAssertEqual(hr.status?.history?.first?.revision, 1)
        let managers = try await cluster.releases.get("demo")[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue }
        XCTAssertTrue(managers?.contains("rudder-cli") == true, "\(managers ?? [])")
        let settings = try await cluster.resource("", "v1", "configmaps").get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "bonjour")
    }

    func testInstallOfANameInUseFailsLikeHelm() async throws {
        _ = try await cluster.installDemo()
        let run = try await cluster.rudder(["install", "demo", "demo", "--repo", cluster.repository.url])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("Error: INSTALLATION FAILED: cannot re-use a name that is still in use"), run.stderr)
    }

    func testUpgradeOfAMissingReleaseWithoutInstallFails() async throws {
        let run = try await cluster.rudder(["upgrade", "demo", "demo", "--repo", cluster.repository.url])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("UPGRADE FAILED: \"demo\" has no deployed releases"), run.stderr)
        let absent = try await cluster.releases.getIfExists("demo")
        XCTAssertNil(absent)
    }

    func testUpgradeInstallCreatesAMissingRelease() async throws {
        let run = try await cluster.rudder(
            ["upgrade", "--install", "demo", "demo", "--repo", cluster.repository.url, "--wait", "--timeout", "60s"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let hr = try await cluster.helmRelease("demo")
        XCTAssertEqual(hr.status?.history?.first?.revision, 1)
    }

    func testUpgradeWithSetMakesRevisionTwoWithTheNewValuesOnly() async throws {
        _ = try await cluster.installDemo(["--set", "replicas=2"])
        let run = try await cluster.rudder(
            ["upgrade", "demo", "demo", "--repo", cluster.repository.url, "--version", "0.2.0", "--set", "greeting=hallo", "--wait", "--timeout", "60s"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Release \"demo\" has been upgraded. Happy Helming!\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("REVISION: 2\nCHART: demo-0.2.0\n"), run.stdout)
        let hr = try await cluster.helmRelease("demo")
        // As helm upgrade without --reuse-values: replicas=2 from the install is not kept.
        XCTAssertEqual(hr.spec.values, ["greeting": "hallo"])
        let settings = try await cluster.resource("", "v1", "configmaps").get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "hallo")
    }

    func testUpgradeTakesOverWhatAnotherManagerWroteAndEndsItsRollbackPin() async throws {
        let applied: JSONValue = [
            "apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"],
            "spec": [
                "chart": ["repository": .string(cluster.repository.url), "name": "demo", "version": "0.1.0", "digest": .string("sha256:" + String(repeating: "0", count: 64))],
                "values": ["replicas": 2], "rollback": ["toRevision": 1], "suspend": true,
            ],
        ]
        _ = try await cluster.releases.apply(applied, fieldManager: "kubectl")
        let run = try await cluster.rudder(["upgrade", "demo", "demo", "--repo", cluster.repository.url, "--set", "greeting=hallo"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let hr = try await cluster.helmRelease("demo")
        XCTAssertEqual(hr.spec.chart, ChartReference(repository: cluster.repository.url, name: "demo"))
        XCTAssertEqual(hr.spec.values, ["greeting": "hallo"])
        XCTAssertNil(hr.spec.rollback)
        XCTAssertEqual(hr.spec.suspend, true, "fields the CLI does not set stay the other manager's")
    }

    func testRollbackMakesRevisionThreeDescribedRollbackToOne() async throws {
        _ = try await cluster.installDemo()
        let upgrade = try await cluster.rudder(
            ["upgrade", "demo", "demo", "--repo", cluster.repository.url, "--set", "greeting=hallo", "--wait", "--timeout", "60s"])
        XCTAssertEqual(upgrade.status, 0, upgrade.stderr)
        let run = try await cluster.rudder(["rollback", "demo", "1", "--wait", "--timeout", "60s"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Rollback was a success! Happy Helming!\n"), run.stdout)
        let hr = try await cluster.helmRelease("demo")
        XCTAssertEqual(hr.spec.rollback, RollbackSpec(toRevision: 1))
        XCTAssertEqual(hr.status?.history?.first?.revision, 3)
        XCTAssertEqual(hr.status?.history?.first?.description, "Rollback to 1")
        let settings = try await cluster.resource("", "v1", "configmaps").get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "hello")
    }

    func testRollbackClearRemovesThePin() async throws {
        _ = try await cluster.installDemo()
        _ = try await cluster.releases.patch("demo", .merge(["spec": ["rollback": ["toRevision": 1]]]))
        let run = try await cluster.rudder(["rollback", "demo", "--clear"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let hr = try await cluster.helmRelease("demo")
        XCTAssertNil(hr.spec.rollback)
    }

    func testRollbackToARevisionNotInTheHistoryFailsAndChangesNothing() async throws {
        _ = try await cluster.installDemo()
        let before = try await cluster.releases.get("demo")[path: ["metadata", "generation"]]
        let run = try await cluster.rudder(["rollback", "demo", "7"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "Error: release has no 7 version (revisions of default/demo: 1)\n")
        let after = try await cluster.releases.get("demo")[path: ["metadata", "generation"]]
        XCTAssertEqual(after, before)
    }

    func testListShowsHelmsColumnsWithReady() async throws {
        _ = try await cluster.installDemo()
        let run = try await cluster.rudder(["list"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } }
        XCTAssertEqual(lines.first, ["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "READY"])
        XCTAssertEqual(lines.count, 2, run.stdout)
        let row = lines[1]
        XCTAssertEqual(row.count, 8, run.stdout)
        XCTAssertEqual([row[0], row[1], row[2], row[4], row[5], row[6], row[7]], ["demo", "default", "1", "deployed", "demo-0.1.0", "0.1.0", "True"])
        // Helm's UPDATED layout: 2006-01-02 15:04:05.999999999 -0700 MST.
        XCTAssertNotNil(row[3].range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} \S+$"#, options: .regularExpression), row[3])
    }

    func testListAllNamespacesIncludesOtherNamespaces() async throws {
        let run = try await cluster.rudder(
            ["install", "other", "demo", "--repo", cluster.repository.url, "-n", "apps", "--create-namespace"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let here = try await cluster.rudder(["list"])
        XCTAssertFalse(here.stdout.contains("other"), here.stdout)
        let all = try await cluster.rudder(["list", "-A"])
        XCTAssertTrue(all.stdout.split(separator: "\n").contains { $0.hasPrefix("other") && $0.contains("apps") }, all.stdout)
        let hr = try await cluster.resource("helm.rudder.dev", "v1", "helmreleases", namespace: "apps").get("other").decode(HelmRelease.self)
        XCTAssertEqual(hr.spec.install?.createNamespace, true)
    }

    func testStatusShowsConditionsLastRevisionChartAndNotes() async throws {
        _ = try await cluster.installDemo()
        let run = try await cluster.rudder(["status", "demo"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("NAME: demo\nLAST DEPLOYED: "), run.stdout)
        XCTAssertTrue(run.stdout.contains("NAMESPACE: default\nSTATUS: deployed\nREVISION: 1\nCHART: demo-0.1.0\nAPP VERSION: 0.1.0\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("CONDITIONS:\nTYPE"), run.stdout)
        XCTAssertTrue(run.stdout.split(separator: "\n").contains { $0.hasPrefix("Ready") && $0.contains("True") && $0.contains(ReleaseReason.installSucceeded) }, run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("NOTES:\nSay hello to demo (chart 0.1.0).\n"), run.stdout)
    }

    func testStatusOfAMissingReleaseFails() async throws {
        let run = try await cluster.rudder(["status", "nothing"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "Error: release: not found (no HelmRelease \"nothing\" in namespace \"default\")\n")
    }

    func testHistoryListsRevisionsOldestFirstLikeHelm() async throws {
        _ = try await cluster.installDemo()
        let upgrade = try await cluster.rudder(
            ["upgrade", "demo", "demo", "--repo", cluster.repository.url, "--version", "0.2.0", "--wait", "--timeout", "60s"])
        XCTAssertEqual(upgrade.status, 0, upgrade.stderr)
        let run = try await cluster.rudder(["history", "demo"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } }
        XCTAssertEqual(lines.count, 3, run.stdout)
        XCTAssertEqual(lines[0], ["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"])
        XCTAssertEqual([lines[1][0], lines[1][2], lines[1][3], lines[1][4], lines[1][5]], ["1", "superseded", "demo-0.1.0", "0.1.0", "Install complete"])
        XCTAssertEqual([lines[2][0], lines[2][2], lines[2][3], lines[2][4], lines[2][5]], ["2", "deployed", "demo-0.2.0", "0.2.0", "Upgrade complete"])
        // time.ANSIC: Mon Jan  2 15:04:05 2006.
        XCTAssertNotNil(lines[1][1].range(of: #"^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$"#, options: .regularExpression), lines[1][1])
    }

    func testUninstallWaitReturnsOnceTheReleaseAndItsHistoryAreGone() async throws {
        _ = try await cluster.installDemo()
        let run = try await cluster.rudder(["uninstall", "demo", "--wait", "--timeout", "60s"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "release \"demo\" uninstalled\n")
        let hr = try await cluster.releases.getIfExists("demo")
        XCTAssertNil(hr)
        let record = try await cluster.resource("", "v1", "secrets").getIfExists("sh.helm.release.v1.demo.v1")
        XCTAssertNil(record)
        let settings = try await cluster.resource("", "v1", "configmaps").getIfExists("demo-settings")
        XCTAssertTrue(settings == nil || settings!.hasDeletionTimestamp)
    }

    func testUninstallKeepHistoryKeepsTheRecordMarkedUninstalled() async throws {
        _ = try await cluster.installDemo()
        let run = try await cluster.rudder(["uninstall", "demo", "--keep-history", "--wait", "--timeout", "60s"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let record = try await cluster.resource("", "v1", "secrets").getIfExists("sh.helm.release.v1.demo.v1")
        XCTAssertEqual(record?[path: ["metadata", "labels", "status"]], "uninstalled")
    }

    func testUninstallOfAMissingReleaseFailsLikeHelm() async throws {
        let run = try await cluster.rudder(["uninstall", "nothing"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "Error: uninstall: Release not loaded: nothing: release: not found\n")
    }

    func testInstallWaitOfAChartThatFailsToRenderExitsOneWithTheControllersMessage() async throws {
        let run = try await cluster.rudder(["install", "bad", "broken", "--repo", cluster.repository.url, "--wait", "--timeout", "60s"])
        XCTAssertEqual(run.status, 1, run.stdout)
        XCTAssertTrue(run.stderr.hasPrefix("Error: HelmRelease default/bad is not ready: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("the broken chart always fails"), run.stderr)
    }

    func testInstallOfALocalChartFolderIsRefusedBeforeAnyWrite() async throws {
        let run = try await cluster.rudder(["install", "local", "./charts/demo"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("the controller fetches the chart itself"), run.stderr)
        let absent = try await cluster.releases.getIfExists("local")
        XCTAssertNil(absent)
    }

    func testInstallOfAnOCIReferenceSplitsRepositoryAndName() async throws {
        let run = try await cluster.rudder(["install", "oci", "oci://127.0.0.1:1/charts/podinfo", "--version", "6.5.0"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let hr = try await cluster.helmRelease("oci")
        XCTAssertEqual(hr.spec.chart, ChartReference(repository: "oci://127.0.0.1:1/charts", name: "podinfo", version: "6.5.0"))
    }
}
