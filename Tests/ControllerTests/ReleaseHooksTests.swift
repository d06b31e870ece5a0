import Controller
import Foundation
import KubeClient
import KubeObjects
import Values
import XCTest

/// Helm hooks run by the controller against the embedded server (its simulator completes
/// hook Jobs, or fails those labelled `rudder.dev/simulate: fail`).
final class ReleaseHooksTests: XCTestCase {
    private func start(_ template: String, version: String = "0.1.0") async throws -> ReconcileHarness {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: version, template: template)
        harness.startController()
        return harness
    }

    func testHooksRunByWeightThenKindThenName() async throws {
        let harness = try await start(
            HookManifests.configMap("b", events: "pre-install") + HookManifests.job("a", events: "pre-install")
                + HookManifests.configMap("a", events: "pre-install") + HookManifests.configMap("z", events: "pre-install", weight: -5))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0"), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed") { $0.isReady }
        let record = try await harness.store.get("demo", version: 1)
        let ran = record.hooks.filter { $0.events == ["pre-install"] }
            .sorted { ($0.lastRun.startedAt ?? GoTime(seconds: 0, nanoseconds: 0)) < ($1.lastRun.startedAt ?? GoTime(seconds: 0, nanoseconds: 0)) }
        XCTAssertEqual(ran.map { "\($0.kind)/\($0.name)" }, ["ConfigMap/demo-z", "ConfigMap/demo-a", "ConfigMap/demo-b", "Job/demo-a"])
        XCTAssertEqual(ran.map(\.lastRun.phase), ["Succeeded", "Succeeded", "Succeeded", "Succeeded"])
        XCTAssertEqual(record.hooks.first { $0.name == "demo-z" }?.weight, -5)
        XCTAssertEqual(ran.first?.deletePolicies, ["before-hook-creation"], "the default policy is recorded as Helm records it")
        let job = try await harness.jobs.get("demo-a")
        XCTAssertNil(job[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], "hooks carry no release ownership")
    }

    func testBeforeHookCreationReplacesAnExistingHookObject() async throws {
        let harness = try await start(HookManifests.configMap("hook", events: "pre-install"))
        let old = try await harness.configMaps.create(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "demo-hook"], "data": ["old": "1"]])
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0"), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed") { $0.isReady }
        let hook = try await harness.configMaps.get("demo-hook")
        XCTAssertEqual(hook[path: ["data"]], ["value": "new"])
        XCTAssertNotEqual(hook.metadataUID, old.metadataUID, "the old object was deleted and the hook created anew")
    }

    func testHookSucceededDeletesTheHookAfterItRan() async throws {
        let harness = try await start(HookManifests.job("migrate", events: "post-install", policy: "hook-succeeded"))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0"), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed") { $0.isReady }
        let job = try await harness.jobs.getIfExists("demo-migrate")
        XCTAssertNil(job)
        let record = try await harness.store.get("demo", version: 1)
        XCTAssertEqual(record.hooks.first { $0.name == "demo-migrate" }?.lastRun.phase, "Succeeded")
        XCTAssertNotNil(record.hooks.first { $0.name == "demo-migrate" }?.lastRun.completedAt)
    }

    func testFailingPreUpgradeHookFailsTheUpgradeWithNothingApplied() async throws {
        let harness = try await start("")
        try await harness.publishChart(version: "0.2.0", template: HookManifests.job("check", events: "pre-upgrade", fails: true))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0"), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed") { $0.isReady }
        _ = try await harness.releases.apply(HookManifests.release(version: "0.2.0", values: ["greeting": "bonjour"]), fieldManager: "kubectl")
        let hr = try await harness.waitFor("upgrade failed") { $0.status?.history?.first?.revision == 2 && $0.status?.history?.first?.status == "failed" }
        XCTAssertEqual(
            hr.status?.history?.first?.description,
            "Upgrade \"demo\" failed: pre-upgrade hooks failed: job demo-check failed: BackoffLimitExceeded")
        XCTAssertEqual(hr.ready?.reason, ReleaseReason.upgradeFailed)
        let service = try await harness.resource("", "v1", "services", namespace: "default").getIfExists("demo-svc")
        XCTAssertNil(service, "the new revision's Service was not applied")
        let settings = try await harness.configMaps.get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "hello")
        XCTAssertEqual(hr.status?.history?.map(\.status), ["failed", "deployed"])
    }

    func testFailingPostInstallHookFailsTheRevision() async throws {
        let harness = try await start(HookManifests.job("smoke", events: "post-install", fails: true))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0"), fieldManager: "kubectl")
        let hr = try await harness.waitFor("install failed") { $0.status?.history?.first?.status == "failed" }
        XCTAssertEqual(hr.status?.history?.first?.description, "Release \"demo\" failed: failed post-install: job demo-smoke failed: BackoffLimitExceeded")
        XCTAssertEqual(hr.ready?.reason, ReleaseReason.installFailed)
        let settings = try await harness.configMaps.getIfExists("demo-settings")
        XCTAssertNotNil(settings, "the release's objects were applied before the post-install hook")
        let record = try await harness.store.get("demo", version: 1)
        XCTAssertEqual(record.hooks.first { $0.name == "demo-smoke" }?.lastRun.phase, "Failed")
    }

    func testPreDeleteHookRunsWhenTheHelmReleaseIsDeleted() async throws {
        let harness = try await start(HookManifests.job("goodbye", events: "pre-delete"))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0"), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed") { $0.isReady }
        let before = try await harness.jobs.getIfExists("demo-goodbye")
        XCTAssertNil(before, "a pre-delete hook does not run on install")
        try await harness.releases.delete("demo")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, try await harness.releases.getIfExists("demo") != nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        let job = try await harness.jobs.getIfExists("demo-goodbye")
        let conditions = job?[path: ["status", "conditions"]]?.arrayValue ?? []
        XCTAssertTrue(conditions.contains { $0["type"] == "Complete" && $0["status"] == "True" }, "\(String(describing: job))")
        let settings = try await harness.configMaps.getIfExists("demo-settings")
        XCTAssertNil(settings, "the release was uninstalled after its hook")
    }

    func testEnabledTestsRunAfterInstallAndAreRecordedInHistory() async throws {
        let harness = try await start(HookManifests.job("test", events: "test"))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0", test: true), fieldManager: "kubectl")
        let hr = try await harness.waitFor("tested") { $0.isReady && $0.status?.history?.first?.testHooks != nil }
        XCTAssertEqual(hr.status?.history?.first?.testHooks, ["demo-test": "Succeeded"])
        XCTAssertEqual(hr.status?.conditions?.first { $0.type == ConditionType.tested }?.status, .true)
        let record = try await harness.store.get("demo", version: 1)
        XCTAssertEqual(record.hooks.first { $0.name == "demo-test" }?.lastRun.phase, "Succeeded")
    }

    func testTestsDoNotRunUnlessEnabled() async throws {
        let harness = try await start(HookManifests.job("test", events: "test"))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0"), fieldManager: "kubectl")
        let hr = try await harness.waitFor("installed") { $0.isReady }
        XCTAssertNil(hr.status?.history?.first?.testHooks)
        let job = try await harness.jobs.getIfExists("demo-test")
        XCTAssertNil(job)
    }

    func testFailingTestSetsTestFailedAndKeepsTheRevisionDeployed() async throws {
        let harness = try await start(HookManifests.job("test", events: "test", fails: true))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0", test: true), fieldManager: "kubectl")
        var hr = try await harness.waitFor("test failed") { $0.ready?.reason == ReleaseReason.testFailed }
        XCTAssertEqual(hr.ready?.status, .false)
        XCTAssertTrue(hr.ready?.message.contains("job demo-test failed") == true, hr.ready?.message ?? "")
        XCTAssertEqual(hr.status?.history?.first?.status, "deployed")
        XCTAssertEqual(hr.status?.history?.first?.testHooks, ["demo-test": "Failed"])
        XCTAssertEqual(hr.status?.conditions?.first { $0.type == ConditionType.released }?.status, .true)
        XCTAssertEqual(hr.status?.conditions?.first { $0.type == ConditionType.tested }?.status, .false)

        // Later reconciles keep it so, and write nothing.
        try await Task.sleep(for: .seconds(1))
        let version = try await harness.releases.get("demo").metadataResourceVersion
        try await Task.sleep(for: .seconds(1))
        hr = try await harness.waitFor("still failed") { _ in true }
        XCTAssertEqual(hr.ready?.reason, ReleaseReason.testFailed)
        XCTAssertEqual(hr.metadata.resourceVersion, version)
    }

    func testAFailingTestWithIgnoreFailuresIsReportedAndTheReleaseStaysReady() async throws {
        let harness = try await start(HookManifests.job("test", events: "test", fails: true))
        var release = HookManifests.release(version: "0.1.0", test: true)
        release[path: ["spec", "test", "ignoreFailures"]] = true
        _ = try await harness.releases.apply(release, fieldManager: "kubectl")
        let hr = try await harness.waitFor("tested") { $0.status?.conditions?.contains { $0.type == ConditionType.tested } == true && $0.isReady }
        XCTAssertEqual(hr.status?.conditions?.first { $0.type == ConditionType.tested }?.status, .false, "the failure is reported")
        XCTAssertTrue(hr.ready?.message.contains("(ignored)") == true, hr.ready?.message ?? "")
        XCTAssertEqual(hr.status?.history?.first?.testHooks, ["demo-test": "Failed"])
        XCTAssertNil(hr.status?.upgradeFailures)
        XCTAssertNil(hr.status?.installFailures, "an ignored test failure is no failed attempt")
    }

    func testTurningTestsOnForADeployedReleaseRunsThemWithoutANewRevision() async throws {
        let harness = try await start(HookManifests.job("test", events: "test"))
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0"), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed untested") { $0.isReady }
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0", test: true), fieldManager: "kubectl")
        let hr = try await harness.waitFor("tested") { $0.status?.history?.first?.testHooks == ["demo-test": "Succeeded"] }
        XCTAssertEqual(hr.status?.history?.map(\.revision), [1], "no new revision")
        XCTAssertEqual(hr.status?.conditions?.first { $0.type == ConditionType.tested }?.status, .true)
        XCTAssertEqual(hr.ready?.status, .true)
    }

    func testFailingTestWithUpgradeRemediationRollsBackToThePreviousRevision() async throws {
        let harness = try await start("")
        try await harness.publishChart(version: "0.2.0", template: HookManifests.job("test", events: "test", fails: true))
        let remediation: JSONValue = ["remediation": ["retries": 1, "strategy": "rollback"]]
        _ = try await harness.releases.apply(HookManifests.release(version: "0.1.0", test: true, upgrade: remediation), fieldManager: "kubectl")
        _ = try await harness.waitFor("installed") { $0.isReady }
        _ = try await harness.releases.apply(HookManifests.release(version: "0.2.0", test: true, upgrade: remediation), fieldManager: "kubectl")
        let hr = try await harness.waitFor("rolled back") { $0.status?.history?.contains { $0.revision == 3 && $0.status == "deployed" } == true }
        let revision3 = hr.status?.history?.first { $0.revision == 3 }
        XCTAssertEqual(revision3?.description, "Rollback to 1", "the revision before the one whose test failed, not an uninstall")
        XCTAssertEqual(revision3?.chartVersion, "0.1.0")
    }
}
