/// Field management for writes to one kind (and subresource), as k8s.io/apiserver's
/// fieldmanager over sigs.k8s.io/structured-merge-diff does it:
/// - `apply` (`PATCH` with `application/apply-patch+yaml`): merges the configuration into
///   the live object, removes fields this manager applied before and omits now unless
///   another manager owns them, and refuses (409) to change fields other managers own
///   unless `force`, which takes them over;
/// - `update` (create, update, every other patch type): the writer comes to own the fields
///   whose values it added or changed, and every other manager loses them.
///
/// Ownership never covers `apiVersion`, `kind` and the server-set metadata (`name`,
/// `namespace`, `uid`, `resourceVersion`, `generation`, `creationTimestamp`,
/// `managedFields`, ...), nor the fields the endpoint resets: `status` for the main
/// resource, `spec` and `metadata` for `/status`.
///
/// Not modelled: conversion of manager sets between API versions (sets are used as
/// written, whatever their `apiVersion`), the ten-Update-manager cap (`ancient-changes`),
/// and kubectl's last-applied-configuration migration, which kubectl does itself.
public struct ServerSideApply: Sendable {
    public var schema: ObjectSchema
    public var subresource: String
    /// Top-level field paths whose writes this endpoint discards.
    public var resetPaths: [[String]]

    public init(schema: ObjectSchema, subresource: String = "", resetPaths: [[String]]? = nil) {
        self.schema = schema
        self.subresource = subresource
        self.resetPaths = resetPaths ?? (subresource == "status" ? [["spec"], ["metadata"]] : [["status"]])
    }

    /// What an apply produced.
    public struct Result: Sendable, Equatable {
        /// The new object, its `metadata.managedFields` written.
        public var object: JSONValue
        public var managedFields: ManagedFields
        /// Whether anything but `managedFields` differs from the live object (an apply that
        /// changes nothing leaves the manager's time as it was).
        public var objectChanged: Bool
    }

    var resetFields: FieldSet { FieldSet(resetPaths.map { $0.map(PathElement.field) }) }

    /// Fields nobody owns: what the API server sets itself (fieldmanager's stripMeta).
    static let strippedFields = FieldSet(
        [["apiVersion"], ["kind"], ["metadata"]].map { $0.map(PathElement.field) }
            + ["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields",
               "resourceVersion"].map { [PathElement.field("metadata"), .field($0)] })

    // MARK: apply

    /// Server-side applies `config` (a partial object in the kind's apiVersion) as `manager`.
    /// `live` is nil when the apply creates the object. `now` stamps the manager's entry.
    public func apply(
        config: JSONValue, to live: JSONValue?, manager: String, force: Bool, now: String
    ) throws(ServerSideApplyError) -> Result {
        if let mf = config[path: ["metadata", "managedFields"]], !mf.isNull { throw .managedFieldsInConfig }
        let typed = TypedValue(schema: schema)
        var sets = try Self.byIdentity(ManagedFields(of: live))
        let liveBare = live.map(Self.withoutManagedFields)
        let configBare = Self.withoutManagedFields(config)

        var merged = try typed.merge(liveBare, configBare) ?? configBare
        let applier = ManagerIdentity(manager: manager, operation: .apply, apiVersion: "", subresource: subresource)
        let last = sets[applier]
        let applied = try typed.fieldSet(of: configBare).removingSubtrees(resetFields)
        sets[applier] = ManagedFieldsEntry(
            manager: manager, operation: .apply, apiVersion: config["apiVersion"]?.stringValue ?? "",
            time: last?.time, fields: applied, subresource: subresource)
        if let lastFields = last?.fields, !lastFields.isEmpty {
            merged = try prune(merged, owned: sets.values.map(\.fields), last: lastFields)
        }
        merged = restoringResetFields(merged, from: liveBare)

        let comparison = try typed.compare(liveBare ?? .emptyObject, merged).excluding(resetFields)
        let changed = comparison.modified.union(comparison.added)
        var conflicts: [ApplyConflict] = []
        var taken: [ManagerIdentity: FieldSet] = [:]
        for id in sets.keys.sorted(by: { $0.identifierJSON.utf8.lexicographicallyPrecedes($1.identifierJSON.utf8) }) where id != applier {
            let c = sets[id]!.fields.intersection(changed)
            if c.isEmpty { continue }
            taken[id] = c
            conflicts += c.paths.map { ApplyConflict(manager: id, path: $0) }
        }
        if !force && !conflicts.isEmpty { throw .conflict(ApplyConflictError(conflicts: conflicts)) }
        for id in Array(sets.keys) where id != applier {
            var fields = sets[id]!.fields
            if let t = taken[id] { fields = fields.subtracting(t) }
            sets[id]!.fields = fields.subtracting(comparison.removed)
        }
        let objectChanged = liveBare.map { !$0.semanticallyEquals(merged) } ?? true
        if objectChanged { sets[applier]!.time = now }
        let managed = Self.finish(sets)
        managed.write(into: &merged)
        return Result(object: merged, managedFields: managed, objectChanged: objectChanged)
    }

    /// Removes from `merged` the fields of `last` nobody owns any more, as structured-merge-diff's
    /// `prune` (remove the previously applied fields, add back what any manager owns,
    /// and keep what was there but never applied by this manager).
    func prune(_ merged: JSONValue, owned: [FieldSet], last: FieldSet) throws(ServerSideApplyError) -> JSONValue {
        let typed = TypedValue(schema: schema)
        let lastNamed = last.ensuringNamedFieldsAreMembers(schema)
        var pruned = try typed.removing(lastNamed, from: merged)
        let mergedSet = try typed.fieldSet(of: merged).ensuringNamedFieldsAreMembers(schema)
        let managed = owned.reduce(FieldSet()) { $0.union($1) }.ensuringNamedFieldsAreMembers(schema)
        let prunedSet = try typed.fieldSet(of: pruned).ensuringNamedFieldsAreMembers(schema)
        pruned = try typed.removing(mergedSet.subtracting(prunedSet.union(managed)), from: merged)
        let stillThere = try typed.fieldSet(of: pruned).ensuringNamedFieldsAreMembers(schema)
        return try typed.removing(mergedSet.subtracting(stillThere).intersection(lastNamed), from: merged)
    }

    /// The reset fields as they are live (absent when absent): the endpoint ignores writes to them.
    func restoringResetFields(_ object: JSONValue, from live: JSONValue?) -> JSONValue {
        var out = object
        for path in resetPaths {
            out[path: path] = nil
            if let v = live?[path: path] { out[path: path] = v }
        }
        return out
    }

    // MARK: update

    /// Records a non-apply write of `new` (over `old`, nil on create) by `manager`.
    /// Managed fields come from `new` when it carries any (clients may rewrite them, as
    /// kubectl's client-side-apply migration does), otherwise from `old`.
    /// Returns `new` with its `metadata.managedFields` written.
    public func update(old: JSONValue?, new: JSONValue, manager: String, now: String) throws(ServerSideApplyError) -> JSONValue {
        let typed = TypedValue(schema: schema)
        var managed = (try? ManagedFields(of: new)) ?? ManagedFields()
        if managed.entries.isEmpty { managed = try ManagedFields(of: old) }
        var sets = Self.byIdentity(managed)
        let oldBare = old.map(Self.withoutManagedFields)
        var newBare = Self.withoutManagedFields(new)

        let comparison = try typed.compare(oldBare ?? .emptyObject, newBare).excluding(resetFields)
        var fresh = comparison.modified.union(comparison.added).subtracting(Self.strippedFields)
        if old == nil, let gvk = newBare.groupVersionKind, ObjectSchema.builtinGroups.contains(gvk.group) {
            fresh = Self.droppingStructMembers(fresh, in: newBare, schema: schema)
        }
        let lost = comparison.modified.union(comparison.added).union(comparison.removed)
        for id in Array(sets.keys) {
            sets[id]!.fields = sets[id]!.fields.subtracting(lost)
        }
        if !fresh.isEmpty {
            let me = ManagerIdentity(
                manager: manager, operation: .update, apiVersion: new["apiVersion"]?.stringValue ?? "", subresource: subresource)
            var entry = sets[me] ?? ManagedFieldsEntry(
                manager: manager, operation: .update, apiVersion: me.apiVersion, time: nil, fields: FieldSet(),
                subresource: subresource)
            entry.fields = entry.fields.union(fresh)
            entry.time = now
            sets[me] = entry
        }
        Self.finish(sets).write(into: &newBare)
        return newBare
    }

    /// On create, Go's zero value of the typed object already holds every non-pointer struct
    /// (`spec`, `template`, ...), so those are not "added" and are not owned themselves;
    /// maps, lists and their items are. Built-in schemas do not record which structs are
    /// pointers, so every struct is treated as a non-pointer one. Custom resources have no
    /// typed zero object: everything they are created with is added.
    static func droppingStructMembers(_ set: FieldSet, in value: JSONValue, schema: ObjectSchema) -> FieldSet {
        var out = FieldSet()
        for path in set.paths where !isPopulatedStruct(path, in: set, value: value, schema: schema) {
            out.insert(path)
        }
        return out
    }

    /// Whether `path` names a declared struct field (not a map, not atomic) that holds
    /// fields of its own in `value`, or a list a typed zero object already holds.
    static func isPopulatedStruct(_ path: FieldPath, in set: FieldSet, value: JSONValue, schema: ObjectSchema) -> Bool {
        guard case .field? = path.last, hasDescendants(set, path) else { return false }
        var node: JSONValue? = value
        var s = schema
        var named = false
        for pe in path {
            switch pe {
            case .field(let k):
                guard let m = s.objectSchema?.member(k) else { return false }
                s = m.schema
                named = m.isNamedField
                node = node?[k]
            default:
                guard let l = s.listSchema, let items = node?.arrayValue else { return false }
                node = items.enumerated().first { (try? TypedValue.pathElement(of: $0.element, at: $0.offset, in: l)) == pe }?.element
                s = l.element
                named = false
            }
        }
        guard named else { return false }
        if case .list(let l) = s { return l.inZeroObject && l.listType != .atomic }
        guard case .object(let m)? = node, !m.isEmpty, let os = s.objectSchema else { return false }
        return os.elements == nil && !os.isAtomic
    }

    static func hasDescendants(_ set: FieldSet, _ path: FieldPath) -> Bool {
        var node = set
        for pe in path {
            guard let c = node.children[pe] else { return false }
            node = c
        }
        return !node.isEmpty
    }

    // MARK: helpers

    static func withoutManagedFields(_ object: JSONValue) -> JSONValue {
        guard object[path: ["metadata", "managedFields"]] != nil else { return object }
        var o = object
        o[path: ["metadata", "managedFields"]] = nil
        return o
    }

    static func byIdentity(_ managed: ManagedFields) -> [ManagerIdentity: ManagedFieldsEntry] {
        var out: [ManagerIdentity: ManagedFieldsEntry] = [:]
        for e in managed.entries {
            if var existing = out[e.identity] {
                existing.fields = existing.fields.union(e.fields)
                out[e.identity] = existing
            } else {
                out[e.identity] = e
            }
        }
        return out
    }

    /// Strips the server-owned fields and drops managers left owning nothing.
    static func finish(_ sets: [ManagerIdentity: ManagedFieldsEntry]) -> ManagedFields {
        var entries: [ManagedFieldsEntry] = []
        for var e in sets.values {
            e.fields = e.fields.subtracting(strippedFields)
            if !e.fields.isEmpty { entries.append(e) }
        }
        return ManagedFields(ManagedFields(entries).sorted)
    }
}
