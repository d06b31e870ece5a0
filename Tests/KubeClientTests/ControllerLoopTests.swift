import EmbeddedAPIServer
import KubeClient
import KubeObjects
import XCTest

/// The controller loop against the embedded server over HTTP: workers in parallel but
/// never two on one key, `requeue(after:)`, retries with per-key backoff, owner and
/// mapper triggers, and a shutdown that lets a running reconcile finish.
final class ControllerLoopTests: TransportTestCase {
    static let configMapKind = GroupVersionKind(group: "", version: "v1", kind: "ConfigMap")

    /// What reconciles did, for the assertions.
    actor Tracker {
        private(set) var calls: [ObjectRef: Int] = [:]
        private(set) var inFlight: Set<ObjectRef> = []
        private(set) var overlaps = 0
        private(set) var maxConcurrent = 0
        private(set) var lastSeen: [ObjectRef: String] = [:]
        private(set) var notes: [String] = []

        /// Returns the call number (1 for the first).
        func enter(_ key: ObjectRef) -> Int {
            if inFlight.contains(key) { overlaps += 1 }
            inFlight.insert(key)
            maxConcurrent = max(maxConcurrent, inFlight.count)
            calls[key, default: 0] += 1
            return calls[key]!
        }
        func exit(_ key: ObjectRef) { inFlight.remove(key) }
        func saw(_ key: ObjectRef, _ value: String) { lastSeen[key] = value }
        func note(_ s: String) { notes.append(s) }
        func count(_ name: String) -> Int { calls[ObjectRef(namespace: "default", name: name)] ?? 0 }
        func value(_ name: String) -> String? { lastSeen[ObjectRef(namespace: "default", name: name)] }
        var reconciledNames: Set<String> { Set(calls.keys.map(\.name)) }
    }

    /// A one-way signal a reconcile can wait on.
    actor Latch {
        private(set) var isOpen = false
        func open() { isOpen = true }
    }

    private func resource(_ server: TestCluster, _ plural: String) throws -> ResourceClient {
        let client = try APIClient(configuration: server.configuration())
        return ResourceClient(client: client, resource: GroupVersionResource(group: "", version: "v1", resource: plural), namespace: "default")
    }

    private func reflector(_ client: ResourceClient) -> Reflector {
        Reflector(quickWatcher(ResourceListWatch(client)))
    }

    /// Runs `controller` until the test ends (or the returned task is cancelled).
    @discardableResult
    private func start(_ controller: ControllerLoop) -> Task<Void, Never> {
        let task = Task { await controller.run() }
        addTeardownBlock { task.cancel() }
        return task
    }

    private func createSecret(_ server: TestCluster, _ name: String, metadata: [String: JSONValue] = [:], value: String = "1") async throws {
        let rules = await server.server.cluster.rules(group: "", version: "v1", plural: "secrets")!
        var meta = metadata
        meta["name"] = .string(name)
        _ = try await server.server.cluster.create(
            rules, namespace: "default", object: ["apiVersion": "v1", "kind": "Secret", "metadata": .object(meta), "stringData": ["v": .string(value)]],
            options: WriteOptions())
    }

    private func updateSecret(_ server: TestCluster, _ name: String, value: String) async throws {
        let rules = await server.server.cluster.rules(group: "", version: "v1", plural: "secrets")!
        let body = Array(#"{"data":{"v":"\#(Array(value.utf8).base64)"}}"#.utf8)
        _ = try await server.server.cluster.patch(rules, namespace: "default", name: name, subresource: nil, type: .merge, body: body, options: WriteOptions())
    }

    private func ownerReference(_ owner: JSONValue, kind: String = "ConfigMap", controller: Bool = true) -> JSONValue {
        ["apiVersion": "v1", "kind": .string(kind), "name": .string(owner.metadataName ?? ""), "uid": .string(owner.metadataUID ?? ""),
         "controller": .bool(controller)]
    }

    // MARK: Workers and the queue

    func testWorkersReconcileDistinctKeysInParallelButNeverOneKeyTwiceAtOnce() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        for i in 0..<6 { try await writer.put("cm\(i)", "0") }
        let primary = reflector(try resource(server, "configmaps"))
        let tracker = Tracker()
        let controller = ControllerLoop(primary: primary, kind: Self.configMapKind, workers: 4) { key in
            _ = await tracker.enter(key)
            await tracker.saw(key, await primary.cache.get(key)?[path: ["data", "v"]]?.stringValue ?? "")
            // Hold on until another reconcile runs beside this one (serial workers never
            // get there and fail below, after the deadline).
            let deadline = ContinuousClock.now + .seconds(5)
            while await tracker.maxConcurrent < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
            try await Task.sleep(for: .milliseconds(5))
            await tracker.exit(key)
            return .done
        }
        start(controller)
        let all = await eventually { await tracker.reconciledNames.count == 6 }
        XCTAssertTrue(all)
        // A burst of changes to one key while it is being worked on.
        for i in 1...30 { try await writer.put("cm0", "v\(i)") }
        let latest = await eventually { await tracker.value("cm0") == "v30" }
        XCTAssertTrue(latest, "a key changed while in flight is reconciled again afterwards, with the newest object")
        let overlaps = await tracker.overlaps
        XCTAssertEqual(overlaps, 0, "the same key never runs twice at once")
        let concurrent = await tracker.maxConcurrent
        XCTAssertGreaterThanOrEqual(concurrent, 2, "workers run distinct keys at the same time")
    }

    func testRequeueAfterReconcilesAgainWithoutAnyChange() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        try await writer.put("poll", "0")
        let tracker = Tracker()
        let controller = ControllerLoop(primary: reflector(try resource(server, "configmaps")), kind: Self.configMapKind) { key in
            let n = await tracker.enter(key)
            await tracker.exit(key)
            return n < 3 ? .requeue(after: .milliseconds(30)) : .done
        }
        start(controller)
        let thrice = await eventually { await tracker.count("poll") == 3 }
        XCTAssertTrue(thrice, "two requeues, then done")
    }

    func testAPrimaryPredicateLetsOnlyChangesOfItsFingerprintThrough() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        try await writer.put("watched", "0", metadata: ["labels": ["tier": "a"]])
        let tracker = Tracker()
        var controller = ControllerLoop(primary: reflector(try resource(server, "configmaps")), kind: Self.configMapKind) { key in
            _ = await tracker.enter(key)
            await tracker.exit(key)
            return .done
        }
        // Labels stand in for a generation: data changes (like status writes) do not count.
        controller.primaryPredicate = ChangePredicate { [$0["metadata"]?["labels"] ?? .null] }
        start(controller)
        let first = await eventually { await tracker.count("watched") == 1 }
        XCTAssertTrue(first, "an object seen for the first time passes")
        for i in 1...5 { try await writer.put("watched", "v\(i)", metadata: ["labels": ["tier": "a"]]) }
        try await writer.put("watched", "v6", metadata: ["labels": ["tier": "b"]])
        let relabelled = await eventually { await tracker.count("watched") == 2 }
        XCTAssertTrue(relabelled, "the label change passes")
        try await writer.put("sentinel", "0")
        let sentinel = await eventually { await tracker.count("sentinel") == 1 }
        XCTAssertTrue(sentinel)
        let count = await tracker.count("watched")
        XCTAssertEqual(count, 2, "the five data-only changes queued nothing")
        try await writer.delete("watched")
        let deleted = await eventually { await tracker.count("watched") == 3 }
        XCTAssertTrue(deleted, "a deletion always passes")
    }

    func testAFailingReconcileIsRetriedWithGrowingBackoffThatASuccessResets() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        try await writer.put("flaky", "0")
        let tracker = Tracker()
        let queue = WorkQueue<ObjectRef>()
        struct Flake: Error {}
        var controller = ControllerLoop(primary: reflector(try resource(server, "configmaps")), kind: Self.configMapKind, queue: queue) { key in
            let n = await tracker.enter(key)
            await tracker.note("retries=\(await queue.retries(key))")
            await tracker.exit(key)
            if n <= 3 { throw Flake() }
            return .done
        }
        controller.onError = { key, error in await tracker.note("error \(key) \(error is Flake)") }
        start(controller)
        let recovered = await eventually { await tracker.count("flaky") == 4 }
        XCTAssertTrue(recovered)
        let notes = await tracker.notes
        XCTAssertEqual(
            notes,
            ["retries=0", "error default/flaky true", "retries=1", "error default/flaky true", "retries=2", "error default/flaky true", "retries=3"],
            "each failure is reported and counted toward the key's backoff")
        let forgotten = await eventually { await queue.retries(ObjectRef(namespace: "default", name: "flaky")) == 0 }
        XCTAssertTrue(forgotten, "a success resets the key's backoff")
    }

    // MARK: Triggers

    func testAChangeOfAnOwnedObjectReconcilesItsControllerOwner() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        let owner = try await writer.put("parent", "0")
        try await createSecret(server, "child", metadata: ["ownerReferences": [ownerReference(owner)]])
        let tracker = Tracker()
        let controller = ControllerLoop(primary: reflector(try resource(server, "configmaps")), kind: Self.configMapKind) { key in
            _ = await tracker.enter(key)
            await tracker.exit(key)
            return .done
        }.owns(reflector(try resource(server, "secrets")))
        start(controller)
        let initial = await eventually { await tracker.count("parent") >= 1 }
        XCTAssertTrue(initial)
        // The owner's key, never the child's, and again for every change of the child.
        let before = await tracker.count("parent")
        try await updateSecret(server, "child", value: "2")
        let afterUpdate = await eventually { await tracker.count("parent") > before }
        XCTAssertTrue(afterUpdate, "an update of the child reconciles its owner")
        let beforeDelete = await tracker.count("parent")
        let secrets = await server.server.cluster.rules(group: "", version: "v1", plural: "secrets")!
        _ = try await server.server.cluster.delete(secrets, namespace: "default", name: "child", options: DeleteOptions())
        let afterDelete = await eventually { await tracker.count("parent") > beforeDelete }
        XCTAssertTrue(afterDelete, "a deletion of the child reconciles its owner")
        let names = await tracker.reconciledNames
        XCTAssertEqual(names, ["parent"])
    }

    func testOnlyAControllerReferenceToThePrimaryKindMapsToAnOwner() {
        let child: JSONValue = [
            "metadata": [
                "name": "c", "namespace": "ns",
                "ownerReferences": [
                    ["apiVersion": "v1", "kind": "ConfigMap", "name": "not-controller", "uid": "1", "controller": false],
                    ["apiVersion": "apps/v1", "kind": "ConfigMap", "name": "other-group", "uid": "2", "controller": true],
                    ["apiVersion": "v1", "kind": "Secret", "name": "other-kind", "uid": "3", "controller": true],
                    ["apiVersion": "v1", "kind": "ConfigMap", "name": "the-owner", "uid": "4", "controller": true],
                ],
            ],
        ]
        XCTAssertEqual(ObjectRef.controllerOwner(of: child, kind: Self.configMapKind), ObjectRef(namespace: "ns", name: "the-owner"))
        XCTAssertEqual(
            ObjectRef.controllerOwner(of: child, kind: Self.configMapKind, ownerNamespaced: false), ObjectRef(name: "the-owner"),
            "a cluster-scoped owner has no namespace")
        let release = GroupVersionKind(group: "helm.rudder.dev", version: "v1", kind: "HelmRelease")
        let deployment: JSONValue = [
            "metadata": ["name": "d", "namespace": "ns",
                         "ownerReferences": [["apiVersion": "helm.rudder.dev/v2beta1", "kind": "HelmRelease", "name": "r", "controller": true]]],
        ]
        XCTAssertEqual(ObjectRef.controllerOwner(of: deployment, kind: release), ObjectRef(namespace: "ns", name: "r"), "any version of the group")
        XCTAssertNil(ObjectRef.controllerOwner(of: ["metadata": ["name": "orphan"]], kind: release))
    }

    func testARelatedObjectReconcilesTheKeysItsMapperNames() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        try await writer.put("a", "0")
        try await writer.put("b", "0")
        try await createSecret(server, "values", metadata: ["annotations": ["used-by": "a,b"]])
        let tracker = Tracker()
        let controller = ControllerLoop(primary: reflector(try resource(server, "configmaps")), kind: Self.configMapKind) { key in
            _ = await tracker.enter(key)
            await tracker.exit(key)
            return .done
        }.watches(reflector(try resource(server, "secrets"))) { secret in
            let users = secret[path: ["metadata", "annotations", "used-by"]]?.stringValue ?? ""
            return users.split(separator: ",").map { ObjectRef(namespace: secret.metadataNamespace ?? "", name: String($0)) }
        }
        start(controller)
        let initial = await eventually {
            let (a, b) = (await tracker.count("a"), await tracker.count("b"))
            return a >= 1 && b >= 1
        }
        XCTAssertTrue(initial)
        let (a, b) = (await tracker.count("a"), await tracker.count("b"))
        try await updateSecret(server, "values", value: "2")
        let both = await eventually {
            let (newA, newB) = (await tracker.count("a"), await tracker.count("b"))
            return newA > a && newB > b
        }
        XCTAssertTrue(both, "one change of the related object reconciles every key it maps to")
    }

    // MARK: Shutdown

    func testCancellingRunLetsARunningReconcileFinishAndStartsNoOther() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        try await writer.put("slow", "0")
        let tracker = Tracker()
        let release = Latch()
        let queue = WorkQueue<ObjectRef>()
        let controller = ControllerLoop(primary: reflector(try resource(server, "configmaps")), kind: Self.configMapKind, queue: queue) { key in
            _ = await tracker.enter(key)
            while await !release.isOpen { try await Task.sleep(for: .milliseconds(5)) }
            await tracker.note("finished \(key.name) cancelled=\(Task.isCancelled)")
            await tracker.exit(key)
            return .done
        }
        let run = start(controller)
        let busy = await eventually { await tracker.count("slow") == 1 }
        XCTAssertTrue(busy)
        // Waiting behind the busy single worker when the shutdown comes.
        await queue.add(ObjectRef(namespace: "default", name: "waiting"))
        run.cancel()
        let stopped = await eventually { await queue.isShutDown }
        XCTAssertTrue(stopped, "cancelling run shuts the queue")
        await release.open()
        await run.value
        let notes = await tracker.notes
        XCTAssertEqual(notes, ["finished slow cancelled=false"], "the running reconcile finished, undisturbed")
        let names = await tracker.reconciledNames
        XCTAssertEqual(names, ["slow"], "nothing new starts after shutdown")
    }

    func testAReconcileOutlastingTheGracePeriodIsCancelled() async throws {
        let server = try await startCluster()
        let writer = await ConfigMapWriter(server)
        try await writer.put("stuck", "0")
        let tracker = Tracker()
        var controller = ControllerLoop(primary: reflector(try resource(server, "configmaps")), kind: Self.configMapKind) { key in
            _ = await tracker.enter(key)
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                await tracker.note("cancelled")
                throw error
            }
            return .done
        }
        controller.shutdownGracePeriod = .milliseconds(50)
        let run = start(controller)
        let busy = await eventually { await tracker.count("stuck") == 1 }
        XCTAssertTrue(busy)
        run.cancel()
        await run.value
        let notes = await tracker.notes
        XCTAssertEqual(notes, ["cancelled"])
    }
}

extension Array where Element == UInt8 {
    fileprivate var base64: String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < count {
            let n = Swift.min(3, count - i)
            var chunk = UInt32(self[i]) << 16
            if n > 1 { chunk |= UInt32(self[i + 1]) << 8 }
            if n > 2 { chunk |= UInt32(self[i + 2]) }
            out.append(table[Int(chunk >> 18 & 63)])
            out.append(table[Int(chunk >> 12 & 63)])
            out.append(n > 1 ? table[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
            out.append(n > 2 ? table[Int(chunk & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
