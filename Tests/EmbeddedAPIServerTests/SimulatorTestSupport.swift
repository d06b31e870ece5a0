import EmbeddedAPIServer
import KubeObjects
import XCTest

struct SimulatorWaitTimedOut: Error, CustomStringConvertible {
    var what: String
    var last: [String: JSONValue]
    var description: String { "timed out waiting for \(what); last seen: \(last.mapValues { $0.serialized() })" }
}

/// A store with a simulator running over it, and the means to wait for what the
/// simulator writes by watching the store (never by sleeping).
final class SimulatedCluster: Sendable {
    let server = Cluster()
    var store: ObjectStore { server.store }
    let cluster: ClusterSimulatorCluster
    let simulator: WorkloadSimulator
    private let runner: Task<Void, Never>

    init(_ configuration: WorkloadSimulator.Configuration = .init(readinessDelay: .milliseconds(50)), start: Bool = true) {
        cluster = ClusterSimulatorCluster(cluster: server)
        let simulator = WorkloadSimulator(cluster: cluster, configuration: configuration)
        self.simulator = simulator
        runner = Task { if start { await simulator.start() } }
    }

    /// Stops the simulator and waits for `start()` to return.
    func stop() async {
        await simulator.stop()
        await runner.value
    }

    /// Starts a simulator that was made with `start: false`, in a task the returned
    /// handle owns.
    func startLater() -> Task<Void, Never> {
        let simulator = simulator
        return Task { await simulator.start() }
    }

    @discardableResult
    func create(_ resource: SimulatedResource, _ object: JSONValue) async throws -> JSONValue {
        if let ns = object.metadataNamespace, await store.get(GroupResource(group: "", resource: "namespaces"), ObjectKey(namespace: "", name: ns)) == nil {
            try await Self.createNamespace(ns, in: server)
        }
        return try await cluster.create(resource, object)
    }

    static func createNamespace(_ name: String, in cluster: Cluster) async throws {
        let rules = await cluster.rules(group: "", version: "v1", plural: "namespaces")!
        _ = try await cluster.create(
            rules, namespace: nil, object: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]],
            options: WriteOptions())
    }

    /// A user's spec change: goes through `update`, which bumps generation.
    @discardableResult
    func update(_ resource: SimulatedResource, _ name: String, _ change: @escaping @Sendable (inout JSONValue) -> Void)
        async throws -> JSONValue?
    {
        let key = ObjectKey(namespace: "ns", name: name)
        let uid = try await cluster.get(resource, key)?[path: ["metadata", "uid"]]?.stringValue ?? ""
        return try await cluster.update(resource, key, uid: uid, change)
    }

    func delete(_ resource: SimulatedResource, _ name: String) async throws {
        try await store.mutate(resource.groupResource, ObjectKey(namespace: "ns", name: name)) { _ in nil }
    }

    func objects(_ resource: SimulatedResource) async throws -> [JSONValue] {
        try await cluster.list(resource, namespace: "ns")
    }

    /// Watches `resource` in namespace `ns` until `condition` holds for its objects (by
    /// name), and returns them. Fails after a generous timeout, which only a broken
    /// simulator reaches.
    @discardableResult
    func waitFor(
        _ resource: SimulatedResource, _ what: String, timeout: Duration = .seconds(30),
        until condition: @escaping @Sendable ([String: JSONValue]) -> Bool
    ) async throws -> [String: JSONValue] {
        let subscription = try await store.watch(resource.groupResource, namespace: "ns", from: nil)
        let seen = LastSeenObjects()
        return try await withThrowingTaskGroup(of: [String: JSONValue]?.self) { group in
            group.addTask {
                var objects: [String: JSONValue] = [:]
                func apply(_ event: WatchEvent) {
                    objects[event.key.name] = event.kind == .deleted ? nil : event.object
                }
                subscription.initial.forEach(apply)
                await seen.set(objects)
                if condition(objects) { return objects }
                for await event in subscription.events {
                    apply(event)
                    await seen.set(objects)
                    if condition(objects) { return objects }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            guard let objects = first else { throw SimulatorWaitTimedOut(what: what, last: await seen.objects) }
            return objects
        }
    }

    /// Waits until the object `name` satisfies `condition`, and returns it.
    @discardableResult
    func waitFor(
        _ resource: SimulatedResource, _ name: String, _ what: String,
        until condition: @escaping @Sendable (JSONValue) -> Bool
    ) async throws -> JSONValue {
        try await waitFor(resource, "\(name) \(what)") { objects in objects[name].map(condition) ?? false }[name]!
    }
}

private actor LastSeenObjects {
    var objects: [String: JSONValue] = [:]
    func set(_ objects: [String: JSONValue]) { self.objects = objects }
}

enum SimulatorWorkloads {
    static func deployment(_ name: String, replicas: Int64 = 1, image: String = "nginx:1.27", labels: [String: String] = [:])
        -> JSONValue
    {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": "ns", "labels": .object(labels.mapValues { .string($0) })],
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "web", "image": .string(image)]]],
                ],
            ],
        ]
    }

    static func statefulSet(_ name: String, replicas: Int64) -> JSONValue {
        var object = deployment(name, replicas: replicas)
        object["kind"] = "StatefulSet"
        object[path: ["spec", "serviceName"]] = .string(name)
        return object
    }

    static func daemonSet(_ name: String) -> JSONValue {
        var object = deployment(name)
        object["kind"] = "DaemonSet"
        object[path: ["spec", "replicas"]] = nil
        return object
    }

    static func job(_ name: String, labels: [String: String] = [:], completions: Int64? = nil) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": ["name": .string(name), "namespace": "ns", "labels": .object(labels.mapValues { .string($0) })],
            "spec": [
                "template": [
                    "spec": [
                        "restartPolicy": "Never", "containers": [["name": "hook", "image": "busybox"]],
                    ]
                ]
            ],
        ]
        if let completions { object[path: ["spec", "completions"]] = .int(completions) }
        return object
    }
}
