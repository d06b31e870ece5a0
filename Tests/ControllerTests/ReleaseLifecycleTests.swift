import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// The controller end to end against the embedded API server: install, upgrade on a values
/// change, GitOps rollback and back, a render error that applies nothing, uninstall on delete.
final class ReleaseLifecycleTests: XCTestCase {
    private func release(version: String, values: JSONValue = [:], rollbackTo: Int? = nil) -> JSONValue {
        var spec: [String: JSONValue] = [
            "chart": ["packagedRef": ["name": "charts", "key": .string("demo-\(version).tgz")]],
            "values": values, "timeout": "30s",
        ]
        if let rollbackTo { spec["rollback"] = ["toRevision": .int(Int64(rollbackTo))] }
        return ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"], "spec": .object(spec)]
    }

    func testInstallUpgradeRollbackAndUninstall() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        try await harness.publishChart(version: "0.2.0")
        harness.startController()
        let configMaps = harness.resource("", "v1", "configmaps", namespace: "default")
        let secrets = harness.resource("", "v1", "secrets", namespace: "default")

        // Install.
        _ = try await harness.releases.apply(release(version: "0.1.0"), fieldManager: "kubectl")
        var hr = try await harness.waitFor("revision 1 ready") { $0.isReady && $0.status?.history?.first?.revision == 1 }
        XCTAssertEqual(hr.ready?.reason, ReleaseReason.installSucceeded)
        XCTAssertEqual(hr.status?.lastAttemptedRevision, 1)
        XCTAssertNil(hr.status?.conditions?.first { $0.type == ConditionType.reconciling }, "Reconciling is gone once the action ends")
        XCTAssertEqual(hr.metadata.finalizers, [HelmRelease.finalizer])
        var settings = try await configMaps.get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "hello")
        XCTAssertEqual(settings[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], "Helm")
        XCTAssertEqual(settings[path: ["metadata", "annotations", "meta.helm.sh/release-name"]], "demo")
        let record = try await secrets.get("sh.helm.release.v1.demo.v1")
        XCTAssertEqual(record["type"], "helm.sh/release.v1")
        XCTAssertEqual(record[path: ["metadata", "labels", "status"]], "deployed")

        // A reconcile that finds nothing to do writes nothing.
        let quiet = try await harness.releases.get("demo").metadataResourceVersion
        try await Task.sleep(for: .seconds(1))
        let awaited1 = try await harness.releases.get("demo").metadataResourceVersion
        XCTAssertEqual(awaited1, quiet)

        // Upgrade: a new chart version and a changed value; the new Service appears.
        _ = try await harness.releases.apply(release(version: "0.2.0", values: ["greeting": "bonjour"]), fieldManager: "kubectl")
        hr = try await harness.waitFor("revision 2 ready") { $0.isReady && $0.status?.history?.first?.revision == 2 }
        XCTAssertEqual(hr.ready?.reason, ReleaseReason.upgradeSucceeded)
        settings = try await configMaps.get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "bonjour")
        XCTAssertEqual(settings[path: ["data", "chartVersion"]], "0.2.0")
        let awaited2 = try await harness.resource("", "v1", "services", namespace: "default").getIfExists("demo-svc")
        XCTAssertNotNil(awaited2)
        XCTAssertEqual(hr.status?.history?.map(\.status), ["deployed", "superseded"])

        // GitOps rollback: revision 3 is revision 1 again, and the Service 0.1.0 lacks is pruned.
        _ = try await harness.releases.apply(release(version: "0.2.0", values: ["greeting": "bonjour"], rollbackTo: 1), fieldManager: "kubectl")
        hr = try await harness.waitFor("revision 3 ready") { $0.isReady && $0.status?.history?.first?.revision == 3 }
        XCTAssertEqual(hr.status?.history?.first?.description, "Rollback to 1")
        settings = try await configMaps.get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "hello")
        XCTAssertEqual(settings[path: ["data", "chartVersion"]], "0.1.0")
        let services = harness.resource("", "v1", "services", namespace: "default")
        let pruned = try await services.getIfExists("demo-svc")
        XCTAssertTrue(pruned == nil || pruned!.hasDeletionTimestamp, "the Service revision 1 lacks was pruned")

        // Unset the rollback: back to the spec, as revision 4.
        _ = try await harness.releases.apply(release(version: "0.2.0", values: ["greeting": "bonjour"]), fieldManager: "kubectl")
        hr = try await harness.waitFor("revision 4 ready") { $0.isReady && $0.status?.history?.first?.revision == 4 }
        let awaited3 = try await configMaps.get("demo-settings")[path: ["data", "greeting"]]
        XCTAssertEqual(awaited3, "bonjour")

        // Uninstall on delete: objects and history gone, then the HelmRelease.
        try await harness.releases.delete("demo")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, try await harness.releases.getIfExists("demo") != nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        let awaited4 = try await harness.releases.getIfExists("demo")
        XCTAssertNil(awaited4)
        let awaited5 = try await configMaps.getIfExists("demo-settings")
        XCTAssertNil(awaited5)
        let records = try await secrets.list(ListParams(labelSelector: "owner=helm,name=demo"))
        XCTAssertEqual(records.items.count, 0)
    }

    func testARenderErrorSetsReadyFalseAndAppliesNothing() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0", template: "{{ fail \"the chart needs .Values.required\" }}")
        harness.startController()
        _ = try await harness.releases.apply(release(version: "0.1.0"), fieldManager: "kubectl")
        let hr = try await harness.waitFor("Ready=False") { $0.ready?.status == .false }
        XCTAssertEqual(hr.ready?.reason, ReleaseReason.renderFailed)
        XCTAssertEqual(hr.status?.conditions?.first { $0.type == ConditionType.stalled }?.status, .true)
        XCTAssertTrue(hr.ready?.message.contains("the chart needs .Values.required") ?? false, hr.ready?.message ?? "")
        let awaited6 = try await harness.resource("", "v1", "configmaps", namespace: "default").getIfExists("demo-settings")
        XCTAssertNil(awaited6)
        let awaited7 = try await harness.resource("", "v1", "secrets", namespace: "default").getIfExists("sh.helm.release.v1.demo.v1")
        XCTAssertNil(awaited7)
    }

    func testAChangedValuesConfigMapMakesANewRevision() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        let configMaps = harness.resource("", "v1", "configmaps", namespace: "default")
        _ = try await configMaps.apply(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "common"], "data": ["values.yaml": "greeting: hi\n"]],
            fieldManager: "user")
        harness.startController()
        var object = release(version: "0.1.0")
        object[path: ["spec"]] = nil
        var spec = release(version: "0.1.0")["spec"]!.objectValue!
        spec["valuesFrom"] = [["kind": "ConfigMap", "name": "common"]]
        object = ["apiVersion": "helm.rudder.dev/v1", "kind": "HelmRelease", "metadata": ["name": "demo"], "spec": .object(spec)]
        _ = try await harness.releases.apply(object, fieldManager: "kubectl")
        _ = try await harness.waitFor("revision 1 ready") { $0.isReady && $0.status?.history?.first?.revision == 1 }
        let awaited8 = try await configMaps.get("demo-settings")[path: ["data", "greeting"]]
        XCTAssertEqual(awaited8, "hi")

        // Watched, not polled: the interval is 10 minutes, the change lands at once.
        _ = try await configMaps.apply(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "common"], "data": ["values.yaml": "greeting: salut\n"]],
            fieldManager: "user")
        _ = try await harness.waitFor("revision 2 ready") { $0.isReady && $0.status?.history?.first?.revision == 2 }
        let awaited9 = try await configMaps.get("demo-settings")[path: ["data", "greeting"]]
        XCTAssertEqual(awaited9, "salut")
    }
    /// A controller killed mid-upgrade leaves the revision `pending-upgrade`; the next one
    /// marks it failed and carries on, so nothing stays stuck.
    func testARevisionLeftPendingByAnInterruptedControllerIsRecovered() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release(version: "0.1.0"), fieldManager: "kubectl")
        _ = try await harness.waitFor("revision 1 ready") { $0.isReady && $0.status?.history?.first?.revision == 1 }
        harness.controller?.cancel()
        await harness.controller?.value

        // What a controller dying between recording and finishing revision 2 leaves behind:
        // its record, annotated with the HelmRelease it wrote it for.
        let uid = try await harness.releases.get("demo").metadataUID
        let store = ReleaseStore(client: harness.client, namespace: "default", writer: uid)
        var pending = try await store.get("demo", version: 1)
        pending.version = 2
        pending.info.status = .pendingUpgrade
        pending.info.description = "Preparing upgrade"
        try await store.create(pending)
        _ = try await harness.releases.apply(release(version: "0.1.0", values: ["greeting": "again"]), fieldManager: "kubectl")

        harness.startController()
        let hr = try await harness.waitFor("revision 3 ready") { $0.isReady && $0.status?.history?.first?.revision == 3 }
        XCTAssertEqual(hr.status?.history?.map(\.status), ["deployed", "failed", "superseded"])
        let settings = try await harness.resource("", "v1", "configmaps", namespace: "default").get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "again")
    }

    /// A Helm CLI run holds the release (its own `pending-upgrade` revision): the controller
    /// waits instead of racing it, says so, and carries on the moment Helm's record says
    /// the run is over (the record watch, not the ten-minute interval).
    func testAReleaseLockedByAHelmRunIsWaitedForAndFollowedUpWhenTheRunEnds() async throws {
        let harness = try await ReconcileHarness()
        addTeardownBlock { await harness.stop() }
        try await harness.publishChart(version: "0.1.0")
        harness.startController()
        _ = try await harness.releases.apply(release(version: "0.1.0"), fieldManager: "kubectl")
        _ = try await harness.waitFor("revision 1 ready") { $0.isReady && $0.status?.history?.first?.revision == 1 }

        // What `helm upgrade` has recorded while it applies and waits: no Rudder owner label.
        let store = ReleaseStore(client: harness.client, namespace: "default")
        var helmRun = try await store.get("demo", version: 1)
        helmRun.version = 2
        helmRun.labels = [:]
        helmRun.info.status = .pendingUpgrade
        helmRun.info.description = "Preparing upgrade"
        try await store.create(helmRun)
        _ = try await harness.releases.apply(release(version: "0.1.0", values: ["greeting": "after helm"]), fieldManager: "kubectl")
        let waiting = try await harness.waitFor("waiting for Helm's lock") { hr in
            hr.status?.conditions?.contains { $0.type == "Reconciling" && $0.reason == "ReleaseLocked" } ?? false
        }
        let message = waiting.status?.conditions?.first { $0.type == "Reconciling" }?.message ?? ""
        XCTAssertTrue(message.contains("Revision 2") && message.contains("pending-upgrade"), message)
        let during = try await store.history("demo")
        XCTAssertEqual(during.map(\.version), [1, 2], "nothing raced Helm's run")

        // Helm finishes its run.
        helmRun.info.status = .deployed
        helmRun.info.description = "Upgrade complete"
        try await store.update(helmRun)
        let hr = try await harness.waitFor("revision 3 ready", timeout: .seconds(20)) { $0.isReady && $0.status?.history?.first?.revision == 3 }
        XCTAssertEqual(hr.status?.history?.first?.status, "deployed")
        let settings = try await harness.resource("", "v1", "configmaps", namespace: "default").get("demo-settings")
        XCTAssertEqual(settings[path: ["data", "greeting"]], "after helm")
    }
}
