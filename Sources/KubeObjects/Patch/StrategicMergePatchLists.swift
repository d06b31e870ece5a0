/// The list half of strategic merge patch: merging by merge key, `$patch` items,
/// primitive sets, `$deleteFromPrimitiveList`, and the ordering rules of
/// `$setElementOrder` (kubernetes/community "preserve order in strategic merge patch"):
/// items the patch names come in the patch's (or `$setElementOrder`'s) order, items only
/// the server has keep their relative order and are interleaved by their live position.
extension StrategicMergePatch {
    /// Merges a list whose field has `patchStrategy: merge` (or a delete list).
    static func mergeList(
        _ originalIn: [JSONValue], _ patchIn: [JSONValue], _ schema: ListSchema,
        mergeKey: String?, field: String, isDeleteList: Bool
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        if originalIn.isEmpty && patchIn.isEmpty { return originalIn }
        let isMap = try elementsAreMaps(originalIn, patchIn)
        var original = originalIn
        var patch = patchIn
        var merged: [JSONValue]
        if !isMap {
            if isDeleteList {
                return original.filter { item in !patch.contains { $0.semanticallyEquals(item) } }
            }
            merged = []
            for v in original + patch where !merged.contains(where: { $0.semanticallyEquals(v) }) {
                merged.append(v)
            }
        } else {
            guard let mergeKey, !mergeKey.isEmpty else { throw .mergeWithoutMergeKey(field: field) }
            (original, patch) = try applySpecialElements(original, patch, mergeKey: mergeKey)
            merged = try mergeByKey(original, patch, mergeKey: mergeKey, element: schema.element)
        }
        let (patchItems, serverOnly) = try partition(merged, by: patch, mergeKey: isMap ? mergeKey : nil)
        return try normalizeOrder(
            patchItems: patchItems, serverOnly: serverOnly, patchOrder: patch, serverOrder: original,
            mergeKey: isMap ? mergeKey : nil)
    }

    /// `$patch: delete` items delete their match; `$patch: replace` makes the rest of the
    /// patch list the whole list.
    static func applySpecialElements(
        _ originalIn: [JSONValue], _ patch: [JSONValue], mergeKey: String
    ) throws(StrategicMergePatchError) -> ([JSONValue], [JSONValue]) {
        var original = originalIn
        var plain: [JSONValue] = []
        var replace = false
        for v in patch {
            guard case .object(let m) = v, let directive = m[directiveMarker] else {
                plain.append(v)
                continue
            }
            switch directive {
            case .string("delete"):
                guard let keyValue = m[mergeKey] else { throw .missingMergeKey(item: v, mergeKey: mergeKey) }
                original.removeAll { $0[mergeKey].map { $0.semanticallyEquals(keyValue) } ?? false }
            case .string("replace"):
                replace = true
            case .string("merge"):
                throw .mergeDirectiveInList
            default:
                throw .unknownPatchType(directive: directive, in: v)
            }
        }
        if replace { return (plain.map(cleaned), []) }
        return (original, plain)
    }

    /// Merges each patch item into the original item with the same merge key, or appends it.
    static func mergeByKey(
        _ originalIn: [JSONValue], _ patch: [JSONValue], mergeKey: String, element: ObjectSchema
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        var original = originalIn
        let elementSchema = element.objectSchema ?? StructSchema(fields: [:])
        for v in patch {
            guard case .object(let pm) = v else { throw .badArgumentType(expected: "map[string]interface {}", actual: v) }
            guard let keyValue = pm[mergeKey] else { throw .missingMergeKey(item: v, mergeKey: mergeKey) }
            if let i = try indexOf(keyValue, in: original, mergeKey: mergeKey) {
                guard case .object(let om) = original[i] else { throw .badArgumentType(expected: "map[string]interface {}", actual: original[i]) }
                original[i] = .object(try mergeMap(om, pm, elementSchema))
            } else {
                original.append(cleaned(v))
            }
        }
        return original
    }

    static func indexOf(_ keyValue: JSONValue, in list: [JSONValue], mergeKey: String) throws(StrategicMergePatchError) -> Int? {
        for (i, item) in list.enumerated() {
            guard case .object(let m) = item else { throw .badArgumentType(expected: "map[string]interface {}", actual: item) }
            if let v = m[mergeKey], v.semanticallyEquals(keyValue) { return i }
        }
        return nil
    }

    /// Whether the items are objects (merge by key) or primitives; lists of lists and
    /// mixed lists are refused, as `sliceElementType` does.
    static func elementsAreMaps(_ a: [JSONValue], _ b: [JSONValue]) throws(StrategicMergePatchError) -> Bool {
        var first: String?
        for v in a + b {
            let t = v.goTypeName
            if first == nil {
                if case .array = v { throw .listOfLists }
                first = t
            } else if first != t {
                throw .mixedListElements(.array([.array(a), .array(b)]))
            }
        }
        guard let first else { throw .mixedListElements(.array([.array(a), .array(b)])) }
        return first == "map[string]interface {}"
    }

    /// Splits `merged` into items present in `list` (by merge key, or by value) and the rest.
    static func partition(
        _ merged: [JSONValue], by list: [JSONValue], mergeKey: String?
    ) throws(StrategicMergePatchError) -> ([JSONValue], [JSONValue]) {
        var inList: [JSONValue] = []
        var rest: [JSONValue] = []
        for v in merged {
            if try position(of: v, in: list, mergeKey: mergeKey) != nil { inList.append(v) } else { rest.append(v) }
        }
        return (inList, rest)
    }

    static func position(of item: JSONValue, in list: [JSONValue], mergeKey: String?) throws(StrategicMergePatchError) -> Int? {
        guard let mergeKey else { return list.firstIndex { $0.semanticallyEquals(item) } }
        guard let keyValue = item[mergeKey] else { throw .missingMergeKey(item: item, mergeKey: mergeKey) }
        return list.firstIndex { $0[mergeKey].map { $0.semanticallyEquals(keyValue) } ?? false }
    }

    /// `normalizeElementOrder`: patch items sorted by the patch order, server-only items by
    /// their live order, then interleaved: a server-only item goes before the next patch
    /// item when both are live and it was live earlier.
    static func normalizeOrder(
        patchItems: [JSONValue], serverOnly: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue],
        mergeKey: String?
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        let right = try sorted(patchItems, by: patchOrder, mergeKey: mergeKey)
        let left = try sorted(serverOnly, by: serverOrder, mergeKey: mergeKey)
        var out: [JSONValue] = []
        out.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                out.append(right[j]); j += 1
            } else if j >= right.count {
                out.append(left[i]); i += 1
            } else {
                let li = try position(of: left[i], in: serverOrder, mergeKey: mergeKey)
                let ri = try position(of: right[j], in: serverOrder, mergeKey: mergeKey)
                if let li, let ri, li < ri {
                    out.append(left[i]); i += 1
                } else {
                    out.append(right[j]); j += 1
                }
            }
        }
        return out
    }

    /// Stable sort of `items` by their index in `order`; items of `order` marked
    /// `$patch: delete` are dropped.
    static func sorted(_ items: [JSONValue], by order: [JSONValue], mergeKey: String?) throws(StrategicMergePatchError) -> [JSONValue] {
        var keyed: [(Int, Int, JSONValue)] = []
        keyed.reserveCapacity(items.count)
        for (n, item) in items.enumerated() {
            keyed.append((try position(of: item, in: order, mergeKey: mergeKey) ?? Int.max, n, item))
        }
        keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var out = keyed.map(\.2)
        if let mergeKey {
            for case .object(let m) in order where m[directiveMarker] == .string("delete") {
                if let kv = m[mergeKey] { out.removeAll { $0[mergeKey].map { $0.semanticallyEquals(kv) } ?? false } }
            }
        }
        return out
    }

    // MARK: $setElementOrder

    /// Processes every `$setElementOrder/<list>` of a patch map together with its list:
    /// merges the list, then orders it by the directive. Both keys leave the patch.
    static func mergeSetElementOrderLists(
        _ original: inout [String: JSONValue], _ patch: inout [String: JSONValue], _ schema: StructSchema
    ) throws(StrategicMergePatchError) {
        for key in patch.keys.sorted() where key.hasPrefix(setElementOrderPrefix) {
            let orderV = patch.removeValue(forKey: key)!
            guard case .array(let order) = orderV else { throw .badArgumentType(expected: "[]interface {}", actual: orderV) }
            let field = String(key.dropFirst(setElementOrderPrefix.count))
            if field.isEmpty { throw .badSetElementOrder }
            var originalList: [JSONValue]?
            var patchList: [JSONValue]?
            if let v = original[field] {
                guard case .array(let l) = v else { throw .badArgumentType(expected: "[]interface {}", actual: v) }
                originalList = l
            }
            if let v = patch[field] {
                guard case .array(let l) = v else { throw .badArgumentType(expected: "[]interface {}", actual: v) }
                patchList = l
            }
            let list = schema.member(field).schema.listSchema ?? ListSchema(.atomic, element: .deduced(.structFields))
            var mergeKey: String?
            var merges = false
            if case .merge(let k) = list.patchStrategy {
                mergeKey = k
                merges = true
            }
            try validateOrder(patchList ?? [], order, mergeKey: mergeKey)
            let merged: [JSONValue]
            switch (originalList, patchList) {
            case (let o?, nil): merged = o
            case (nil, let p?): merged = (cleaned(.array(p)).arrayValue ?? [])
            case (let o?, let p?):
                merged = merges ? try mergeList(o, p, list, mergeKey: mergeKey, field: field, isDeleteList: false) : (cleaned(.array(p)).arrayValue ?? [])
            case (nil, nil): continue
            }
            let isMap = try elementsAreMaps(originalList ?? [], patchList ?? [])
            let (patchItems, serverOnly) = try partition(merged, by: order, mergeKey: isMap ? mergeKey : nil)
            original[field] = .array(try normalizeOrder(
                patchItems: patchItems, serverOnly: serverOnly, patchOrder: order, serverOrder: originalList ?? [],
                mergeKey: isMap ? mergeKey : nil))
            patch.removeValue(forKey: field)
        }
    }

    /// The patch list's items must appear in the `$setElementOrder` list, in its order.
    static func validateOrder(_ patchList: [JSONValue], _ order: [JSONValue], mergeKey: String?) throws(StrategicMergePatchError) {
        if patchList.isEmpty || order.isEmpty { return }
        var items = patchList
        if mergeKey != nil {
            items = patchList.filter { !($0[directiveMarker] == .string("delete")) }
        }
        var pi = 0
        var oi = 0
        while pi < items.count && oi < order.count {
            if items[pi][directiveMarker] != nil {
                pi += 1
                continue
            }
            let equal: Bool
            if let mergeKey {
                guard let a = items[pi][mergeKey] else { throw .missingMergeKey(item: items[pi], mergeKey: mergeKey) }
                guard let b = order[oi][mergeKey] else { throw .missingMergeKey(item: order[oi], mergeKey: mergeKey) }
                equal = a.semanticallyEquals(b)
            } else {
                equal = items[pi].semanticallyEquals(order[oi])
            }
            if equal { pi += 1 }
            oi += 1
        }
        if pi < items.count && oi >= order.count {
            throw .setElementOrderMismatch(patchList: .array(patchList), orderList: .array(order))
        }
    }
}
