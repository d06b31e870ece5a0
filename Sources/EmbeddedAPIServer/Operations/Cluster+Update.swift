import KubeObjects

extension Cluster {
    /// `PUT`: replaces the object (or its status), 409 on a stale `resourceVersion`; an
    /// update without one is unconditional (Helm's release Secrets rely on that).
    public func update(
        _ rules: ResourceRules, namespace: String?, name: String, subresource: String?, object body: JSONValue,
        options: WriteOptions
    ) async throws(APIError) -> WriteResult {
        var object = body
        try rules.checkKind(&object)
        let bodyName = object.metadataName ?? ""
        if bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        try rules.checkNamespace(&object, urlNamespace: namespace)
        let replacement = object
        return try await write(rules, namespace: namespace, name: name, subresource: subresource, options: options) {
            _ throws(APIError) in replacement
        }
    }

    /// `PATCH` with a JSON, merge or strategic merge patch.
    public func patch(
        _ rules: ResourceRules, namespace: String?, name: String, subresource: String?, type: PatchType, body: [UInt8],
        options: WriteOptions
    ) async throws(APIError) -> WriteResult {
        if type == .apply {
            return try await apply(rules, namespace: namespace, name: name, subresource: subresource, body: body, options: options)
        }
        if type == .strategic && !rules.acceptsStrategicMerge {
            throw APIError.unsupportedMediaType(type.rawValue, accepted: PatchType.accepted(strategic: false))
        }
        let schema = rules.schema
        return try await write(rules, namespace: namespace, name: name, subresource: subresource, options: options) {
            current throws(APIError) in
            var patched = try type.apply(body, to: current, schema: schema)
            // A patch cannot move the object: name and namespace stay the URL's.
            if patched.metadataName != current.metadataName {
                throw APIError.badRequest("the name of the object (\(patched.metadataName ?? "")) does not match the name on the URL (\(name))")
            }
            if rules.resource.namespaced, patched.metadataNamespace != current.metadataNamespace {
                patched[path: ["metadata", "namespace"]] = current[path: ["metadata", "namespace"]]
            }
            return patched
        }
    }

    /// The write path of every change to an existing object: `change` turns the current
    /// object (as this version serves it) into the requested one; then come the
    /// resourceVersion precondition, the endpoint's resets, admission, managedFields, and
    /// deletion once a terminating object's last finalizer is gone.
    func write(
        _ rules: ResourceRules, namespace: String?, name: String, subresource: String?, options: WriteOptions,
        change: @escaping @Sendable (JSONValue) throws(APIError) -> JSONValue
    ) async throws(APIError) -> WriteResult {
        let now = clock.timestamp
        let gvr = rules.groupVersionResource
        let manager = options.manager
        let fieldValidation = options.fieldValidation
        let result = try await commit(rules, rules.key(namespace: namespace, name: name), dryRun: options.dryRun) {
            stored throws(APIError) in
            guard let stored else { throw APIError.notFound(gvr, name: name) }
            let current = rules.served(stored)
            var next = try change(current)
            // Before managedFields: these writers own the `data` keys it lands in.
            try rules.mergeStringData(&next)
            try Self.checkPrecondition(next, current, gvr: gvr, name: name)
            try rules.prepareForUpdate(&next, old: current, subresource: subresource)
            _ = try rules.admit(&next, old: current, fieldValidation: fieldValidation)
            return try self.finish(rules, current: current, stored: stored, next: next, manager: manager, subresource: subresource, now: now)
        }
        return WriteResult(object: rules.served(result.object ?? .null), status: 200, warnings: [])
    }

    /// The stored form of an accepted change: managedFields recorded, no write at all when
    /// nothing changed, and nil (delete) when a terminating object lost its last finalizer.
    func finish(
        _ rules: ResourceRules, current: JSONValue, stored: JSONValue, next: JSONValue, manager: String,
        subresource: String?, now: String
    ) throws(APIError) -> JSONValue? {
        let clientManaged = next[path: ["metadata", "managedFields"]] != current[path: ["metadata", "managedFields"]]
        if !clientManaged && Self.withoutManagedFields(next) == Self.withoutManagedFields(current) { return stored }
        let recorded = try recordUpdate(rules, old: current, new: next, manager: manager, subresource: subresource, now: now)
        return Self.releasingIfFinalized(recorded)
    }

    /// A terminating object whose finalizers are all gone is deleted by the write that
    /// removed the last one.
    static func releasingIfFinalized(_ object: JSONValue) -> JSONValue? {
        guard object[path: ["metadata", "deletionTimestamp"]] != nil else { return object }
        let finalizers = object[path: ["metadata", "finalizers"]]?.arrayValue ?? []
        // A namespace also waits for its contents (`spec.finalizers: [kubernetes]`).
        let contents = object["kind"]?.stringValue == "Namespace" && object["apiVersion"]?.stringValue == "v1"
            ? object[path: ["spec", "finalizers"]]?.arrayValue ?? [] : []
        // (JSONValue is nil-literal expressible: a ternary with `nil` would store `null`.)
        if finalizers.isEmpty && contents.isEmpty { return JSONValue?.none }
        return object
    }

    static func withoutManagedFields(_ object: JSONValue) -> JSONValue {
        var o = object
        if o[path: ["metadata", "managedFields"]] != nil { o[path: ["metadata", "managedFields"]] = nil }
        return o
    }

    /// A `resourceVersion` in the body (or left by a patch) must be the current one.
    static func checkPrecondition(_ next: JSONValue, _ current: JSONValue, gvr: GroupVersionResource, name: String) throws(APIError) {
        guard let rv = next[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty else { return }
        if rv != current[path: ["metadata", "resourceVersion"]]?.stringValue {
            throw APIError.conflict(gvr, name: name, APIError.modifiedSinceRead)
        }
    }
}
