import KubeObjects

/// Defaulting, as the API server applies it to custom objects after pruning: first every
/// `null` that the schema does not allow (not `nullable`) and cannot default is removed,
/// then each declared property with a `default` that is absent (or a forbidden `null`)
/// receives a copy of it, walking down through properties, additionalProperties values and
/// array items. A parent is defaulted before its children are visited, so the defaults of
/// a freshly defaulted object apply too.
extension StructuralSchema {
    public func applyDefaults(_ object: JSONValue) -> JSONValue {
        var x = object
        Self.pruneNonNullableNulls(&x, self)
        Self.defaultNode(&x, self)
        return x
    }

    /// `null` where the schema forbids it and has no default to put there: the key goes.
    /// Array items are left alone (a list keeps its length); validation reports them.
    private static func pruneNonNullableNulls(_ x: inout JSONValue, _ s: StructuralSchema?) {
        switch x {
        case .object(var o):
            x = .null
            for key in Array(o.keys) {
                let schema = s?.schema(forKey: key)
                if o[key]!.isNull, let schema, !schema.nullable, schema.defaultValue == nil {
                    o[key] = nil
                } else {
                    pruneNonNullableNulls(&o[key]!, schema)
                }
            }
            x = .object(o)
        case .array(var a):
            x = .null
            for i in a.indices { pruneNonNullableNulls(&a[i], s?.items) }
            x = .array(a)
        default:
            break
        }
    }

    private static func isNonNullableNull(_ v: JSONValue?, _ s: StructuralSchema?) -> Bool {
        guard let v, v.isNull, let s else { return false }
        return !s.nullable
    }

    private static func defaultNode(_ x: inout JSONValue, _ s: StructuralSchema?) {
        guard let s else { return }
        switch x {
        case .object(var o):
            x = .null
            for (key, prop) in s.properties {
                guard let d = prop.defaultValue else { continue }
                if o[key] == nil || isNonNullableNull(o[key], prop) { o[key] = d }
            }
            for key in Array(o.keys) {
                if let prop = s.properties[key] {
                    defaultNode(&o[key]!, prop)
                } else if let additional = s.additionalProperties?.schema {
                    if isNonNullableNull(o[key], additional), let d = additional.defaultValue { o[key] = d }
                    defaultNode(&o[key]!, additional)
                }
            }
            x = .object(o)
        case .array(var a):
            x = .null
            for i in a.indices {
                if isNonNullableNull(a[i], s.items), let d = s.items?.defaultValue { a[i] = d }
                defaultNode(&a[i], s.items)
            }
            x = .array(a)
        default:
            break
        }
    }
}
