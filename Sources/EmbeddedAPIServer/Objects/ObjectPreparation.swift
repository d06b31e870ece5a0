import KubeObjects

/// The registry strategy every write goes through (k8s.io/apiserver's `BeforeCreate` /
/// `BeforeUpdate` with the kind's PrepareFor* rules): server-owned metadata is set or
/// preserved, `status` and `spec` are reset by endpoint, and `generation` follows spec.
extension ResourceRules {
    /// Checks that a body is an object of this kind, and fills `apiVersion`/`kind` when a
    /// client left them out (typed Go clients and protobuf bodies always send them).
    func checkKind(_ object: inout JSONValue) throws(APIError) {
        guard object.objectValue != nil else {
            throw APIError.badRequest("the body of the request was not a JSON object")
        }
        if let v = object["apiVersion"]?.stringValue, !v.isEmpty {
            guard let gv = GroupVersion(apiVersion: v), gv.group == resource.group else {
                throw APIError.badRequest(
                    "the API version in the data (\(v)) does not match the expected API version (\(apiVersion))")
            }
        }
        if let k = object["kind"]?.stringValue, !k.isEmpty, k != resource.kind {
            throw APIError.badRequest("the kind in the data (\(k)) does not match the expected kind (\(resource.kind))")
        }
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(resource.kind)
    }

    /// The namespace in the body must agree with the URL's; it is filled from the URL
    /// because Helm's protobuf bodies omit it. Cluster-scoped objects carry none.
    func checkNamespace(_ object: inout JSONValue, urlNamespace: String?) throws(APIError) {
        let bodyNamespace = object.metadataNamespace ?? ""
        if resource.namespaced {
            let ns = urlNamespace ?? ""
            if !bodyNamespace.isEmpty && bodyNamespace != ns {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object[path: ["metadata", "namespace"]] = .string(ns)
        } else if object[path: ["metadata", "namespace"]] != nil {
            object[path: ["metadata", "namespace"]] = nil
        }
    }

    func validateName(_ name: String, object: JSONValue) throws(APIError) {
        let problems = NameValidation.problems(
            name, label: NameValidation.requiresLabel(group: resource.group, kind: resource.kind))
        guard problems.isEmpty else {
            throw APIError.invalid(
                kind: resource.kind, group: resource.group, name: name,
                causes: problems.map { ("metadata.name", "FieldValueInvalid", "Invalid value: \"\(name)\": \($0)") })
        }
    }

    /// A new object as the server stores it: its name (from `generateName` when absent),
    /// uid, creationTimestamp, generation; no status when the kind has a status
    /// subresource; nothing a client may not set on create.
    func prepareForCreate(_ object: inout JSONValue, urlNamespace: String?, now: String) throws(APIError) {
        try checkKind(&object)
        try checkNamespace(&object, urlNamespace: urlNamespace)
        var meta = object["metadata"]?.objectValue ?? [:]
        if let rv = meta["resourceVersion"]?.stringValue, !rv.isEmpty {
            throw APIError.badRequest("resourceVersion should not be set on objects to be created")
        }
        var name = meta["name"]?.stringValue ?? ""
        if name.isEmpty, let prefix = meta["generateName"]?.stringValue, !prefix.isEmpty {
            // Real servers cut the prefix so the whole name fits 63 characters.
            name = String(prefix.prefix(58)) + Identifiers.nameSuffix()
            meta["name"] = .string(name)
        }
        if name.isEmpty {
            throw APIError.invalid(
                kind: resource.kind, group: resource.group, name: "",
                causes: [("metadata.name", "FieldValueRequired", "Required value: name or generateName is required")])
        }
        try validateName(name, object: object)
        meta["uid"] = .string(Identifiers.uid())
        meta["creationTimestamp"] = .string(now)
        meta["deletionTimestamp"] = nil
        meta["deletionGracePeriodSeconds"] = nil
        meta["selfLink"] = nil
        if keepsGeneration { meta["generation"] = .int(1) } else { meta["generation"] = nil }
        object["metadata"] = .object(meta)
        if resource.hasStatus { object["status"] = nil }
        prepareKindOnCreate(&object)
    }

    /// Kind-specific defaults real registries set on create.
    private func prepareKindOnCreate(_ object: inout JSONValue) {
        if resource.group.isEmpty && resource.kind == "Namespace" {
            object[path: ["spec", "finalizers"]] = ["kubernetes"]
            object["status"] = ["phase": "Active"]
        }
        if resource.group.isEmpty && resource.kind == "Secret" && object["type"] == nil {
            object["type"] = "Opaque"
        }
    }

    /// An update (`PUT`, or the result of a patch) over `old`: server-owned metadata is
    /// kept, the part this endpoint does not write is reset from `old`, and generation
    /// moves when anything but metadata and status changed.
    func prepareForUpdate(_ object: inout JSONValue, old: JSONValue, subresource: String?) throws(APIError) {
        try checkKind(&object)
        let oldMeta = old["metadata"]?.objectValue ?? [:]
        if subresource == "status" {
            // Writes to /status change status only.
            var kept = old
            kept["status"] = object["status"]
            if let mf = object[path: ["metadata", "managedFields"]] { kept[path: ["metadata", "managedFields"]] = mf }
            object = kept
            return
        }
        var meta = object["metadata"]?.objectValue ?? [:]
        for key in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name", "generation"] {
            meta[key] = oldMeta[key]
        }
        meta["selfLink"] = nil
        if oldMeta["deletionTimestamp"] != nil {
            let before = Set((oldMeta["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue))
            let added = (meta["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue).filter { !before.contains($0) }
            if !added.isEmpty {
                throw APIError.invalid(
                    kind: resource.kind, group: resource.group, name: oldMeta["name"]?.stringValue ?? "",
                    causes: [("metadata.finalizers", "FieldValueForbidden",
                              "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\(added.map { "\"\($0)\"" }.joined(separator: ", "))}")])
            }
        }
        object["metadata"] = .object(meta)
        if resource.hasStatus { object["status"] = old["status"] }
        if keepsGeneration && specChanged(old, object) {
            let g = oldMeta["generation"]?.intValue ?? 0
            object[path: ["metadata", "generation"]] = .int(g + 1)
        }
    }

    /// Anything outside `metadata` (and `status`, for kinds with a status subresource)
    /// differs, which is what moves `generation`.
    func specChanged(_ a: JSONValue, _ b: JSONValue) -> Bool {
        let ao = a.objectValue ?? [:]
        let bo = b.objectValue ?? [:]
        let ignored: Set<String> = resource.hasStatus ? ["metadata", "status", "apiVersion", "kind"] : ["metadata", "apiVersion", "kind"]
        for key in Set(ao.keys).union(bo.keys) where !ignored.contains(key) {
            let x = ao[key], y = bo[key]
            if x == nil || y == nil || !x!.semanticallyEquals(y!) { return true }
        }
        return false
    }
}
