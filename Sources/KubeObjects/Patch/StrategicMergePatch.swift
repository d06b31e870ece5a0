/// Applies a strategic merge patch (`application/strategic-merge-patch+json`) to a
/// built-in object, as the API server does with k8s.io/apimachinery's
/// `strategicpatch.StrategicMergeMapPatch` (MergeParallelList and IgnoreUnmatchedNulls
/// both on): maps merge key by key and `null` deletes a key; lists whose field has
/// `patchStrategy: merge` merge by their merge key (objects) or as sets (primitives),
/// other lists are replaced; and the directives kubectl sends are honoured:
/// `$patch: replace|delete` (and `merge` in a list, which upstream refuses),
/// `$setElementOrder/<list>`, `$retainKeys` and `$deleteFromPrimitiveList/<list>`.
///
/// What the result keeps of a patch that has no counterpart in the object (new keys, new
/// list items) is cleaned of `null`s and `$` directives, as the typed decode that follows
/// the merge in the API server drops them.
public enum StrategicMergePatch {
    static let directiveMarker = "$patch"
    static let retainKeysDirective = "$retainKeys"
    static let setElementOrderPrefix = "$setElementOrder/"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"

    /// `original` patched by `patch`, both whole objects; `schema` is the kind's schema.
    public static func apply(
        _ patch: JSONValue, to original: JSONValue, schema: ObjectSchema
    ) throws(StrategicMergePatchError) -> JSONValue {
        guard case .object(let p) = patch else { throw .badJSONDocument }
        let o: [String: JSONValue]
        switch original {
        case .object(let m): o = m
        case .null: o = [:]
        default: throw .badJSONDocument
        }
        let s = schema.objectSchema ?? StructSchema(fields: [:])
        return .object(try mergeMap(o, p, s))
    }

    // MARK: maps

    static func mergeMap(
        _ originalIn: [String: JSONValue], _ patchIn: [String: JSONValue], _ schema: StructSchema
    ) throws(StrategicMergePatchError) -> [String: JSONValue] {
        var patch = patchIn
        if let directive = patch[directiveMarker] {
            switch directive {
            case .string("replace"):
                patch.removeValue(forKey: directiveMarker)
                return cleanedMap(patch)
            case .string("delete"):
                return [:]
            default:
                throw .unknownPatchType(directive: directive, in: .object(patch))
            }
        }
        var original = originalIn
        try applyRetainKeys(&original, &patch)
        try mergeSetElementOrderLists(&original, &patch, schema)

        // Go ranges over the patch map in no fixed order; keys are independent, but a
        // sorted walk keeps errors deterministic.
        for key in patch.keys.sorted() {
            let patchV = patch[key]!
            var k = key
            var isDeleteList = false
            if key.hasPrefix(deleteFromPrimitiveListPrefix) {
                k = String(key.dropFirst(deleteFromPrimitiveListPrefix.count))
                if k.isEmpty { throw .badPrimitiveList }
                isDeleteList = true
            } else if key.hasPrefix("$") {
                continue  // a directive upstream would leave for the typed decode to drop
            }
            if patchV.isNull {
                original.removeValue(forKey: k)
                continue
            }
            guard let originalV = original[k] else {
                if !isDeleteList { original[k] = cleaned(patchV) }
                continue
            }
            let member = schema.member(k).schema
            switch (originalV, patchV) {
            case (.object(let om), .object(let pm)):
                original[k] = .object(try mergeMap(om, pm, member.objectSchema ?? StructSchema(fields: [:])))
            case (.array(let ol), .array(let pl)):
                let list = member.listSchema ?? ListSchema(.atomic, element: .deduced(.structFields))
                if case .merge(let mergeKey) = list.patchStrategy {
                    original[k] = .array(try mergeList(ol, pl, list, mergeKey: mergeKey, field: k, isDeleteList: isDeleteList))
                } else if isDeleteList {
                    // Delete lists apply whatever the field's strategy (primitive lists only).
                    original[k] = .array(try mergeList(ol, pl, list, mergeKey: nil, field: k, isDeleteList: true))
                } else {
                    original[k] = cleaned(patchV)
                }
            default:
                if sameGoType(originalV, patchV) || !isDeleteList { original[k] = cleaned(patchV) }
            }
        }
        return original
    }

    /// `$retainKeys: [...]` clears every key of the original it does not name; every key the
    /// patch sets must be named.
    static func applyRetainKeys(
        _ original: inout [String: JSONValue], _ patch: inout [String: JSONValue]
    ) throws(StrategicMergePatchError) {
        guard let retain = patch.removeValue(forKey: retainKeysDirective) else { return }
        guard case .array(let names) = retain else { throw .badRetainKeys }
        let kept = Set(names.compactMap(\.stringValue))
        for (k, v) in patch where !v.isNull && !k.hasPrefix(deleteFromPrimitiveListPrefix) && !k.hasPrefix(setElementOrderPrefix) {
            if !kept.contains(k) { throw .badRetainKeys }
        }
        for k in original.keys where !kept.contains(k) {
            original.removeValue(forKey: k)
        }
    }

    static func sameGoType(_ a: JSONValue, _ b: JSONValue) -> Bool {
        a.goTypeName == b.goTypeName
    }

    // MARK: cleaning values taken whole from the patch

    static func cleaned(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let m): return .object(cleanedMap(m))
        case .array(let items):
            return .array(items.compactMap { item in
                if case .object(let m) = item, m[directiveMarker] == .string("delete") { return nil }
                return cleaned(item)
            })
        default: return v
        }
    }

    static func cleanedMap(_ m: [String: JSONValue]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        out.reserveCapacity(m.count)
        for (k, v) in m where !v.isNull && !k.hasPrefix("$") {
            out[k] = cleaned(v)
        }
        return out
    }
}
