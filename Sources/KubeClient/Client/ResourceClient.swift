import KubeObjects

/// Requests on one resource, in one namespace or across all (or cluster-scoped), on
/// unstructured objects: kube-rs' `Api<DynamicObject>`, client-go's dynamic client.
/// Values are cheap to make; they share their `APIClient`.
public struct ResourceClient: Sendable {
    public let client: APIClient
    public let resource: GroupVersionResource
    /// nil: a cluster-scoped resource, or every namespace for list and watch.
    public let namespace: String?
    /// Answers carry metadata only (`PartialObjectMetadata`); see `metadataOnly()`.
    public internal(set) var isMetadataOnly = false

    public init(client: APIClient, resource: GroupVersionResource, namespace: String? = nil) {
        self.client = client
        self.resource = resource
        self.namespace = namespace
    }

    /// The same resource in another namespace (nil: all, or cluster scope).
    public func inNamespace(_ namespace: String?) -> ResourceClient {
        var other = ResourceClient(client: client, resource: resource, namespace: namespace)
        other.isMetadataOnly = isMetadataOnly
        return other
    }

    // MARK: Reads

    public func get(_ name: String, subresource: String? = nil) async throws -> JSONValue {
        try await client.json(request(.get, name: name, subresource: subresource))
    }

    /// nil when there is no such object; other errors are thrown.
    public func getIfExists(_ name: String) async throws -> JSONValue? {
        do {
            return try await get(name)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    /// One page (or everything, when `params.limit` is nil).
    public func list(_ params: ListParams = ListParams()) async throws -> ObjectList {
        let answer = try await client.json(request(.get, query: params.query, answer: .list))
        return ObjectList(answer)
    }

    /// Every object, page by page (`pageSize` at a time), at one consistent resourceVersion.
    /// A continue token that expires mid-way (410) starts over, as client-go's pager does.
    public func listAll(_ params: ListParams = ListParams(), pageSize: Int = 500) async throws -> ObjectList {
        var params = params
        params.limit = pageSize
        var all = ObjectList(items: [], resourceVersion: "", continueToken: nil, remainingItemCount: nil)
        var restarted = false
        while true {
            let page: ObjectList
            do {
                page = try await list(params)
            } catch let error as KubeAPIError where error.isGone && params.continueToken != nil && !restarted {
                // The snapshot expired: a full, unpaged list is the only consistent answer left.
                restarted = true
                params.continueToken = nil
                params.limit = nil
                all.items.removeAll()
                continue
            }
            all.items += page.items
            if all.resourceVersion.isEmpty { all.resourceVersion = page.resourceVersion }
            guard let next = page.continueToken else { return all }
            params.continueToken = next
        }
    }

    // MARK: Writes

    public func create(_ object: JSONValue, _ params: WriteParams = WriteParams()) async throws -> JSONValue {
        try await client.json(request(.post, query: params.query(), body: object.serializedBytes(), contentType: "application/json"))
    }

    /// PUT: replaces the object named in `object`; a `metadata.resourceVersion` in it makes
    /// the write conditional (409 Conflict when it is stale).
    public func update(_ object: JSONValue, subresource: String? = nil, _ params: WriteParams = WriteParams()) async throws -> JSONValue {
        let name = try Self.name(of: object)
        return try await client.json(
            request(.put, name: name, subresource: subresource, query: params.query(), body: object.serializedBytes(), contentType: "application/json"))
    }

    public func updateStatus(_ object: JSONValue, _ params: WriteParams = WriteParams()) async throws -> JSONValue {
        try await update(object, subresource: "status", params)
    }

    public func patch(_ name: String, _ patch: Patch, subresource: String? = nil, _ params: WriteParams = WriteParams()) async throws -> JSONValue {
        try await client.json(
            request(.patch, name: name, subresource: subresource, query: params.query(), body: patch.body, contentType: patch.contentType))
    }

    /// Server-side apply of `object` (the fields this manager wants, nothing else) as
    /// `fieldManager`; with `force`, fields other managers own are taken over instead of
    /// answering 409 with the conflicts in `KubeAPIError.causes`.
    public func apply(
        _ object: JSONValue, fieldManager: String, force: Bool = false, subresource: String? = nil, dryRun: Bool = false
    ) async throws -> JSONValue {
        let name = try Self.name(of: object)
        let params = WriteParams(dryRun: dryRun, fieldManager: fieldManager)
        return try await client.json(
            request(
                .patch, name: name, subresource: subresource, query: params.query(force: force), body: object.serializedBytes(),
                contentType: "application/apply-patch+yaml"))
    }

    /// The deleted object (gone at once), the object with its `deletionTimestamp` (waiting
    /// for finalizers), or a `Status` for kinds that answer with one.
    @discardableResult
    public func delete(_ name: String, _ params: DeleteParams = DeleteParams()) async throws -> JSONValue {
        try await client.json(request(.delete, name: name, body: params.body.serializedBytes(), contentType: "application/json"))
    }

    /// Deletes every object the selectors match.
    @discardableResult
    public func deleteCollection(_ list: ListParams = ListParams(), _ params: DeleteParams = DeleteParams()) async throws -> JSONValue {
        try await client.json(
            request(.delete, query: list.query, body: params.body.serializedBytes(), contentType: "application/json", answer: .list))
    }

    // MARK: Watch

    /// Changes after `resourceVersion` until the server ends the stream, with bookmarks.
    /// A too-old version arrives as an ERROR event carrying a 410 `Status`.
    public func watch(_ params: ListParams = ListParams(), resourceVersion: String) async throws -> AsyncThrowingStream<RawWatchEvent, Error> {
        var query = params.query.filter { $0.name != "resourceVersion" && $0.name != "limit" && $0.name != "continue" }
        query += [("watch", "1"), ("resourceVersion", resourceVersion), ("allowWatchBookmarks", "true")]
        // The server ends the watch; the request itself has no timeout.
        let bytes = try await client.stream(request(.get, query: query))
        return WatchEventDecoder.events(from: bytes)
    }

    // MARK: Requests

    func request(
        _ method: TransportRequest.Method, name: String? = nil, subresource: String? = nil, query: [(name: String, value: String)] = [],
        body: [UInt8]? = nil, contentType: String? = nil, answer: Answer = .object
    ) -> TransportRequest {
        var path = ResourcePath(resource, namespace: namespace, name: name, subresource: subresource)
        path.query = []
        var headers: TransportHeaders = ["Accept": accept(for: answer)]
        if let contentType { headers.add("Content-Type", contentType) }
        return TransportRequest(method: method, path: path.string, query: query, headers: headers, body: body)
    }

    static func name(of object: JSONValue) throws -> String {
        guard let name = object.metadataName, !name.isEmpty else {
            throw KubeAPIError(code: 400, reason: "BadRequest", message: "the object has no metadata.name")
        }
        return name
    }
}

/// A list answer.
public struct ObjectList: Sendable {
    public var items: [JSONValue]
    /// The version the list was read at: where a watch starts.
    public var resourceVersion: String
    /// Set when more pages follow.
    public var continueToken: String?
    public var remainingItemCount: Int?

    public init(items: [JSONValue], resourceVersion: String, continueToken: String?, remainingItemCount: Int?) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
    }

    init(_ answer: JSONValue) {
        items = answer["items"]?.arrayValue ?? []
        resourceVersion = answer[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        continueToken = answer[path: ["metadata", "continue"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        remainingItemCount = answer[path: ["metadata", "remainingItemCount"]]?.intValue.map(Int.init)
    }
}
