import KubeObjects

extension Cluster {
    public func get(_ rules: ResourceRules, namespace: String?, name: String) async throws(APIError) -> JSONValue {
        guard let object = await store.get(rules.groupResource, rules.key(namespace: namespace, name: name)) else {
            throw APIError.notFound(rules.groupVersionResource, name: name)
        }
        return rules.served(object)
    }

    /// One page of a list.
    public struct ListPage: Sendable {
        public var items: [JSONValue]
        public var resourceVersion: UInt64
        /// Set when `limit` cut the list short.
        public var continueToken: String?
        /// How many more match (only without selectors, as upstream).
        public var remainingItemCount: Int?
    }

    /// A list, filtered by selectors and cut into pages by `limit`/`continue`. A continue
    /// token carries the key to resume after; the list it continues is read live.
    public func list(_ rules: ResourceRules, namespace: String?, options: ListOptions) async throws(APIError) -> ListPage {
        if let unsupported = options.fieldSelector.unsupportedField(allowed: rules.selectableFields) {
            throw APIError.badRequest("field label not supported: \(unsupported)")
        }
        let ns = rules.resource.namespaced ? namespace : nil
        let snapshot = await store.list(rules.groupResource, namespace: ns)
        var after: ObjectKey?
        var listRV = snapshot.resourceVersion
        if let token = options.continueToken, !token.isEmpty {
            let decoded = try ContinueToken(decoding: token)
            if decoded.resourceVersion < (await store.oldestResourceVersion) {
                throw APIError(
                    code: 410, reason: "Expired",
                    message: "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
            }
            after = decoded.after
            listRV = decoded.resourceVersion
        }
        var items: [JSONValue] = []
        var lastKey: ObjectKey?
        var remaining = 0
        let limit = options.limit.flatMap { $0 > 0 ? $0 : nil }
        for (key, object) in snapshot.items {
            if let after, !(after < key) { continue }
            guard options.matches(object) else { continue }
            if let limit, items.count >= limit {
                remaining += 1
                continue
            }
            items.append(rules.served(object))
            lastKey = key
        }
        var page = ListPage(items: items, resourceVersion: listRV)
        if remaining > 0, let lastKey {
            page.continueToken = ContinueToken(resourceVersion: listRV, after: lastKey).encoded
            if options.labelSelector.isEverything && options.fieldSelector.isEverything { page.remainingItemCount = remaining }
        }
        return page
    }
}

/// `metadata.continue`: where the next page starts, opaque to clients.
struct ContinueToken {
    var resourceVersion: UInt64
    var after: ObjectKey

    init(resourceVersion: UInt64, after: ObjectKey) {
        self.resourceVersion = resourceVersion
        self.after = after
    }

    init(decoding token: String) throws(APIError) {
        let invalid = APIError.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        guard case .success(let bytes) = Base64.decode(token), let json = try? JSONValue.parse(bytes),
            let rv = json["rv"]?.intValue, let ns = json["ns"]?.stringValue, let name = json["name"]?.stringValue
        else { throw invalid }
        resourceVersion = UInt64(max(0, rv))
        after = ObjectKey(namespace: ns, name: name)
    }

    var encoded: String {
        let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(Int64(resourceVersion)), "ns": .string(after.namespace), "name": .string(after.name)]
        return Base64.encode(json.serializedBytes())
    }
}
