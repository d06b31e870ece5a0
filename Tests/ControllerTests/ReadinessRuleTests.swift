import Controller
import KubeObjects
import XCTest

/// Each readiness rule on objects as the API server returns them.
final class ReadinessRuleTests: XCTestCase {
    private func check(_ yaml: String) throws -> ReadinessState {
        ReadinessCheck.check(try JSONValue.parseYAML(yaml))
    }

    private func assertInProgress(_ state: ReadinessState, containing text: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .inProgress(let reason) = state else { return XCTFail("\(state)", file: file, line: line) }
        XCTAssertTrue(reason.contains(text), reason, file: file, line: line)
    }

    private func assertFailed(_ state: ReadinessState, containing text: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .failed(let reason) = state else { return XCTFail("\(state)", file: file, line: line) }
        XCTAssertTrue(reason.contains(text), reason, file: file, line: line)
    }

    // MARK: Deployment

    private func deployment(generation: Int = 1, status: String, spec: String = "replicas: 3") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, generation: \(generation)}
        spec: {\(spec)}
        status: \(status)
        """
    }

    func testADeploymentWithEveryReplicaUpdatedAndAvailableIsReady() throws {
        XCTAssertEqual(try check(deployment(status: "{observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3}")), .ready)
    }

    func testADeploymentWhoseGenerationIsNotObservedIsInProgress() throws {
        let state = try check(deployment(generation: 2, status: "{observedGeneration: 1, updatedReplicas: 3, availableReplicas: 3}"))
        assertInProgress(state, containing: "generation 2")
    }

    func testADeploymentWithOldReplicasLeftIsInProgress() throws {
        assertInProgress(
            try check(deployment(status: "{observedGeneration: 1, updatedReplicas: 2, availableReplicas: 3}")),
            containing: "2 out of 3 new replicas")
    }

    func testADeploymentMayLackMaxUnavailableReplicas() throws {
        // 4 replicas, 25% unavailable allowed: 3 available suffice, 2 do not.
        XCTAssertEqual(
            try check(deployment(status: "{observedGeneration: 1, updatedReplicas: 4, availableReplicas: 3}", spec: "replicas: 4")), .ready)
        assertInProgress(
            try check(deployment(status: "{observedGeneration: 1, updatedReplicas: 4, availableReplicas: 2}", spec: "replicas: 4")),
            containing: "2 of 4 updated replicas are available")
    }

    func testARecreateDeploymentNeedsEveryReplicaAvailable() throws {
        assertInProgress(
            try check(deployment(
                status: "{observedGeneration: 1, updatedReplicas: 4, availableReplicas: 3}", spec: "replicas: 4, strategy: {type: Recreate}")),
            containing: "3 of 4")
    }

    func testADeploymentPastItsProgressDeadlineHasFailed() throws {
        let status = """
            {observedGeneration: 1, updatedReplicas: 1, conditions: [{type: Progressing, status: "False",
             reason: ProgressDeadlineExceeded, message: 'ReplicaSet "web-1" has timed out progressing.'}]}
            """
        assertFailed(try check(deployment(status: status)), containing: "timed out progressing")
    }

    func testAPausedDeploymentIsNotWaitedFor() throws {
        XCTAssertEqual(try check(deployment(generation: 3, status: "{}", spec: "replicas: 3, paused: true")), .ready)
    }

    // MARK: StatefulSet

    private func statefulSet(spec: String, status: String) -> String {
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, generation: 1}\nspec: {\(spec)}\nstatus: \(status)"
    }

    func testAStatefulSetWithEveryPodReadyAtTheUpdateRevisionIsReady() throws {
        let status = "{observedGeneration: 1, replicas: 2, readyReplicas: 2, updatedReplicas: 2, currentRevision: db-1, updateRevision: db-1}"
        XCTAssertEqual(try check(statefulSet(spec: "replicas: 2", status: status)), .ready)
    }

    func testAStatefulSetMidRollingUpdateIsInProgress() throws {
        let status = "{observedGeneration: 1, replicas: 2, readyReplicas: 2, updatedReplicas: 2, currentRevision: db-1, updateRevision: db-2}"
        assertInProgress(try check(statefulSet(spec: "replicas: 2", status: status)), containing: "db-2")
    }

    func testAPartitionedStatefulSetWaitsOnlyForThePodsAboveThePartition() throws {
        let spec = "replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}"
        let status = "{observedGeneration: 1, replicas: 3, readyReplicas: 3, updatedReplicas: 1, currentRevision: db-1, updateRevision: db-2}"
        XCTAssertEqual(try check(statefulSet(spec: spec, status: status)), .ready)
    }

    func testAStatefulSetWithUnreadyPodsIsInProgress() throws {
        let status = "{observedGeneration: 1, replicas: 2, readyReplicas: 1, updatedReplicas: 2, currentRevision: db-1, updateRevision: db-1}"
        assertInProgress(try check(statefulSet(spec: "replicas: 2", status: status)), containing: "1 of 2 pods are ready")
    }

    func testAnOnDeleteStatefulSetIsNotWaitedFor() throws {
        XCTAssertEqual(try check(statefulSet(spec: "updateStrategy: {type: OnDelete}", status: "{observedGeneration: 1}")), .ready)
    }

    // MARK: DaemonSet and ReplicaSet

    private func daemonSet(_ status: String) -> String {
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, generation: 1}\nspec: {}\nstatus: \(status)"
    }

    func testADaemonSetWithEveryScheduledPodReadyIsReady() throws {
        let status = "{observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberReady: 2, numberAvailable: 2}"
        XCTAssertEqual(try check(daemonSet(status)), .ready)
    }

    func testADaemonSetWithUnreadyPodsIsInProgress() throws {
        let status = "{observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberReady: 1, numberAvailable: 1}"
        assertInProgress(try check(daemonSet(status)), containing: "1 of 2 scheduled pods are ready")
    }

    func testADaemonSetNotYetScheduledIsInProgress() throws {
        assertInProgress(try check(daemonSet("{observedGeneration: 1}")), containing: "no pods are scheduled")
    }

    func testAReplicaSetNeedsEveryPodReady() throws {
        let rs = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs, generation: 1}\nspec: {replicas: 2}\nstatus: "
        XCTAssertEqual(try check(rs + "{observedGeneration: 1, readyReplicas: 2}"), .ready)
        assertInProgress(try check(rs + "{observedGeneration: 1, readyReplicas: 1}"), containing: "1 of 2")
    }

    // MARK: Job and Pod

    private func job(_ status: String, spec: String = "") -> String {
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec: {\(spec)}\nstatus: \(status)"
    }

    func testACompleteJobIsReady() throws {
        XCTAssertEqual(try check(job("{succeeded: 1, conditions: [{type: Complete, status: 'True'}]}")), .ready)
    }

    func testAFailedJobHasFailedWithItsReason() throws {
        let status = "{failed: 3, conditions: [{type: Failed, status: 'True', reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}]}"
        assertFailed(try check(job(status)), containing: "BackoffLimitExceeded: Job has reached the specified backoff limit")
    }

    func testARunningJobIsInProgress() throws {
        assertInProgress(try check(job("{active: 1}", spec: "completions: 2")), containing: "0 of 2 completions")
    }

    func testAJobPastItsBackoffLimitHasFailedBeforeItsConditionSaysSo() throws {
        assertFailed(try check(job("{failed: 3}", spec: "backoffLimit: 2")), containing: "backoff limit of 2")
    }

    private func pod(_ status: String) -> String {
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\nstatus: \(status)"
    }

    func testAPodIsReadyByItsReadyCondition() throws {
        XCTAssertEqual(try check(pod("{phase: Running, conditions: [{type: Ready, status: 'True'}]}")), .ready)
        assertInProgress(
            try check(pod("{phase: Running, conditions: [{type: Ready, status: 'False'}], containerStatuses: [{name: app, state: {waiting: {reason: CrashLoopBackOff}}}]}")),
            containing: "container \"app\" is waiting: CrashLoopBackOff")
    }

    func testASucceededPodIsReadyAndAFailedOneHasFailed() throws {
        XCTAssertEqual(try check(pod("{phase: Succeeded}")), .ready)
        assertFailed(try check(pod("{phase: Failed, reason: Evicted}")), containing: "Evicted")
    }

    // MARK: Claims, services, definitions, API services

    func testAClaimIsReadyWhenBound() throws {
        let pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {}\nstatus: "
        XCTAssertEqual(try check(pvc + "{phase: Bound}"), .ready)
        assertInProgress(try check(pvc + "{phase: Pending}"), containing: "Pending")
    }

    func testALoadBalancerWaitsForAnAddressAndOtherServicesDoNot() throws {
        let service = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
        XCTAssertEqual(try check(service + "spec: {type: ClusterIP}"), .ready)
        assertInProgress(try check(service + "spec: {type: LoadBalancer}\nstatus: {loadBalancer: {}}"), containing: "load balancer")
        XCTAssertEqual(try check(service + "spec: {type: LoadBalancer}\nstatus: {loadBalancer: {ingress: [{ip: 10.0.0.1}]}}"), .ready)
        XCTAssertEqual(try check(service + "spec: {type: LoadBalancer, externalIPs: [192.0.2.1]}"), .ready)
    }

    func testADefinitionIsReadyWhenEstablished() throws {
        let crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {}\nstatus: "
        XCTAssertEqual(try check(crd + "{conditions: [{type: Established, status: 'True'}]}"), .ready)
        assertInProgress(try check(crd + "{conditions: [{type: Established, status: 'False'}]}"), containing: "Established")
        assertFailed(
            try check(crd + "{conditions: [{type: NamesAccepted, status: 'False', reason: ListKindConflict}]}"), containing: "ListKindConflict")
    }

    func testAnAPIServiceIsReadyWhenAvailable() throws {
        let api = "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: v1.metrics.k8s.io}\nspec: {}\nstatus: "
        XCTAssertEqual(try check(api + "{conditions: [{type: Available, status: 'True'}]}"), .ready)
        assertInProgress(
            try check(api + "{conditions: [{type: Available, status: 'False', reason: MissingEndpoints}]}"), containing: "MissingEndpoints")
    }

    // MARK: Anything else

    private func custom(_ status: String, generation: Int = 1) -> String {
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, generation: \(generation)}\nspec: {}\nstatus: \(status)"
    }

    func testACustomResourceFollowsItsReadyCondition() throws {
        XCTAssertEqual(try check(custom("{conditions: [{type: Ready, status: 'True'}]}")), .ready)
        assertInProgress(
            try check(custom("{conditions: [{type: Ready, status: 'False', reason: Provisioning, message: waiting for disk}]}")),
            containing: "Provisioning: waiting for disk")
    }

    func testACustomResourceWithOnlyAnAvailableConditionFollowsIt() throws {
        assertInProgress(try check(custom("{conditions: [{type: Available, status: 'False', reason: NoEndpoints}]}")), containing: "NoEndpoints")
    }

    func testAStalledCustomResourceHasFailed() throws {
        let status = "{conditions: [{type: Ready, status: 'False'}, {type: Stalled, status: 'True', reason: InvalidSpec, message: bad size}]}"
        assertFailed(try check(custom(status)), containing: "InvalidSpec: bad size")
    }

    func testACustomResourceWhoseControllerLagsIsInProgress() throws {
        assertInProgress(
            try check(custom("{observedGeneration: 1, conditions: [{type: Ready, status: 'True'}]}", generation: 2)), containing: "generation 2")
    }

    func testAnObjectWithoutStatusIsReady() throws {
        XCTAssertEqual(try check("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}"), .ready)
        XCTAssertEqual(try check(custom("{}")), .ready)
    }

    func testAnObjectBeingDeletedIsInProgress() throws {
        assertInProgress(
            try check("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, deletionTimestamp: '2026-01-01T00:00:00Z'}"), containing: "deleted")
    }
}
