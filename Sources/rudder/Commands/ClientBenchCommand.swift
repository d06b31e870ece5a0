import ArgumentParser
import Foundation
import KubeClient
import KubeObjects

/// `rudder bench client PHASE`: one phase of `hack/bench client`, which runs each phase in
/// a fresh process so its peak memory is that phase's alone, and compares the figures with
/// the Python client and kubectl doing the same against the same server. Each phase prints
/// one JSON line.
struct ClientBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "KubeClient list, watch and server-side apply throughput against a cluster.")

    enum Phase: String, ExpressibleByArgument, CaseIterable {
        case seed, list, watch, update
    }

    @Argument(help: "seed | list | watch | update")
    var phase: Phase

    @Option(help: "The kubeconfig of the cluster.")
    var kubeconfig: String

    @Option(help: "The namespace holding the ConfigMaps.")
    var namespace = "bench"

    @Option(help: "ConfigMaps to seed, list or update; events to wait for when watching.")
    var objects = 10000

    @Option(help: "Requests in flight at once while seeding or updating.")
    var concurrency = 16

    @Option(name: .customLong("resource-version"), help: "Watch from this version (replays the server's history) instead of now.")
    var resourceVersion: String?

    func run() async throws {
        let config = try ClientConfig.load(kubeconfigPath: kubeconfig)
        var options = APIClient.Options()
        options.throttle = .disabled  // measure the client, not its throttle
        let client = try APIClient(config, options: options)
        let configMaps = ResourceClient(
            client: client, resource: GroupVersionResource(group: "", version: "v1", resource: "configmaps"), namespace: namespace)
        switch phase {
        case .seed:
            let namespaces = ResourceClient(client: client, resource: GroupVersionResource(group: "", version: "v1", resource: "namespaces"))
            _ = try await namespaces.apply(
                ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]], fieldManager: "rudder-bench")
            let seconds = try await applyAll(configMaps, generation: "0")
            print(#"{"phase":"seed","objects":\#(objects),"seconds":\#(seconds)}"#)
        case .update:
            // A value no earlier run wrote, so every update is a change the watchers see.
            let seconds = try await applyAll(configMaps, generation: String(UInt64(Date().timeIntervalSince1970 * 1e6)))
            print(#"{"phase":"update","objects":\#(objects),"seconds":\#(seconds)}"#)
        case .list:
            let started = ContinuousClock.now
            let list = try await configMaps.list()
            let seconds = Self.seconds(ContinuousClock.now - started)
            print(#"{"phase":"list","objects":\#(list.items.count),"seconds":\#(seconds)}"#)
        case .watch:
            var from = resourceVersion ?? ""
            if from.isEmpty { from = try await configMaps.list(ListParams(limit: 1)).resourceVersion }
            let events = try await configMaps.watch(resourceVersion: from)
            // Unbuffered: the harness starts the writer when it reads this line.
            FileHandle.standardOutput.write(Data("READY\n".utf8))
            var count = 0
            var first: ContinuousClock.Instant?
            var last = ContinuousClock.now
            for try await event in events where event.type != "BOOKMARK" {
                last = ContinuousClock.now
                if first == nil { first = last }
                count += 1
                if count >= objects { break }
            }
            let seconds = Self.seconds(last - (first ?? last))
            print(#"{"phase":"watch","events":\#(count),"seconds":\#(seconds)}"#)
        }
    }

    /// Server-side applies `objects` ConfigMaps, `concurrency` at a time; returns the seconds taken.
    private func applyAll(_ configMaps: ResourceClient, generation: String) async throws -> Double {
        let payload = String(repeating: "x", count: 300)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                let i = next
                next += 1
                group.addTask {
                    let object: JSONValue = [
                        "apiVersion": "v1", "kind": "ConfigMap",
                        "metadata": ["name": .string("bench-\(i)"), "labels": ["app": "rudder-bench"]],
                        "data": ["payload": .string(payload), "generation": .string(generation)],
                    ]
                    _ = try await configMaps.apply(object, fieldManager: "rudder-bench", force: true)
                }
            }
            while next < min(concurrency, objects) { add() }
            while try await group.next() != nil {
                if next < objects { add() }
            }
        }
        return Self.seconds(ContinuousClock.now - started)
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
