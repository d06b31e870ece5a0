import EmbeddedAPIServer
import KubeClient
import KubeObjects

/// A `ListWatchSource` straight over an in-process `Cluster` (no HTTP), to test the
/// watcher's protocol logic against the server's real list and watch semantics.
struct ClusterListWatchSource: ListWatchSource {
    let cluster: Cluster
    let rules: ResourceRules
    let namespace: String?
    /// Closed, new watches wait: the test decides what happens while the client is away.
    let gate = Gate()

    actor Gate {
        private var closed = false
        private var waiting: [CheckedContinuation<Void, Never>] = []
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
    }

    func list(limit: Int, continueToken: String?) async throws -> ListPage {
        var options = ListOptions()
        options.limit = limit
        options.continueToken = continueToken
        let page = try await cluster.list(rules, namespace: namespace, options: options)
        return ListPage(items: page.items, resourceVersion: String(page.resourceVersion), continueToken: page.continueToken)
    }

    func watch(resourceVersion: String, timeoutSeconds: Int) async throws -> AsyncThrowingStream<RawWatchEvent, Error> {
        await gate.pass()
        var options = ListOptions()
        options.watch = true
        options.resourceVersion = resourceVersion
        options.allowWatchBookmarks = true
        let frames = try await cluster.watch(rules, namespace: namespace, options: options)
        return AsyncThrowingStream { continuation in
            let task = Task {
                for await f in frames { continuation.yield(RawWatchEvent(type: f.type, object: f.object)) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
