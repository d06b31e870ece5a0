import KubeObjects

extension Cluster {
    /// Server-side apply (`application/apply-patch+yaml`): creates the object when absent
    /// (201), otherwise merges the configuration with field ownership — 409 with the
    /// conflicting managers unless `force`, removal of fields the manager stopped applying.
    func apply(
        _ rules: ResourceRules, namespace: String?, name: String, subresource: String?, body: [UInt8],
        options: WriteOptions
    ) async throws(APIError) -> WriteResult {
        guard let manager = options.fieldManager, !manager.isEmpty else {
            throw APIError(
                code: 422, reason: "Invalid",
                message: "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                details: ["kind": "PatchOptions", "group": "meta.k8s.io",
                          "causes": [["reason": "FieldValueRequired", "message": "Required value: is required for apply patch", "field": "fieldManager"]]])
        }
        var config = try Self.parseApplyConfiguration(body)
        try rules.checkKind(&config)
        let bodyName = config.metadataName ?? name
        if bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        config[path: ["metadata", "name"]] = .string(name)
        try rules.checkNamespace(&config, urlNamespace: namespace)
        let key = rules.key(namespace: namespace, name: name)
        if await store.get(rules.groupResource, key) == nil {
            if subresource != nil { throw APIError.notFound(rules.groupVersionResource, name: name) }
            try await checkNamespaceAccepts(rules, namespace)
        }
        let ssa = ServerSideApply(schema: rules.schema, subresource: subresource ?? "")
        let now = clock.timestamp
        let gvr = rules.groupVersionResource
        let applied = config
        let force = options.force
        let fieldValidation = options.fieldValidation
        let result = try await commit(rules, key, dryRun: options.dryRun) { stored throws(APIError) in
            guard let stored else {
                var fresh = applied
                fresh[path: ["metadata", "resourceVersion"]] = nil
                do throws(ServerSideApplyError) {
                    fresh = try ssa.apply(config: fresh, to: nil, manager: manager, force: force, now: now).object
                } catch {
                    throw APIError(applyError: error, rules: rules, name: name)
                }
                // After field management, as upstream: the applier owns `f:stringData`.
                try rules.mergeStringData(&fresh)
                let managed = fresh[path: ["metadata", "managedFields"]]
                try rules.prepareForCreate(&fresh, urlNamespace: namespace, now: now)
                fresh[path: ["metadata", "managedFields"]] = managed
                _ = try rules.admit(&fresh, fieldValidation: fieldValidation)
                return fresh
            }
            let current = rules.served(stored)
            try Self.checkPrecondition(applied, current, gvr: gvr, name: name)
            var next: JSONValue
            do throws(ServerSideApplyError) {
                next = try ssa.apply(config: applied, to: current, manager: manager, force: force, now: now).object
            } catch {
                throw APIError(applyError: error, rules: rules, name: name)
            }
            LastAppliedAnnotation.sync(&next, appliedBy: manager, configuration: applied)
            try rules.mergeStringData(&next)
            next[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
            try rules.prepareForUpdate(&next, old: current, subresource: subresource)
            _ = try rules.admit(&next, old: current, fieldValidation: fieldValidation)
            if next == current { return stored }
            return Self.releasingIfFinalized(next)
        }
        return WriteResult(
            object: rules.served(result.object ?? .null), status: result.event == WatchEvent.Kind.added ? 201 : 200, warnings: [])
    }

    /// The body is YAML (JSON is YAML too); it must be one object.
    static func parseApplyConfiguration(_ body: [UInt8]) throws(APIError) -> JSONValue {
        let value: JSONValue
        if let json = try? JSONValue.parse(body) {
            value = json
        } else {
            do {
                value = try JSONValue.parseYAML(String(decoding: body, as: UTF8.self))
            } catch {
                throw APIError.badRequest("error decoding YAML: \(error)")
            }
        }
        guard value.objectValue != nil else {
            throw APIError.badRequest("error decoding YAML: the apply configuration must be an object")
        }
        return value
    }
}
