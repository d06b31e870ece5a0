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

    /// A list, filtered by selectors and cut into pages by `limit`/`continue`. Every page
    /// is read at the first page's resourceVersion, as etcd serves them: objects created
    /// since are left out, deleted ones still listed, changed ones in their old state. Once
    /// that version leaves the store's history window the token is 410 Expired, carrying
    /// (as upstream) a token that continues from the same key on the live store.
    public func list(_ rules: ResourceRules, namespace: String?, options: ListOptions) async throws(APIError) -> ListPage {
        if let unsupported = options.fieldSelector.unsupportedField(allowed: rules.selectableFields) {
            throw APIError.badRequest("field label not supported: \(unsupported)")
        }
        let ns = rules.resource.namespaced ? namespace : nil
        var after: ObjectKey?
        let listRV: UInt64
        let objects: [(ObjectKey, JSONValue)]
        if let token = options.continueToken, !token.isEmpty {
            let decoded = try ContinueToken(decoding: token)
            after = decoded.after
            if let rv = decoded.resourceVersion {
                guard let past = await store.list(rules.groupResource, namespace: ns, at: rv) else {
                    throw APIError.continueExpired(
                        inconsistentContinue: ContinueToken(resourceVersion: nil, after: decoded.after).encoded)
                }
                (objects, listRV) = (past, rv)
            } else {
                // The token of a 410: the rest of the list as it is now.
                (objects, listRV) = await store.list(rules.groupResource, namespace: ns)
            }
        } else {
            (objects, listRV) = await store.list(rules.groupResource, namespace: ns)
        }
        var items: [JSONValue] = []
        var lastKey: ObjectKey?
        var remaining = 0
        let limit = options.limit.flatMap { $0 > 0 ? $0 : nil }
        for (key, object) in objects {
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

extension APIError {
    /// A continue token whose snapshot was compacted (etcd3's `handleCompactedErrorForPaging`):
    /// 410 Expired, and in the Status's `metadata.continue` a token that goes on from the
    /// same key at the latest version.
    static func continueExpired(inconsistentContinue token: String) -> APIError {
        var e = APIError(
            code: 410, reason: "Expired",
            message: "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
        e.continueToken = token
        return e
    }
}

/// `metadata.continue`: where the next page starts and at which resourceVersion, opaque to
/// clients. A nil resourceVersion (encoded -1, as upstream) continues on the live store:
/// the token a 410 Expired hands out.
struct ContinueToken {
    var resourceVersion: UInt64?
    var after: ObjectKey

    init(resourceVersion: UInt64?, after: ObjectKey) {
        self.resourceVersion = resourceVersion
        self.after = after
    }

    init(decoding token: String) throws(APIError) {
        let invalid = APIError.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        guard case .success(let bytes) = Base64.decode(token), let json = try? JSONValue.parse(bytes),
            let rv = json["rv"]?.intValue, let ns = json["ns"]?.stringValue, let name = json["name"]?.stringValue
        else { throw invalid }
        switch rv {
        case -1: resourceVersion = nil
        case 1...: resourceVersion = UInt64(rv)
        default: throw invalid
        }
        after = ObjectKey(namespace: ns, name: name)
    }

    var encoded: String {
        let rv = resourceVersion.map { Int64($0) } ?? -1
        let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(rv), "ns": .string(after.namespace), "name": .string(after.name)]
        return Base64.encode(json.serializedBytes())
    }
}
