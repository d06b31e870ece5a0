import Values

/// Why a strategic merge patch could not be applied. Descriptions are
/// k8s.io/apimachinery's `strategicpatch`/`mergepatch` messages, which the API server
/// returns in a 422/400 Status, so a client sees the same text as from a real cluster.
public enum StrategicMergePatchError: Error, Equatable, CustomStringConvertible {
    /// The patch (or the object) is not a JSON object.
    case badJSONDocument
    /// `$patch` holds something other than `replace`/`delete` (or `merge` in a map).
    case unknownPatchType(directive: JSONValue, in: JSONValue)
    /// A list item of a merging list lacks the merge key.
    case missingMergeKey(item: JSONValue, mergeKey: String)
    /// `$patch: merge` inside a list.
    case mergeDirectiveInList
    /// A list of objects is to be merged but the schema declares no merge key.
    case mergeWithoutMergeKey(field: String)
    /// `$retainKeys` is not a list, or the patch sets a key it does not retain.
    case badRetainKeys
    /// `$setElementOrder/...` is malformed.
    case badSetElementOrder
    /// `$deleteFromPrimitiveList/...` is malformed.
    case badPrimitiveList
    /// The patch's list order contradicts its `$setElementOrder` list.
    case setElementOrderMismatch(patchList: JSONValue, orderList: JSONValue)
    /// Lists of lists cannot merge.
    case listOfLists
    /// A merging list mixes item types.
    case mixedListElements(JSONValue)
    /// A value has the wrong type for where the patch puts it.
    case badArgumentType(expected: String, actual: JSONValue)

    public var description: String {
        switch self {
        case .badJSONDocument: return "invalid JSON document"
        case .unknownPatchType(let d, let m): return "unknown patch type: \(d.goString) in map: \(m.goString)"
        case .missingMergeKey(let item, let key): return "map: \(item.goString) does not contain declared merge key: \(key)"
        case .mergeDirectiveInList: return "merging lists cannot yet be specified in the patch"
        case .mergeWithoutMergeKey(let field): return "cannot merge lists without merge key for \(field)"
        case .badRetainKeys: return "invalid patch format of retainKeys"
        case .badSetElementOrder: return "invalid patch format of setElementOrder list"
        case .badPrimitiveList: return "invalid patch format of primitive list"
        case .setElementOrderMismatch(let p, let o):
            return "The order in patch list:\n\(p.goString)\n doesn't match $setElementOrder list:\n\(o.goString)\n"
        case .listOfLists: return "lists of lists are not supported"
        case .mixedListElements(let v): return "list element types are not identical: \(v.goString)"
        case .badArgumentType(let expected, let actual):
            return "expected a \(expected), but received a \(actual.goTypeName)"
        }
    }
}

extension JSONValue {
    /// Go's `%v` of the value as `encoding/json` decodes it into `interface{}`
    /// (`map[a:1 b:[x y]]`), for error messages that print patch fragments.
    var goString: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return GoFloat.format(Double(i), "g", precision: -1)
        case .double(let d): return GoFloat.format(d, "g", precision: -1)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(\.goString).joined(separator: " ") + "]"
        case .object(let o):
            let keys = o.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return "map[" + keys.map { "\($0):\(o[$0]!.goString)" }.joined(separator: " ") + "]"
        }
    }

    /// Go's `reflect.TypeOf` name for the decoded value.
    var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int, .double: return "float64"
        case .string: return "string"
        case .array: return "[]interface {}"
        case .object: return "map[string]interface {}"
        }
    }
}
