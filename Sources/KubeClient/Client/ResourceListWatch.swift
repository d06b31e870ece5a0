import KubeObjects

/// A watcher's list and watch of one resource over HTTP, with selectors bound in.
public struct ResourceListWatch: ListWatchSource {
    public let resource: ResourceClient
    public var params: ListParams

    public init(_ resource: ResourceClient, params: ListParams = ListParams()) {
        self.resource = resource
        self.params = params
    }

    public func list(limit: Int, continueToken: String?) async throws -> ListPage {
        var p = params
        p.limit = limit
        p.continueToken = continueToken
        let page = try await resource.list(p)
        return ListPage(items: page.items, resourceVersion: page.resourceVersion, continueToken: page.continueToken)
    }

    public func watch(resourceVersion: String, timeoutSeconds: Int) async throws -> AsyncThrowingStream<RawWatchEvent, Error> {
        var p = params
        p.timeoutSeconds = timeoutSeconds
        return try await resource.watch(p, resourceVersion: resourceVersion)
    }
}

extension ResourceClient {
    /// A watcher of this resource (in this client's namespace, or all).
    public func watcher(_ params: ListParams = ListParams()) -> Watcher {
        Watcher(source: ResourceListWatch(self, params: params))
    }
}
