import KubeObjects

/// One line of a watch stream: `{"type": …, "object": …}`.
public struct WatchFrame: Sendable {
    public var type: String
    public var object: JSONValue

    public init(type: String, object: JSONValue) {
        self.type = type
        self.object = object
    }
}

extension Cluster {
    /// Opens a watch as kube-apiserver's watch cache serves it:
    /// - `sendInitialEvents=true` (watch-list): ADDED for every matching object, then a
    ///   BOOKMARK annotated `k8s.io/initial-events-end`, then changes;
    /// - no resourceVersion, or "0": synthetic ADDED for the current objects, then changes;
    /// - resourceVersion N: every retained change after N, or one ERROR 410 Expired event.
    /// Selectors filter events the way the cache does: an object that stops matching is
    /// DELETED for this watcher, one that starts matching is ADDED.
    public func watch(_ rules: ResourceRules, namespace: String?, options: ListOptions) async throws(APIError) -> AsyncStream<WatchFrame> {
        if let unsupported = options.fieldSelector.unsupportedField(allowed: rules.selectableFields) {
            throw APIError.badRequest("field label not supported: \(unsupported)")
        }
        let watchList = options.sendInitialEvents == true
        if watchList {
            var causes: [(String, String, String)] = []
            if options.resourceVersionMatch != "NotOlderThan" {
                causes.append(("resourceVersionMatch", "FieldValueForbidden",
                               "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
            }
            if !options.allowWatchBookmarks {
                causes.append(("allowWatchBookmarks", "FieldValueForbidden",
                               "Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true"))
            }
            if !causes.isEmpty {
                let text = causes.map { "\($0.0): \($0.2)" }
                throw APIError(
                    code: 422, reason: "Invalid",
                    message: "ListOptions.meta.k8s.io \"\" is invalid: " + (text.count == 1 ? text[0] : "[" + text.joined(separator: ", ") + "]"),
                    details: ["kind": "ListOptions", "group": "meta.k8s.io",
                              "causes": .array(causes.map { ["reason": .string($0.1), "message": .string($0.2), "field": .string($0.0)] })])
            }
        }
        var from: UInt64?
        if !watchList, let rv = options.resourceVersion, !rv.isEmpty, rv != "0" {
            guard let n = UInt64(rv) else {
                throw APIError.badRequest("resourceVersion: Invalid value: \"\(rv)\": must be a valid resourceVersion")
            }
            from = n
        }
        let ns = rules.resource.namespaced ? namespace : nil
        let subscription: WatchSubscription
        do {
            subscription = try await store.watch(rules.groupResource, namespace: ns, from: from)
        } catch {
            let expired = APIError.expired("too old resource version: \(from ?? 0) (\(await store.oldestResourceVersion))")
            return AsyncStream { c in
                c.yield(WatchFrame(type: "ERROR", object: expired.status))
                c.finish()
            }
        }
        let filter = WatchFilter(rules: rules, options: options)
        let (stream, continuation) = AsyncStream<WatchFrame>.makeStream(bufferingPolicy: .unbounded)
        let pump = Task {
            for e in subscription.initial {
                if let f = filter.frame(for: e) { continuation.yield(f) }
            }
            if watchList {
                continuation.yield(filter.bookmark(subscription.startResourceVersion, initialEventsEnd: true))
            }
            for await e in subscription.events {
                if let f = filter.frame(for: e) { continuation.yield(f) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }
}

/// Turns store events into what one watcher sees.
struct WatchFilter: Sendable {
    let rules: ResourceRules
    let options: ListOptions

    func frame(for event: WatchEvent) -> WatchFrame? {
        switch event.kind {
        case .bookmark:
            return options.allowWatchBookmarks ? bookmark(event.resourceVersion, initialEventsEnd: false) : nil
        case .added:
            return options.matches(event.object) ? WatchFrame(type: "ADDED", object: rules.served(event.object)) : nil
        case .deleted:
            return options.matches(event.object) ? WatchFrame(type: "DELETED", object: rules.served(event.object)) : nil
        case .modified:
            let now = options.matches(event.object)
            let before = event.previous.map(options.matches) ?? now
            switch (before, now) {
            case (true, true): return WatchFrame(type: "MODIFIED", object: rules.served(event.object))
            case (false, true): return WatchFrame(type: "ADDED", object: rules.served(event.object))
            case (true, false):
                var gone = event.previous ?? event.object
                gone[path: ["metadata", "resourceVersion"]] = .string(String(event.resourceVersion))
                return WatchFrame(type: "DELETED", object: rules.served(gone))
            case (false, false): return nil
            }
        }
    }

    func bookmark(_ rv: UInt64, initialEventsEnd: Bool) -> WatchFrame {
        var metadata: JSONValue = ["resourceVersion": .string(String(rv))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return WatchFrame(type: "BOOKMARK", object: ["kind": .string(rules.resource.kind), "apiVersion": .string(rules.apiVersion), "metadata": metadata])
    }
}
