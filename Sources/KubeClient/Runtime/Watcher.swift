import KubeObjects

/// kube-rs's `watcher` over client-go's reflector protocol: list (in pages), then watch
/// from the list's resourceVersion, resuming from the last version seen whenever the
/// stream ends (server timeouts, dropped connections, restarts), relisting when the
/// version is too old (410), and backing off with jitter on errors. Consumers see a
/// `.restarted` with every object after each (re)list, then changes, each once and in
/// order, so a cache fed from it converges to the server's state.
public struct Watcher: Sendable {
    public let source: any ListWatchSource
    public var pageSize = 500
    /// Watch requests ask the server to end them after a random time in this range, as
    /// reflectors do, so that long-lived streams get recycled.
    public var timeoutSeconds: ClosedRange<Int> = 300...600
    public var backoff = Backoff()

    public init(source: any ListWatchSource) {
        self.source = source
    }

    /// The events, until the consuming task is cancelled.
    public func events() -> AsyncStream<WatcherEvent> {
        let (stream, continuation) = AsyncStream<WatcherEvent>.makeStream(bufferingPolicy: .unbounded)
        let task = Task { await run(continuation) }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func run(_ out: AsyncStream<WatcherEvent>.Continuation) async {
        var backoff = self.backoff
        var resourceVersion: String?
        while !Task.isCancelled {
            do {
                guard let rv = resourceVersion else {
                    let (items, rv) = try await listAll()
                    out.yield(.restarted(items, resourceVersion: rv))
                    resourceVersion = rv
                    continue
                }
                let stream = try await source.watch(resourceVersion: rv, timeoutSeconds: Int.random(in: timeoutSeconds))
                var expired = false
                for try await event in stream {
                    backoff.reset()
                    switch event.type {
                    case "ADDED", "MODIFIED":
                        out.yield(.applied(event.object))
                    case "DELETED":
                        out.yield(.deleted(event.object))
                    case "BOOKMARK":
                        if let v = event.object.metadataResourceVersion { out.yield(.bookmark(resourceVersion: v)) }
                    case "ERROR":
                        let code = event.object["code"]?.intValue ?? 0
                        if code == 410 {
                            expired = true
                        } else {
                            throw KubeAPIError(
                                code: Int(code), reason: event.object["reason"]?.stringValue ?? "",
                                message: event.object["message"]?.stringValue ?? "watch error")
                        }
                    default:
                        continue
                    }
                    if expired { break }
                    if let v = event.object.metadataResourceVersion { resourceVersion = v }
                }
                // A stream the server ended is resumed at once from the last version; an
                // expired one starts over with a list.
                if expired { resourceVersion = nil }
            } catch let error as KubeAPIError where error.isGone {
                resourceVersion = nil
            } catch {
                if Task.isCancelled { break }
                try? await Task.sleep(for: backoff.next())
            }
        }
        out.finish()
    }

    /// Every object, page by page; a continue token that expired mid-way restarts the list.
    private func listAll() async throws -> ([JSONValue], String) {
        var items: [JSONValue] = []
        var token: String?
        var rv = ""
        repeat {
            let page: ListPage
            do {
                page = try await source.list(limit: pageSize, continueToken: token)
            } catch let error as KubeAPIError where error.isGone && token != nil {
                items.removeAll()
                token = nil
                continue
            }
            items += page.items
            if token == nil || rv.isEmpty { rv = page.resourceVersion }
            token = page.continueToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return (items, rv)
    }
}
