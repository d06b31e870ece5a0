import EmbeddedAPIServer
import KubeObjects
import XCTest

/// A test failure carrying what was seen, so a failed wait says why.
struct SemanticsTestError: Error, CustomStringConvertible {
    var description: String
}

/// A `Cluster` with namespace `ns`, and short ways to reach its kinds and write to it the
/// way the HTTP layer does.
struct TestCluster: Sendable {
    let cluster: Cluster

    init(store: ObjectStore = ObjectStore()) async throws {
        cluster = Cluster(store: store)
        try await create(namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ns"]], namespace: nil)
    }

    var store: ObjectStore { cluster.store }
    var namespaces: ResourceRules { get async throws { try await rules("", "v1", "namespaces") } }
    var configmaps: ResourceRules { get async throws { try await rules("", "v1", "configmaps") } }
    var secrets: ResourceRules { get async throws { try await rules("", "v1", "secrets") } }
    var pods: ResourceRules { get async throws { try await rules("", "v1", "pods") } }
    var services: ResourceRules { get async throws { try await rules("", "v1", "services") } }
    var deployments: ResourceRules { get async throws { try await rules("apps", "v1", "deployments") } }
    var replicasets: ResourceRules { get async throws { try await rules("apps", "v1", "replicasets") } }
    var crds: ResourceRules { get async throws { try await rules("apiextensions.k8s.io", "v1", "customresourcedefinitions") } }

    func rules(_ group: String, _ version: String, _ plural: String) async throws -> ResourceRules {
        guard let r = await cluster.rules(group: group, version: version, plural: plural) else {
            throw SemanticsTestError(description: "\(plural).\(group)/\(version) is not served")
        }
        return r
    }

    @discardableResult
    func create(
        _ rules: ResourceRules, _ object: JSONValue, namespace: String? = "ns", options: WriteOptions = WriteOptions()
    ) async throws -> JSONValue {
        try await cluster.create(rules, namespace: rules.resource.namespaced ? namespace : nil, object: object, options: options).object
    }

    @discardableResult
    func configMap(_ name: String, data: JSONValue = ["k": "v"], labels: JSONValue? = nil, namespace: String = "ns") async throws -> JSONValue {
        var object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": data]
        if let labels { object[path: ["metadata", "labels"]] = labels }
        return try await create(configmaps, object, namespace: namespace)
    }

    func get(_ rules: ResourceRules, _ name: String, namespace: String? = "ns") async throws -> JSONValue {
        try await cluster.get(rules, namespace: rules.resource.namespaced ? namespace : nil, name: name)
    }

    func patch(
        _ rules: ResourceRules, _ name: String, _ type: PatchType, _ body: JSONValue, subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws -> WriteResult {
        try await cluster.patch(
            rules, namespace: rules.resource.namespaced ? "ns" : nil, name: name, subresource: subresource, type: type,
            body: body.serializedBytes(), options: options)
    }

    /// Server-side apply of `config` as `manager`.
    func apply(
        _ rules: ResourceRules, _ name: String, _ config: JSONValue, manager: String?, force: Bool = false,
        subresource: String? = nil
    ) async throws -> WriteResult {
        var options = WriteOptions()
        options.fieldManager = manager
        options.force = force
        return try await cluster.patch(
            rules, namespace: rules.resource.namespaced ? "ns" : nil, name: name, subresource: subresource, type: .apply,
            body: config.serializedBytes(), options: options)
    }

    static func deployment(_ name: String, image: String = "nginx:1.27", containers: JSONValue? = nil) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
            "spec": [
                "replicas": 1, "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": containers ?? [["name": "web", "image": .string(image)]]],
                ],
            ],
        ]
    }
}

/// Runs `body`, which must fail with an `APIError`, and returns that error.
func expectAPIError(
    file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> Void
) async -> APIError? {
    do {
        try await body()
        XCTFail("expected an APIError", file: file, line: line)
        return nil
    } catch let e as APIError {
        return e
    } catch {
        XCTFail("expected an APIError, got \(error)", file: file, line: line)
        return nil
    }
}

/// Records everything an `AsyncStream` yields, and lets a test wait (with a generous
/// timeout, never a fixed sleep) until what it recorded satisfies a condition.
actor StreamRecorder<Element: Sendable> {
    private(set) var items: [Element] = []
    private(set) var finished = false
    private var waiters: [Int: (condition: @Sendable ([Element], Bool) -> Bool, continuation: CheckedContinuation<Void, Never>)] = [:]
    private var nextID = 0
    private var pump: Task<Void, Never>?

    static func start(_ stream: AsyncStream<Element>) async -> StreamRecorder {
        let recorder = StreamRecorder()
        await recorder.begin(stream)
        return recorder
    }

    private func begin(_ stream: AsyncStream<Element>) {
        pump = Task { [weak self] in
            for await item in stream { await self?.append(item) }
            await self?.finish()
        }
    }

    private func append(_ item: Element) {
        items.append(item)
        check()
    }

    private func finish() {
        finished = true
        check()
    }

    private func check() {
        for (id, w) in waiters where w.condition(items, finished) {
            waiters[id] = nil
            w.continuation.resume()
        }
    }

    /// Waits until `condition(items, finished)` holds or `timeout` passes; returns the items.
    @discardableResult
    func wait(timeout: Duration = .seconds(20), until condition: @escaping @Sendable ([Element], Bool) -> Bool) async -> [Element] {
        if condition(items, finished) { return items }
        let id = nextID
        nextID += 1
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.expire(id)
        }
        await withCheckedContinuation { c in waiters[id] = (condition, c) }
        timer.cancel()
        return items
    }

    /// Waits for at least `count` items.
    @discardableResult
    func wait(count: Int, timeout: Duration = .seconds(20)) async -> [Element] {
        await wait(timeout: timeout) { items, finished in items.count >= count || finished }
    }

    /// Waits for the stream to end.
    func waitFinished(timeout: Duration = .seconds(20)) async -> Bool {
        await wait(timeout: timeout) { _, finished in finished }
        return finished
    }

    private func expire(_ id: Int) {
        waiters.removeValue(forKey: id)?.continuation.resume()
    }

    /// Stops consuming, which ends the watch behind the stream.
    func stop() {
        pump?.cancel()
    }
}

/// Calls through `APIHandler` in-process, as the HTTP server would.
struct TestHTTP: Sendable {
    let handler: APIHandler

    init(_ cluster: Cluster, watchSettings: WatchSettings = WatchSettings()) {
        handler = APIHandler(cluster: cluster, watchSettings: watchSettings)
    }

    func send(
        _ method: String, _ target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) async -> HTTPResponse {
        await handler.handle(HTTPRequest(method: method, target: target, headers: headers, body: body))
    }

    func send(_ method: String, _ target: String, json: JSONValue, contentType: String = "application/json") async -> HTTPResponse {
        await send(method, target, headers: [("Content-Type", contentType)], body: json.serializedBytes())
    }
}

extension HTTPResponse {
    /// The whole body; a streamed body is read to its end.
    var bytes: [UInt8] {
        get async {
            switch body {
            case .bytes(let b): return b
            case .stream(let s):
                var out: [UInt8] = []
                for await chunk in s { out += chunk }
                return out
            }
        }
    }

    var json: JSONValue {
        get async throws { try JSONValue.parse(await bytes) }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var isStream: Bool {
        if case .stream = body { return true }
        return false
    }
}

/// Splits recorded watch chunks into events (one JSON object a line).
func watchEvents(_ chunks: [[UInt8]]) -> [JSONValue] {
    chunks.flatMap { $0 }.split(separator: UInt8(ascii: "\n")).compactMap { try? JSONValue.parse(Array($0)) }
}

extension Array where Element == WatchFrame {
    var types: [String] { map(\.type) }
    var names: [String] { map { $0.object.metadataName ?? "" } }
    /// Whether an event of `type` for the object `name` was seen.
    func has(_ type: String, _ name: String) -> Bool {
        contains { $0.type == type && $0.object.metadataName == name }
    }
}
