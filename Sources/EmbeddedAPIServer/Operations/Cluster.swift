import KubeObjects

/// The API's object semantics over the store: what create, update, patch, apply, delete,
/// list and watch mean for any served kind. The HTTP layer turns requests into these
/// calls; the garbage collector, the namespace finalizer and the workload simulator use
/// them too, so every writer gets the same metadata, managedFields and watch events.
public final class Cluster: Sendable {
    public let store: ObjectStore
    public let catalog: ResourceCatalog
    public let clock: ServerClock

    public init(store: ObjectStore = ObjectStore(), catalog: ResourceCatalog = ResourceCatalog(), clock: ServerClock = ServerClock()) {
        self.store = store
        self.catalog = catalog
        self.clock = clock
    }

    // MARK: Kinds

    public func rules(for resource: APIResource) async -> ResourceRules {
        ResourceRules(resource: resource, custom: await catalog.registry.customVersions[resource.groupVersionResource])
    }

    /// The rules for a URL's group, version and resource; nil when not served.
    public func rules(group: String, version: String, plural: String) async -> ResourceRules? {
        let registry = await catalog.registry
        guard let r = registry.resource(group: group, version: version, plural: plural) else { return nil }
        return ResourceRules(resource: r, custom: registry.customVersions[r.groupVersionResource])
    }

    /// The rules for an object's kind (`apiVersion` + `kind`).
    public func rules(for gvk: GroupVersionKind) async -> ResourceRules? {
        let registry = await catalog.registry
        guard let r = registry.resource(for: gvk) else { return nil }
        return ResourceRules(resource: r, custom: registry.customVersions[r.groupVersionResource])
    }

    /// The rules for stored objects of a group and resource (any served version).
    public func rules(for groupResource: GroupResource) async -> ResourceRules? {
        let registry = await catalog.registry
        guard let r = registry.resources.first(where: { $0.group == groupResource.group && $0.plural == groupResource.resource })
        else { return nil }
        return ResourceRules(resource: r, custom: registry.customVersions[r.groupVersionResource])
    }

    static let namespaces = GroupResource(group: "", resource: "namespaces")
    static let crds = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")

    // MARK: The one write path

    /// Runs `transform` on the current object atomically in the store, or for a dry run on
    /// a read of it without storing anything.
    func commit(
        _ rules: ResourceRules, _ key: ObjectKey, dryRun: Bool,
        _ transform: @escaping @Sendable (JSONValue?) throws(APIError) -> JSONValue?
    ) async throws(APIError) -> (object: JSONValue?, event: WatchEvent.Kind?) {
        if dryRun {
            let current = await store.get(rules.groupResource, key)
            let next = try transform(current)
            switch (current, next) {
            case (nil, let n?): return (n, .added)
            case (let c?, nil): return (c, .deleted)
            case (let c?, let n?): return (n, c == n ? nil : .modified)
            case (nil, nil): return (nil, nil)
            }
        }
        let r = try await store.mutate(rules.groupResource, key, transform)
        if r.event != nil { await afterCommit(rules, object: r.object, event: r.event) }
        return (r.object, r.event)
    }

    /// What a stored change sets off elsewhere in the server: a CRD write changes the
    /// served kinds at once, and a CRD's deletion takes its custom objects with it.
    func afterCommit(_ rules: ResourceRules, object: JSONValue?, event: WatchEvent.Kind?) async {
        guard rules.groupResource == Self.crds, let object else { return }
        let name = object.metadataName ?? ""
        let gone = event == .deleted || object[path: ["metadata", "deletionTimestamp"]] != nil
        if gone {
            await removeCustomObjects(crdNamed: name)
            await catalog.remove(crdNamed: name)
        } else {
            try? await catalog.apply(crd: object)
        }
    }

    private func removeCustomObjects(crdNamed name: String) async {
        let registry = await catalog.registry
        guard let gvr = registry.customVersions.first(where: { $0.value.crdName == name })?.key else { return }
        let gr = GroupResource(group: gvr.group, resource: gvr.resource)
        for (key, _) in await store.list(gr, namespace: nil).items {
            _ = try? await store.mutate(gr, key) { _ in nil }
        }
    }

    /// Records a non-apply write in `managedFields`.
    func recordUpdate(
        _ rules: ResourceRules, old: JSONValue?, new: JSONValue, manager: String, subresource: String?, now: String
    ) throws(APIError) -> JSONValue {
        do {
            return try ServerSideApply(schema: rules.schema, subresource: subresource ?? "")
                .update(old: old, new: new, manager: manager, now: now)
        } catch {
            throw APIError(applyError: error, rules: rules, name: new.metadataName ?? "")
        }
    }

    /// Namespaced objects need their namespace, and a terminating one takes no new objects.
    func checkNamespaceAccepts(_ rules: ResourceRules, _ namespace: String?) async throws(APIError) {
        guard rules.resource.namespaced else { return }
        let ns = namespace ?? ""
        guard let object = await store.get(Self.namespaces, ObjectKey(namespace: "", name: ns)) else {
            throw APIError.notFound(GroupVersionResource(group: "", version: "v1", resource: "namespaces"), name: ns)
        }
        if object[path: ["metadata", "deletionTimestamp"]] != nil {
            throw APIError(
                code: 403, reason: "Forbidden",
                message: "\(rules.groupResource) \"\(ns)\" is forbidden: unable to create new content in namespace \(ns) because it is being terminated",
                details: ["kind": .string(rules.groupResource.resource), "name": .string(ns)])
        }
    }
}

extension APIError {
    /// A field-management failure as the API server reports it.
    init(applyError error: ServerSideApplyError, rules: ResourceRules, name: String) {
        switch error {
        case .conflict(let c):
            var details: JSONValue = ["name": .string(name), "kind": .string(rules.resource.plural), "causes": .array(c.causes)]
            if !rules.resource.group.isEmpty { details["group"] = .string(rules.resource.group) }
            self.init(code: 409, reason: "Conflict", message: c.description, details: details)
        case .managedFieldsInConfig:
            self.init(code: 400, reason: "BadRequest", message: error.description)
        case .invalidManagedFields:
            self.init(code: 400, reason: "BadRequest", message: error.description)
        case .invalidObject(let m):
            self.init(code: 500, reason: "InternalError", message: "Internal error occurred: \(m)")
        }
    }
}
