import Controller
import KubeClient
import KubeObjects
import XCTest

/// Waiting for a release's objects against the embedded server's workload simulator.
final class ReadinessWaiterTests: ApplyTestCase {
    private func apply(_ cluster: ApplyCluster, _ documents: [(path: String, yaml: String)]) async throws -> [AppliedObject] {
        try await cluster.applier().apply(try await cluster.objects(ManifestText.of(documents)), options: ApplyOptions(createNamespace: true))
    }

    private func waiter(_ cluster: ApplyCluster) -> ReadinessWaiter {
        ReadinessWaiter(client: cluster.client, mapper: cluster.mapper, pollInterval: .milliseconds(50))
    }

    static func job(_ name: String, simulate: String? = nil) -> String {
        """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: \(name)
        \(simulate.map { "  labels: {rudder.dev/simulate: \($0)}" } ?? "")
        spec:
          backoffLimit: 2
          template:
            spec:
              restartPolicy: Never
              containers: [{name: run, image: busybox}]
        """
    }

    func testADeploymentThatBecomesReadyEndsTheWait() async throws {
        let cluster = try await startCluster()
        let applied = try await apply(cluster, [("shop/templates/web.yaml", ManifestText.deployment("web", replicas: 2))])
        let result = try await waiter(cluster).wait(for: applied, timeout: .seconds(30))
        XCTAssertEqual(result, .ready)
    }

    func testStatefulSetsDaemonSetsAndJobsBecomeReady() async throws {
        let cluster = try await startCluster()
        let statefulSet = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 2
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: postgres}]}
            """
        let daemonSet = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: busybox}]}
            """
        let applied = try await apply(cluster, [
            ("shop/templates/db.yaml", statefulSet), ("shop/templates/agent.yaml", daemonSet),
            ("shop/templates/job.yaml", Self.job("migrate")),
        ])
        let result = try await waiter(cluster).wait(for: applied, timeout: .seconds(30))
        XCTAssertEqual(result, .ready)
    }

    func testANeverReadyDeploymentTimesOutNamingItAndWhy() async throws {
        let cluster = try await startCluster()
        let applied = try await apply(cluster, [
            ("shop/templates/stuck.yaml", ManifestText.deployment("stuck", labels: "rudder.dev/simulate: never-ready")),
            ("shop/templates/web.yaml", ManifestText.deployment("web")),
        ])
        let result = try await waiter(cluster).wait(for: applied, timeout: .seconds(2))
        guard case .timedOut(_, let pending) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(pending.map(\.object.name), ["stuck"])
        let message = result.description
        XCTAssertTrue(message.contains("Deployment \"stuck\" in namespace \"apps\" (shop/templates/stuck.yaml)"), message)
        XCTAssertTrue(message.contains("replicas are available"), message)
    }

    func testAFailingJobFailsTheWait() async throws {
        let cluster = try await startCluster()
        let applied = try await apply(cluster, [("shop/templates/job.yaml", Self.job("migrate", simulate: "fail"))])
        let result = try await waiter(cluster).wait(for: applied, timeout: .seconds(30))
        guard case .failed(let objects) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(objects.map(\.object.name), ["migrate"])
        XCTAssertTrue(result.description.contains("BackoffLimitExceeded"), result.description)
    }

    func testAnObjectThatIsGoneIsNotReady() async throws {
        let cluster = try await startCluster()
        let ghost = AppliedObject(
            kind: GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"), namespace: "apps", name: "ghost", uid: "",
            resourceVersion: "", source: "shop/templates/ghost.yaml")
        let result = try await waiter(cluster).wait(for: [ghost], timeout: .milliseconds(200))
        XCTAssertEqual(
            result,
            .timedOut(after: .milliseconds(200), pending: [NotReadyObject(object: ghost.identity, source: ghost.source, state: .inProgress("not found"))]))
    }

    func testRereadsStartSoonAndSlowDownToThePollInterval() async throws {
        let cluster = try await startCluster()
        let waiter = ReadinessWaiter(client: cluster.client, mapper: cluster.mapper, pollInterval: .seconds(1), firstRetry: .milliseconds(100))
        XCTAssertEqual(
            (1...7).map { waiter.retryDelay(beforeRound: $0) },
            [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1), .seconds(1)])
    }

    func testAFirstRetryLongerThanThePollIntervalIsThePollInterval() async throws {
        let cluster = try await startCluster()
        let waiter = ReadinessWaiter(client: cluster.client, mapper: cluster.mapper, pollInterval: .milliseconds(50), firstRetry: .seconds(2))
        XCTAssertEqual(waiter.retryDelay(beforeRound: 1), .milliseconds(50))
    }
}
