import EmbeddedAPIServer
import KubeClient
import KubeObjects
import XCTest

/// ConfigMaps in one namespace of a running embedded server: written in-process (so a
/// test controls exactly when changes happen, even while the client is cut off) and read
/// back the way the server serves them.
struct ConfigMapWriter: Sendable {
    let cluster: Cluster
    let rules: ResourceRules
    let namespace: String

    init(_ test: TestCluster, namespace: String = "default") async {
        cluster = test.server.cluster
        rules = await cluster.rules(group: "", version: "v1", plural: "configmaps")!
        self.namespace = namespace
    }

    /// Creates or replaces `name` with `data.v = value`; the stored object.
    @discardableResult
    func put(_ name: String, _ value: String, metadata: [String: JSONValue] = [:]) async throws -> JSONValue {
        var meta = metadata
        meta["name"] = .string(name)
        let object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(meta), "data": ["v": .string(value)]]
        if await cluster.store.get(rules.groupResource, ObjectKey(namespace: namespace, name: name)) == nil {
            return try await cluster.create(rules, namespace: namespace, object: object, options: WriteOptions()).object
        }
        return try await cluster.update(rules, namespace: namespace, name: name, subresource: nil, object: object, options: WriteOptions()).object
    }

    /// Deletes `name`; the deleted object, stamped with the deletion's resourceVersion.
    @discardableResult
    func delete(_ name: String) async throws -> JSONValue {
        switch try await cluster.delete(rules, namespace: namespace, name: name, options: DeleteOptions()) {
        case .deleted(let o), .pending(let o): return o
        }
    }

    /// name → data.v of every ConfigMap, as the server holds them now.
    func state() async -> [String: String] {
        var out: [String: String] = [:]
        for (key, o) in await cluster.store.list(rules.groupResource, namespace: namespace).items {
            out[key.name] = o[path: ["data", "v"]]?.stringValue ?? ""
        }
        return out
    }

    /// The objects as a fresh list over HTTP answers them, by name.
    static func freshList(_ client: ResourceClient) async throws -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for o in try await client.listAll().items { out[o.metadataName ?? ""] = o }
        return out
    }
}

/// A watcher's HTTP list/watch with a gate in front of new watches and counters: a test
/// closes the gate, cuts the stream with a server fault, waits until the client's stream
/// has really ended, changes the server, and opens the gate again. The gap is then
/// certain, not a race against the client's reconnect; everything else is real HTTP.
struct GatedListWatch: ListWatchSource {
    let inner: ResourceListWatch
    let state = State()

    init(_ resource: ResourceClient) {
        inner = ResourceListWatch(resource)
    }

    actor State {
        private var closed = false
        private var waiting: [CheckedContinuation<Void, Never>] = []
        private(set) var lists = 0
        private(set) var watchesOpened = 0
        private(set) var openStreams = 0

        func close() { closed = true }
        func open() {
            closed = false
            let all = waiting
            waiting.removeAll()
            for w in all { w.resume() }
        }
        func pass() async {
            if closed { await withCheckedContinuation { waiting.append($0) } }
        }
        func listed() { lists += 1 }
        func opened() {
            watchesOpened += 1
            openStreams += 1
        }
        func ended() { openStreams -= 1 }
    }

    func list(limit: Int, continueToken: String?) async throws -> ListPage {
        if continueToken == nil { await state.listed() }
        return try await inner.list(limit: limit, continueToken: continueToken)
    }

    func watch(resourceVersion: String, timeoutSeconds: Int) async throws -> AsyncThrowingStream<RawWatchEvent, Error> {
        await state.pass()
        let events = try await inner.watch(resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds)
        await state.opened()
        let state = self.state
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await e in events { continuation.yield(e) }
                    await state.ended()
                    continuation.finish()
                } catch {
                    await state.ended()
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Everything a consumer saw, in order.
actor Recorder<Element: Sendable> {
    private(set) var items: [Element] = []
    func add(_ e: Element) { items.append(e) }
    var count: Int { items.count }
}

extension TransportTestCase {
    func configMaps(_ cluster: TestCluster, namespace: String = "default") throws -> ResourceClient {
        let client = try APIClient(configuration: cluster.configuration())
        return ResourceClient(client: client, resource: GroupVersionResource(group: "", version: "v1", resource: "configmaps"), namespace: namespace)
    }

    /// A watcher that retries quickly, so tests do not wait out production backoffs.
    func quickWatcher(_ source: any ListWatchSource) -> Watcher {
        var watcher = Watcher(source: source)
        watcher.pageSize = 50
        watcher.backoff = Backoff(initial: .milliseconds(10), maximum: .milliseconds(100))
        return watcher
    }

    /// Consumes `stream` into `recorder` in a task the test cancels when done.
    @discardableResult
    func record<S: AsyncSequence & Sendable>(_ stream: S, into recorder: Recorder<S.Element>) -> Task<Void, Never>
    where S.Element: Sendable {
        let task = Task {
            do {
                for try await e in stream { await recorder.add(e) }
            } catch {}
        }
        addTeardownBlock { task.cancel() }
        return task
    }
}
