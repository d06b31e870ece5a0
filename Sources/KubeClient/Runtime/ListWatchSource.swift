import KubeObjects

/// One event of a watch stream as the server sends it.
public struct RawWatchEvent: Sendable {
    public var type: String
    public var object: JSONValue

    public init(type: String, object: JSONValue) {
        self.type = type
        self.object = object
    }
}

/// One page of a list.
public struct ListPage: Sendable {
    public var items: [JSONValue]
    public var resourceVersion: String
    public var continueToken: String?

    public init(items: [JSONValue], resourceVersion: String, continueToken: String?) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }
}

/// What a watcher needs from the API: list pages and watch streams of one resource (in
/// one namespace or all, with the watcher's selectors already bound in). The dynamic
/// client provides it over HTTP; tests may provide it over an in-process server.
public protocol ListWatchSource: Sendable {
    /// A page of at most `limit` objects, continuing `continueToken` when given.
    func list(limit: Int, continueToken: String?) async throws -> ListPage
    /// Changes after `resourceVersion`, with bookmarks, until the server ends the stream
    /// (after `timeoutSeconds`) or it fails. A too-old version arrives as an ERROR event
    /// carrying a 410 Status (or a thrown `KubeAPIError` whose `isGone`).
    func watch(resourceVersion: String, timeoutSeconds: Int) async throws -> AsyncThrowingStream<RawWatchEvent, Error>
}
