import EmbeddedAPIServer
import KubeObjects
import XCTest

final class WorkloadSimulatorTests: XCTestCase {
    private static func isAvailable(_ d: JSONValue, _ replicas: Int64) -> Bool {
        d.hasCondition("Available", "True") && d.count("availableReplicas") == replicas
            && d.count("updatedReplicas") == replicas && d.count("replicas") == replicas
            && d[path: ["status", "observedGeneration"]] == d[path: ["metadata", "generation"]]
    }

    func testADeploymentBecomesAvailableWithAnOwnedReplicaSetAndOneRunningPodPerReplica() async throws {
        let sim = SimulatedCluster()
        let deployment = try await sim.create(.deployments, SimulatorWorkloads.deployment("web", replicas: 3))
        let ready = try await sim.waitFor(.deployments, "web", "available") { Self.isAvailable($0, 3) }
        await sim.stop()

        XCTAssertEqual(ready.count("readyReplicas"), 3)
        XCTAssertNil(ready[path: ["status", "unavailableReplicas"]])
        XCTAssertEqual(ready.condition("Available")?["reason"], "MinimumReplicasAvailable")
        XCTAssertEqual(ready.condition("Progressing")?["reason"], "NewReplicaSetAvailable")
        XCTAssertNotNil(ready.condition("Available")?["lastUpdateTime"])
        XCTAssertNotNil(ready.condition("Available")?["lastTransitionTime"])

        let replicaSets = try await sim.objects(.replicaSets)
        XCTAssertEqual(replicaSets.count, 1)
        let rs = try XCTUnwrap(replicaSets.first)
        let hash = try XCTUnwrap(rs[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue)
        XCTAssertEqual(hash.count, 10)
        XCTAssertEqual(rs.metadataName, "web-\(hash)")
        XCTAssertEqual(rs[path: ["spec", "selector", "matchLabels"]], ["app": "web", "pod-template-hash": .string(hash)])
        XCTAssertEqual(rs[path: ["spec", "template", "metadata", "labels", "pod-template-hash"]], .string(hash))
        XCTAssertEqual(rs[path: ["spec", "template", "spec"]], deployment[path: ["spec", "template", "spec"]])
        XCTAssertEqual(rs[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]], "1")
        XCTAssertEqual(
            rs[path: ["metadata", "ownerReferences"]],
            [[
                "apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                "uid": deployment[path: ["metadata", "uid"]]!, "controller": true, "blockOwnerDeletion": true,
            ]])
        XCTAssertEqual(rs.count("readyReplicas"), 3)
        XCTAssertEqual(rs.count("availableReplicas"), 3)
        XCTAssertEqual(rs.count("fullyLabeledReplicas"), 3)

        let pods = try await sim.objects(.pods)
        XCTAssertEqual(pods.count, 3)
        for pod in pods {
            XCTAssertEqual(pod.controllerUID, rs[path: ["metadata", "uid"]]?.stringValue)
            let name = try XCTUnwrap(pod.metadataName)
            XCTAssertTrue(name.hasPrefix("web-\(hash)-"), name)
            XCTAssertEqual(name.count, "web-\(hash)-".count + 5)
            XCTAssertTrue(name.suffix(5).allSatisfy { $0.isLowercase || $0.isNumber }, name)
            XCTAssertEqual(pod[path: ["status", "phase"]], "Running")
            XCTAssertTrue(pod.hasCondition("Ready", "True"))
            XCTAssertNotNil(pod[path: ["status", "podIP"]]?.stringValue)
            XCTAssertEqual(pod[path: ["metadata", "labels", "pod-template-hash"]], .string(hash))
        }
    }

    func testObjectsCreatedBeforeTheSimulatorStartsAreMadeReady() async throws {
        let sim = SimulatedCluster(start: false)
        try await sim.create(.deployments, SimulatorWorkloads.deployment("early", replicas: 2))
        let runner = sim.startLater()
        try await sim.waitFor(.deployments, "early", "available") { Self.isAvailable($0, 2) }
        await sim.simulator.stop()
        await runner.value
        let pods = try await sim.objects(.pods)
        XCTAssertEqual(pods.count, 2)
    }

    func testThePodCountFollowsTheDeploymentsReplicas() async throws {
        let sim = SimulatedCluster()
        try await sim.create(.deployments, SimulatorWorkloads.deployment("web", replicas: 2))
        try await sim.waitFor(.deployments, "web", "2 available") { Self.isAvailable($0, 2) }

        try await sim.update(.deployments, "web") { $0[path: ["spec", "replicas"]] = 4 }
        try await sim.waitFor(.deployments, "web", "4 available") { Self.isAvailable($0, 4) }
        let scaledUp = try await sim.objects(.pods)
        XCTAssertEqual(scaledUp.count, 4)

        try await sim.update(.deployments, "web") { $0[path: ["spec", "replicas"]] = 1 }
        try await sim.waitFor(.deployments, "web", "1 available") { Self.isAvailable($0, 1) }
        await sim.stop()
        let scaledDown = try await sim.objects(.pods)
        XCTAssertEqual(scaledDown.count, 1)
        let rs = try await sim.objects(.replicaSets)
        XCTAssertEqual(rs.map { $0[path: ["spec", "replicas"]] }, [1])
    }

    func testAChangedPodTemplateGetsANewReplicaSetAndTheOldOneIsScaledToZero() async throws {
        let sim = SimulatedCluster()
        try await sim.create(.deployments, SimulatorWorkloads.deployment("web", replicas: 2, image: "nginx:1"))
        try await sim.waitFor(.deployments, "web", "available") { Self.isAvailable($0, 2) }
        let firstReplicaSets = try await sim.objects(.replicaSets)
        let first = try XCTUnwrap(firstReplicaSets.first)

        try await sim.update(.deployments, "web") {
            $0[path: ["spec", "template", "spec", "containers"]] = [["name": "web", "image": "nginx:2"]]
        }
        let rolled = try await sim.waitFor(.deployments, "web", "rolled out") {
            Self.isAvailable($0, 2) && $0[path: ["metadata", "generation"]] == 2
                && $0.condition("Progressing")?["reason"] == "NewReplicaSetAvailable"
        }
        await sim.stop()

        XCTAssertEqual(rolled[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]], "2")
        let replicaSets = Dictionary(uniqueKeysWithValues: try await sim.objects(.replicaSets).map { ($0.metadataName!, $0) })
        XCTAssertEqual(replicaSets.count, 2)
        let old = try XCTUnwrap(replicaSets[first.metadataName!])
        XCTAssertEqual(old[path: ["spec", "replicas"]], 0)
        XCTAssertEqual(old.count("replicas"), 0)
        let new = try XCTUnwrap(replicaSets.values.first { $0.metadataName != first.metadataName })
        XCTAssertEqual(new[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]], "2")
        XCTAssertEqual(new[path: ["spec", "template", "spec", "containers"]], [["name": "web", "image": "nginx:2"]])
        let pods = try await sim.objects(.pods)
        XCTAssertEqual(pods.count, 2)
        XCTAssertTrue(pods.allSatisfy { $0.controllerUID == new[path: ["metadata", "uid"]]?.stringValue })
    }

    func testADeploymentLabelledNeverReadyReportsItsReplicasButNoneReadyOrAvailable() async throws {
        let sim = SimulatedCluster(.init(readinessDelay: .zero))
        try await sim.create(
            .deployments, SimulatorWorkloads.deployment("stuck", replicas: 2, labels: ["rudder.dev/simulate": "never-ready"]))
        // Pods start at once (no delay), so once both run the status is as good as it gets.
        try await sim.waitFor(.pods, "2 running pods") { pods in
            pods.count == 2 && pods.values.allSatisfy { $0[path: ["status", "phase"]] == "Running" }
        }
        let stuck = try await sim.waitFor(.deployments, "stuck", "status of 2 running pods") {
            $0.count("replicas") == 2 && $0[path: ["status", "observedGeneration"]] == 1
        }
        await sim.stop()
        XCTAssertEqual(stuck.count("readyReplicas"), 0)
        XCTAssertEqual(stuck.count("availableReplicas"), 0)
        XCTAssertEqual(stuck.condition("Available")?["status"], "False")
        XCTAssertEqual(stuck.condition("Available")?["reason"], "MinimumReplicasUnavailable")
        let pods = try await sim.objects(.pods)
        XCTAssertTrue(pods.allSatisfy { $0.hasCondition("Ready", "False") })
    }

    func testTheNeverReadyLabelKeyAndValueAreConfigurable() async throws {
        let sim = SimulatedCluster(.init(readinessDelay: .zero, labelKey: "example.com/fate", neverReadyValue: "hang"))
        try await sim.create(.statefulSets, SimulatorWorkloads.statefulSet("db", replicas: 2))
        var hanging = SimulatorWorkloads.statefulSet("hung", replicas: 2)
        hanging[path: ["metadata", "labels"]] = ["example.com/fate": "hang"]
        try await sim.create(.statefulSets, hanging)
        let sets = try await sim.waitFor(.statefulSets, "both observed") { sets in
            sets.values.filter { $0[path: ["status", "observedGeneration"]] == 1 }.count == 2
        }
        await sim.stop()
        XCTAssertEqual(sets["db"]?.count("readyReplicas"), 2)
        XCTAssertEqual(sets["hung"]?.count("readyReplicas"), 0)
        XCTAssertEqual(sets["hung"]?.count("availableReplicas"), 0)
    }

    func testAReplicaSetOfNoDeploymentGetsItsPodsAndReadyStatus() async throws {
        let sim = SimulatedCluster()
        var replicaSet = SimulatorWorkloads.deployment("standalone", replicas: 2)
        replicaSet["kind"] = "ReplicaSet"
        try await sim.create(.replicaSets, replicaSet)
        let ready = try await sim.waitFor(.replicaSets, "standalone", "ready") { $0.count("availableReplicas") == 2 }
        await sim.stop()
        XCTAssertEqual(ready.count("replicas"), 2)
        XCTAssertEqual(ready.count("readyReplicas"), 2)
        XCTAssertEqual(ready[path: ["status", "observedGeneration"]], 1)
        let pods = try await sim.objects(.pods)
        XCTAssertEqual(pods.count, 2)
        XCTAssertTrue(pods.allSatisfy { $0.controllerUID == ready[path: ["metadata", "uid"]]?.stringValue })
    }

    func testAJobCompletesWithItsCompletionsSucceeded() async throws {
        let sim = SimulatedCluster()
        try await sim.create(.jobs, SimulatorWorkloads.job("migrate", completions: 3))
        let job = try await sim.waitFor(.jobs, "migrate", "complete") { $0.hasCondition("Complete", "True") }
        await sim.stop()
        XCTAssertEqual(job.count("succeeded"), 3)
        XCTAssertNil(job[path: ["status", "active"]])
        XCTAssertTrue(job.hasCondition("SuccessCriteriaMet", "True"))
        XCTAssertEqual(job.condition("Complete")?["reason"], "CompletionsReached")
        XCTAssertNotNil(job[path: ["status", "startTime"]]?.stringValue)
        XCTAssertNotNil(job[path: ["status", "completionTime"]]?.stringValue)
    }

    func testAJobLabelledFailFailsWithBackoffLimitExceeded() async throws {
        let sim = SimulatedCluster()
        try await sim.create(.jobs, SimulatorWorkloads.job("hook", labels: ["rudder.dev/simulate": "fail"]))
        let job = try await sim.waitFor(.jobs, "hook", "failed") { $0.hasCondition("Failed", "True") }
        await sim.stop()
        XCTAssertEqual(job.condition("Failed")?["reason"], "BackoffLimitExceeded")
        XCTAssertEqual(job.count("failed"), 7, "backoffLimit defaults to 6: the seventh failure ends the Job")
        XCTAssertNil(job.condition("Complete"))
        XCTAssertNil(job[path: ["status", "completionTime"]])
    }

    func testAJobLabelledNeverReadyStaysActive() async throws {
        let sim = SimulatedCluster(.init(readinessDelay: .zero))
        try await sim.create(.jobs, SimulatorWorkloads.job("forever", labels: ["rudder.dev/simulate": "never-ready"]))
        let job = try await sim.waitFor(.jobs, "forever", "started") { $0[path: ["status", "startTime"]] != nil }
        await sim.stop()
        XCTAssertEqual(job.count("active"), 1)
        XCTAssertNil(job[path: ["status", "conditions"]])
    }

    func testAStatefulSetReportsEveryReplicaReadyAndOneRevision() async throws {
        let sim = SimulatedCluster()
        try await sim.create(.statefulSets, SimulatorWorkloads.statefulSet("db", replicas: 3))
        let set = try await sim.waitFor(.statefulSets, "db", "ready") { $0.count("readyReplicas") == 3 }
        await sim.stop()
        for field in ["replicas", "currentReplicas", "updatedReplicas", "availableReplicas"] {
            XCTAssertEqual(set.count(field), 3, field)
        }
        XCTAssertEqual(set[path: ["status", "observedGeneration"]], 1)
        let revision = try XCTUnwrap(set[path: ["status", "updateRevision"]]?.stringValue)
        XCTAssertTrue(revision.hasPrefix("db-"))
        XCTAssertEqual(set[path: ["status", "currentRevision"]]?.stringValue, revision)
    }

    func testADaemonSetReportsItsOneNodeScheduledAndReady() async throws {
        let sim = SimulatedCluster()
        try await sim.create(.daemonSets, SimulatorWorkloads.daemonSet("agent"))
        let set = try await sim.waitFor(.daemonSets, "agent", "ready") { $0.count("numberReady") == 1 }
        await sim.stop()
        for field in ["desiredNumberScheduled", "currentNumberScheduled", "numberAvailable", "updatedNumberScheduled"] {
            XCTAssertEqual(set.count(field), 1, field)
        }
        XCTAssertEqual(set[path: ["status", "observedGeneration"]], 1)
        XCTAssertNil(set[path: ["status", "numberUnavailable"]])
    }

    func testStatusWritesLeaveGenerationAlone() async throws {
        let sim = SimulatedCluster(.init(readinessDelay: .zero))
        try await sim.create(.deployments, SimulatorWorkloads.deployment("web", replicas: 2))
        try await sim.create(.jobs, SimulatorWorkloads.job("job"))
        try await sim.create(.statefulSets, SimulatorWorkloads.statefulSet("db", replicas: 1))
        let deployment = try await sim.waitFor(.deployments, "web", "available") { Self.isAvailable($0, 2) }
        let job = try await sim.waitFor(.jobs, "job", "complete") { $0.hasCondition("Complete", "True") }
        let set = try await sim.waitFor(.statefulSets, "db", "ready") { $0.count("readyReplicas") == 1 }
        await sim.stop()
        XCTAssertEqual(deployment[path: ["metadata", "generation"]], 1)
        XCTAssertEqual(job[path: ["metadata", "generation"]], 1)
        XCTAssertEqual(set[path: ["metadata", "generation"]], 1)
        let replicaSets = try await sim.objects(.replicaSets)
        XCTAssertEqual(replicaSets.map { $0[path: ["metadata", "generation"]] }, [1])
    }

    func testAPodDeletedBySomeoneElseIsReplaced() async throws {
        let sim = SimulatedCluster(.init(readinessDelay: .zero))
        try await sim.create(.deployments, SimulatorWorkloads.deployment("web", replicas: 2))
        let before = try await sim.waitFor(.pods, "2 ready pods") { pods in
            pods.count == 2 && pods.values.allSatisfy { $0.hasCondition("Ready", "True") }
        }
        let victim = try XCTUnwrap(before.keys.sorted().first)
        try await sim.delete(.pods, victim)
        let after = try await sim.waitFor(.pods, "a replacement") { pods in
            pods.count == 2 && pods[victim] == nil && pods.values.allSatisfy { $0.hasCondition("Ready", "True") }
        }
        await sim.stop()
        XCTAssertEqual(Set(after.keys).intersection(before.keys).count, 1)
    }

    func testAReplicaSetWhoseDeploymentIsGoneGetsNoPods() async throws {
        let sim = SimulatedCluster(.init(readinessDelay: .zero), start: false)
        // An orphan the garbage collector has yet to remove: its owner's uid names nothing.
        var orphan = SimulatorWorkloads.deployment("gone-abc")
        orphan["kind"] = "ReplicaSet"
        orphan[path: ["metadata", "ownerReferences"]] = [[
            "apiVersion": "apps/v1", "kind": "Deployment", "name": "gone", "uid": "no-such-uid", "controller": true,
        ]]
        try await sim.create(.replicaSets, orphan)
        let runner = sim.startLater()
        // Work is done in order: the orphan, listed when the simulator starts, is
        // reconciled before the ReplicaSet of a Deployment created afterwards.
        try await sim.create(.deployments, SimulatorWorkloads.deployment("marker"))
        try await sim.waitFor(.deployments, "marker", "available") { Self.isAvailable($0, 1) }
        await sim.simulator.stop()
        await runner.value
        let pods = try await sim.objects(.pods)
        XCTAssertEqual(pods.count, 1)
        XCTAssertTrue(pods.allSatisfy { $0.metadataName!.hasPrefix("marker-") })
        let orphanNow = try await sim.cluster.get(.replicaSets, ObjectKey(namespace: "ns", name: "gone-abc"))
        XCTAssertNil(orphanNow?["status"])
    }

    func testOnlyTheConfiguredKindsAreSimulated() async throws {
        let sim = SimulatedCluster(.init(readinessDelay: .zero, kinds: [.jobs]))
        try await sim.create(.deployments, SimulatorWorkloads.deployment("web"))
        try await sim.create(.jobs, SimulatorWorkloads.job("job"))
        try await sim.waitFor(.jobs, "job", "complete") { $0.hasCondition("Complete", "True") }
        // With Deployments not simulated, nothing watches them: no ReplicaSet, no status.
        await sim.stop()
        let replicaSets = try await sim.objects(.replicaSets)
        XCTAssertTrue(replicaSets.isEmpty)
        let deployment = try await sim.cluster.get(.deployments, ObjectKey(namespace: "ns", name: "web"))
        XCTAssertNil(deployment?["status"])
    }

    func testTheSimulatorWatchesAgainAfterTheServerDropsItsWatches() async throws {
        let sim = SimulatedCluster(.init(readinessDelay: .zero))
        try await sim.create(.jobs, SimulatorWorkloads.job("before"))
        try await sim.waitFor(.jobs, "before", "complete") { $0.hasCondition("Complete", "True") }
        await sim.store.dropAllWatches()
        try await sim.create(.jobs, SimulatorWorkloads.job("after"))
        let job = try await sim.waitFor(.jobs, "after", "complete") { $0.hasCondition("Complete", "True") }
        await sim.stop()
        XCTAssertEqual(job.count("succeeded"), 1)
    }

    func testStartReturnsOnceStopped() async throws {
        let sim = SimulatedCluster()
        try await sim.create(.jobs, SimulatorWorkloads.job("job"))
        try await sim.waitFor(.jobs, "job", "complete") { $0.hasCondition("Complete", "True") }
        let stopped = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                await sim.stop()
                return true
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                return false
            }
            let first = try await group.next()!
            group.cancelAll()
            return first
        }
        XCTAssertTrue(stopped, "start() must return after stop()")
    }
}

private extension JSONValue {
    func count(_ field: String) -> Int64 { self[path: ["status", field]]?.intValue ?? 0 }

    func condition(_ type: String) -> JSONValue? {
        self[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    func hasCondition(_ type: String, _ status: String) -> Bool {
        condition(type)?["status"]?.stringValue == status
    }

    var controllerUID: String? {
        self[path: ["metadata", "ownerReferences"]]?.arrayValue?.first { $0["controller"]?.boolValue == true }?["uid"]?
            .stringValue
    }
}
