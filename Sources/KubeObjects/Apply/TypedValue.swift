import Values

/// The schema-aware operations structured-merge-diff's `typed` package performs on
/// objects, which server-side apply is built from:
/// - `fieldSet(of:)` (`ToFieldSet`): the fields a value sets;
/// - `compare(_:_:)` (`Compare`): which fields were added, modified or removed;
/// - `merge(_:_:)` (`Merge`): a config laid over a live object;
/// - `removing(_:from:)` (`RemoveItems`): a value without the given fields.
public struct TypedValue: Sendable {
    public var schema: ObjectSchema

    public init(schema: ObjectSchema) {
        self.schema = schema
    }

    /// The difference between two versions of an object.
    public struct Comparison: Sendable, Equatable {
        public var added = FieldSet()
        public var modified = FieldSet()
        public var removed = FieldSet()

        /// Drops the given fields and what lies under them (`ExcludeFields`).
        func excluding(_ fields: FieldSet) -> Comparison {
            Comparison(
                added: added.removingSubtrees(fields), modified: modified.removingSubtrees(fields),
                removed: removed.removingSubtrees(fields))
        }
    }

    // MARK: list items

    /// The path element naming a list item: its key fields (defaults filled in), its value
    /// for a set, its index otherwise.
    static func pathElement(of item: JSONValue, at index: Int, in list: ListSchema) throws(ServerSideApplyError) -> PathElement {
        switch list.listType {
        case .set: return .value(item)
        case .atomic: return .index(index)
        case .map(let keys):
            guard case .object(let m) = item else {
                throw .invalidObject("expected map item in associative list, got \(item.typeName)")
            }
            if keys.isEmpty { return .index(index) }
            var fields: [(String, JSONValue)] = []
            for k in keys {
                if let v = m[k] {
                    fields.append((k, v))
                } else if let d = ListSchema.keyDefaults[k] {
                    fields.append((k, d))
                } else {
                    throw .invalidObject("associative list with keys has an element that omits key field \(GoQuote.quote(k)) (and doesn't have default value)")
                }
            }
            return .keyed(fields)
        }
    }

    /// Items of a non-atomic list by path element, in order; a repeated element keeps its
    /// first item.
    static func indexed(_ items: [JSONValue], _ list: ListSchema) throws(ServerSideApplyError) -> [(PathElement, JSONValue)] {
        var out: [(PathElement, JSONValue)] = []
        var seen = Set<PathElement>()
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let pe = try pathElement(of: item, at: i, in: list)
            if seen.insert(pe).inserted { out.append((pe, item)) }
        }
        return out
    }

    // MARK: ToFieldSet

    /// The fields `value` sets: leaves, atomic nodes, list items, map elements, and struct
    /// fields set to `null` or `{}`.
    public func fieldSet(of value: JSONValue) throws(ServerSideApplyError) -> FieldSet {
        var set = FieldSet()
        var path: FieldPath = []
        try Self.collect(value, schema, &path, into: &set)
        return set
    }

    static func collect(_ value: JSONValue, _ schema: ObjectSchema, _ path: inout FieldPath, into set: inout FieldSet) throws(ServerSideApplyError) {
        switch value {
        case .object(let m):
            guard let s = schema.objectSchema else {
                set.insert(path)
                return
            }
            if s.isAtomic {
                set.insert(path)
                return
            }
            for (k, v) in m {
                let member = s.member(k)
                path.append(.field(k))
                if v.isNull || v == .emptyObject || !member.isNamedField { set.insert(path) }
                try collect(v, member.schema, &path, into: &set)
                path.removeLast()
            }
        case .array(let items):
            guard let l = schema.listSchema, l.listType != .atomic else {
                set.insert(path)
                return
            }
            for (pe, item) in try indexed(items, l) {
                path.append(pe)
                try collect(item, l.element, &path, into: &set)
                set.insert(path)
                path.removeLast()
            }
        case .null:
            return  // a null field was inserted by its parent
        default:
            set.insert(path)
        }
    }

    // MARK: Compare

    /// Which fields `new` adds, changes and drops relative to `old`.
    public func compare(_ old: JSONValue?, _ new: JSONValue?) throws(ServerSideApplyError) -> Comparison {
        var c = Comparison()
        var path: FieldPath = []
        try Self.compare(old, new, schema, &path, into: &c)
        return c
    }

    static func isEmptyContainer(_ v: JSONValue?) -> Bool {
        switch v {
        case nil, .null?: return true
        case .object(let m)?: return m.isEmpty
        case .array(let a)?: return a.isEmpty
        default: return false
        }
    }

    static func compare(_ lhs: JSONValue?, _ rhs: JSONValue?, _ schema: ObjectSchema, _ path: inout FieldPath, into c: inout Comparison) throws(ServerSideApplyError) {
        if lhs == nil && rhs == nil { return }
        var leaf = true
        switch ((lhs ?? rhs)!, (rhs ?? lhs)!) {
        case (.object, .object), (.object, .null), (.null, .object):
            if let s = schema.objectSchema, !s.isAtomic, !(isEmptyContainer(lhs) && isEmptyContainer(rhs)) {
                leaf = false
                let l = lhs?.objectValue ?? [:]
                let r = rhs?.objectValue ?? [:]
                for k in Set(l.keys).union(r.keys) {
                    path.append(.field(k))
                    try compare(l[k], r[k], s.member(k).schema, &path, into: &c)
                    path.removeLast()
                }
            }
        case (.array, .array), (.array, .null), (.null, .array):
            if let ls = schema.listSchema, ls.listType != .atomic, !(isEmptyContainer(lhs) && isEmptyContainer(rhs)) {
                leaf = false
                let l = try indexed(lhs?.arrayValue ?? [], ls)
                let r = try indexed(rhs?.arrayValue ?? [], ls)
                let rByPE = Dictionary(r, uniquingKeysWith: { a, _ in a })
                let lByPE = Dictionary(l, uniquingKeysWith: { a, _ in a })
                for (pe, item) in l {
                    path.append(pe)
                    try compare(item, rByPE[pe], ls.element, &path, into: &c)
                    path.removeLast()
                }
                for (pe, item) in r where lByPE[pe] == nil {
                    path.append(pe)
                    try compare(nil, item, ls.element, &path, into: &c)
                    path.removeLast()
                }
            }
        default:
            break
        }
        if leaf {
            if lhs == nil {
                c.added.insert(path)
            } else if rhs == nil {
                c.removed.insert(path)
            } else if !lhs!.semanticallyEquals(rhs!) {
                c.modified.insert(path)
            }
        } else if lhs == nil {
            c.added.insert(path)
        } else if rhs == nil {
            c.removed.insert(path)
        }
    }

    // MARK: Merge

    /// `config` laid over `live`: config wins on leaves and atomic nodes; keyed list items
    /// merge by key, live-only items keep their place, config items come in config order.
    public func merge(_ live: JSONValue?, _ config: JSONValue?) throws(ServerSideApplyError) -> JSONValue? {
        try Self.merge(live, config, schema)
    }

    static func merge(_ lhs: JSONValue?, _ rhs: JSONValue?, _ schema: ObjectSchema) throws(ServerSideApplyError) -> JSONValue? {
        guard let rhs else { return lhs }
        guard let lhs else { return rhs }
        switch (lhs, rhs) {
        case (.object(let l), .object(let r)):
            guard let s = schema.objectSchema, !s.isAtomic, !(l.isEmpty && r.isEmpty) else { return rhs }
            var out = l
            for (k, v) in r {
                out[k] = try merge(l[k], v, s.member(k).schema)
            }
            return .object(out)
        case (.array(let l), .array(let r)):
            guard let ls = schema.listSchema, ls.listType != .atomic, !(l.isEmpty && r.isEmpty) else { return rhs }
            return .array(try mergeItems(indexed(l, ls), indexed(r, ls), ls.element))
        default:
            return rhs
        }
    }

    /// structured-merge-diff's list merge order: walk both lists; shared items are emitted
    /// in the config's order, live-only items stay where they were relative to them.
    static func mergeItems(_ lhs: [(PathElement, JSONValue)], _ rhs: [(PathElement, JSONValue)], _ element: ObjectSchema) throws(ServerSideApplyError) -> [JSONValue] {
        let lByPE = Dictionary(lhs, uniquingKeysWith: { a, _ in a })
        let rByPE = Dictionary(rhs, uniquingKeysWith: { a, _ in a })
        var shared = rhs.map(\.0).filter { lByPE[$0] != nil }[...]
        var nextShared = shared.popFirst()
        var merged = Set<PathElement>()
        var out: [JSONValue] = []
        var li = 0
        var ri = 0
        while li < lhs.count || ri < rhs.count {
            if li < lhs.count && ri < rhs.count {
                let pe = lhs[li].0
                if pe == rhs[ri].0 {
                    merged.insert(pe)
                    if let m = try merge(lhs[li].1, rhs[ri].1, element) { out.append(m) }
                    li += 1
                    ri += 1
                    nextShared = shared.popFirst()
                    continue
                }
                if rByPE[pe] != nil, let ns = nextShared, ns != pe {
                    li += 1
                    continue
                }
            }
            if li < lhs.count {
                let pe = lhs[li].0
                if rByPE[pe] == nil {
                    out.append(lhs[li].1)
                    li += 1
                    continue
                } else if merged.contains(pe) {
                    li += 1
                    continue
                }
            }
            if ri < rhs.count {
                let pe = rhs[ri].0
                merged.insert(pe)
                if let m = try merge(lByPE[pe], rhs[ri].1, element) { out.append(m) }
                ri += 1
                if nextShared == pe { nextShared = shared.popFirst() }
            }
        }
        return out
    }

    // MARK: RemoveItems

    /// `value` without the fields of `set` (a member removes its whole subtree).
    public func removing(_ set: FieldSet, from value: JSONValue) throws(ServerSideApplyError) -> JSONValue {
        try Self.remove(set, from: value, schema)
    }

    static func remove(_ set: FieldSet, from value: JSONValue, _ schema: ObjectSchema) throws(ServerSideApplyError) -> JSONValue {
        if set.isEmpty { return value }
        switch value {
        case .object(let m):
            guard let s = schema.objectSchema, !s.isAtomic, !m.isEmpty else { return value }
            var out: [String: JSONValue] = [:]
            out.reserveCapacity(m.count)
            for (k, v) in m {
                let pe = PathElement.field(k)
                if set.members.contains(pe) { continue }
                let sub = set.child(pe)
                out[k] = sub.isEmpty ? v : try remove(sub, from: v, s.member(k).schema)
            }
            return .object(out)
        case .array(let items):
            guard let ls = schema.listSchema, ls.listType != .atomic, !items.isEmpty else { return value }
            var out: [JSONValue] = []
            for (i, item) in items.enumerated() {
                let pe = try pathElement(of: item, at: i, in: ls)
                if set.members.contains(pe) { continue }
                let sub = set.child(pe)
                out.append(sub.isEmpty ? item : try remove(sub, from: item, ls.element))
            }
            return .array(out)
        default:
            return value
        }
    }
}

extension ListSchema {
    /// Defaults of list-map key fields that Kubernetes' OpenAPI declares, used when an item
    /// omits them (`protocol` of container and service ports defaults to TCP).
    static let keyDefaults: [String: JSONValue] = ["protocol": "TCP"]
}
