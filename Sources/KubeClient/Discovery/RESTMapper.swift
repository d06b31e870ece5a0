import KubeObjects

/// Maps kinds to resources (`apps/v1 Deployment` → `deployments`, namespaced) from
/// discovery, cached. A kind it does not know triggers a fresh discovery before the
/// answer is "unknown", so a CRD created a moment ago is found; concurrent misses share one
/// refresh.
public actor RESTMapper {
    public let discovery: DiscoveryClient
    private var byKind: [GroupVersionKind: ResourceMapping] = [:]
    private var byResource: [GroupVersionResource: ResourceMapping] = [:]
    /// Group → versions in the server's order of preference.
    private var versions: [String: [String]] = [:]
    private var loaded = false
    private var refreshing: Task<Void, Error>?

    public init(client: APIClient) {
        discovery = DiscoveryClient(client: client)
    }

    /// The resource serving `kind`.
    public func mapping(for kind: GroupVersionKind) async throws -> ResourceMapping {
        if !loaded { try await refresh() }
        if let m = byKind[kind] { return m }
        try await refresh()
        if let m = byKind[kind] { return m }
        throw UnknownResourceError(what: kind.description)
    }

    /// The resource an object's `apiVersion` and `kind` name.
    public func mapping(for object: JSONValue) async throws -> ResourceMapping {
        guard let kind = object.groupVersionKind else {
            throw UnknownResourceError(what: "an object without apiVersion and kind")
        }
        return try await mapping(for: kind)
    }

    public func mapping(for resource: GroupVersionResource) async throws -> ResourceMapping {
        if !loaded { try await refresh() }
        if let m = byResource[resource] { return m }
        try await refresh()
        if let m = byResource[resource] { return m }
        throw UnknownResourceError(what: resource.description)
    }

    /// The versions of `group` the server serves, preferred first.
    public func versions(of group: String) async throws -> [String] {
        if !loaded { try await refresh() }
        return versions[group] ?? []
    }

    /// Forgets the cache; the next lookup reads discovery again.
    public func invalidate() {
        loaded = false
    }

    /// Reads discovery now (joining a refresh already under way).
    public func refresh() async throws {
        if let refreshing { return try await refreshing.value }
        let discovery = self.discovery
        let task = Task { try await self.store(discovery.resources()) }
        refreshing = task
        defer { refreshing = nil }
        try await task.value
    }

    private func store(_ mappings: [ResourceMapping]) {
        byKind.removeAll(keepingCapacity: true)
        byResource.removeAll(keepingCapacity: true)
        versions.removeAll(keepingCapacity: true)
        for m in mappings {
            // The first mapping of a kind wins: the resource discovery lists first for it.
            if byKind[m.kind] == nil { byKind[m.kind] = m }
            byResource[m.resource] = m
            if !versions[m.resource.group, default: []].contains(m.resource.version) {
                versions[m.resource.group, default: []].append(m.resource.version)
            }
        }
        loaded = true
    }
}

extension RESTMapper {
    /// A client for the resource of `object`, in its namespace (or `defaultNamespace` when it
    /// names none) for namespaced kinds, at cluster scope otherwise.
    /// A client of `kind`'s resource in `namespace` (ignored for cluster-scoped kinds);
    /// `UnknownResourceError` when the server does not serve the kind.
    public func resourceClient(for kind: GroupVersionKind, namespace: String?, client: APIClient) async throws -> ResourceClient {
        let m = try await mapping(for: kind)
        return ResourceClient(client: client, resource: m.resource, namespace: m.isNamespaced ? namespace : nil)
    }

    public func resourceClient(for object: JSONValue, client: APIClient, defaultNamespace: String? = nil) async throws -> ResourceClient {
        let m = try await mapping(for: object)
        let namespace = m.isNamespaced ? (object.metadataNamespace ?? defaultNamespace ?? client.defaultNamespace) : nil
        return ResourceClient(client: client, resource: m.resource, namespace: namespace)
    }
}
