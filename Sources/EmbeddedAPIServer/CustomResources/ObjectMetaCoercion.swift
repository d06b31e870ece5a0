import Values
import KubeObjects

/// `metadata` of a custom object (at the root and inside every
/// `x-kubernetes-embedded-resource`) is not judged by the CRD's schema: the API server
/// decodes it into Go's `metav1.ObjectMeta` and writes that back. Keys ObjectMeta does not
/// have are dropped (and reported as unknown fields under strict field validation), a known
/// field of the wrong JSON type is dropped (the server decodes with "drop malformed
/// fields"), and empty values vanish, as `omitempty` does on the way back out.
enum ObjectMetaCoercion {
    /// What one ObjectMeta key must hold.
    private indirect enum Shape {
        case string, integer, bool, stringMap, stringList, freeForm
        case objectList([String: Shape])
    }

    private static let ownerReference: [String: Shape] = [
        "apiVersion": .string, "kind": .string, "name": .string, "uid": .string,
        "controller": .bool, "blockOwnerDeletion": .bool,
    ]

    private static let managedFieldsEntry: [String: Shape] = [
        "manager": .string, "operation": .string, "apiVersion": .string, "time": .string,
        "fieldsType": .string, "fieldsV1": .freeForm, "subresource": .string,
    ]

    private static let objectMeta: [String: Shape] = [
        "name": .string, "generateName": .string, "namespace": .string, "selfLink": .string,
        "uid": .string, "resourceVersion": .string, "generation": .integer,
        "creationTimestamp": .string, "deletionTimestamp": .string,
        "deletionGracePeriodSeconds": .integer, "labels": .stringMap, "annotations": .stringMap,
        "ownerReferences": .objectList(ownerReference), "finalizers": .stringList,
        "managedFields": .objectList(managedFieldsEntry),
    ]

    /// The coerced metadata (`nil` when nothing of it survives, or it is not an object) and
    /// the unknown keys found, as paths under `prefix` (`metadata.foo`,
    /// `spec.template.metadata.ownerReferences[0].bar`), in key order as Go's decoder meets
    /// them in the re-marshalled (key-sorted) JSON.
    static func coerce(_ metadata: JSONValue, prefix: String) -> (metadata: JSONValue?, unknown: [String]) {
        guard case .object(let fields) = metadata else { return (nil, []) }
        var kept: [String: JSONValue] = [:]
        var unknown: [String] = []
        for key in fields.keys.sorted(by: String.goLess) {
            let value = fields[key]!
            guard let shape = objectMeta[key] else {
                unknown.append("\(prefix).\(key)")
                continue
            }
            var nested: [String] = []
            if let v = conform(value, to: shape, path: key, unknown: &nested) {
                // A malformed field is dropped with its nested unknown keys unreported, as
                // the server's field-by-field fallback decodes it leniently.
                unknown += nested.map { "\(prefix).\($0)" }
                // deletionGracePeriodSeconds is a pointer in Go: a zero survives.
                if !isEmpty(v) || (key == "deletionGracePeriodSeconds" && !v.isNull) { kept[key] = v }
            }
        }
        return (kept.isEmpty ? .emptyObject : .object(kept), unknown)
    }

    /// `value` as `shape` accepts it, or `nil` when it is malformed (dropped).
    private static func conform(_ value: JSONValue, to shape: Shape, path: String, unknown: inout [String]) -> JSONValue? {
        if value.isNull { return .null }
        switch shape {
        case .string: return value.stringValue.map(JSONValue.string)
        case .integer: return value.intValue.map(JSONValue.int)
        case .bool: return value.boolValue.map(JSONValue.bool)
        case .freeForm: return value
        case .stringMap:
            guard let o = value.objectValue, o.values.allSatisfy({ $0.stringValue != nil || $0.isNull }) else { return nil }
            return .object(o.filter { !$0.value.isNull })
        case .stringList:
            guard let a = value.arrayValue, a.allSatisfy({ $0.stringValue != nil }) else { return nil }
            return .array(a)
        case .objectList(let fields):
            guard let a = value.arrayValue else { return nil }
            var out: [JSONValue] = []
            for (i, item) in a.enumerated() {
                if item.isNull { out.append(.emptyObject); continue }
                guard let o = item.objectValue else { return nil }
                var kept: [String: JSONValue] = [:]
                for key in o.keys.sorted(by: String.goLess) {
                    guard let sub = fields[key] else {
                        unknown.append("\(path)[\(i)].\(key)")
                        continue
                    }
                    guard let v = conform(o[key]!, to: sub, path: "\(path)[\(i)].\(key)", unknown: &unknown) else { return nil }
                    if !isEmpty(v) { kept[key] = v }
                }
                out.append(.object(kept))
            }
            return .array(out)
        }
    }

    /// Go's `omitempty`: zero values are not written back. The booleans ObjectMeta holds
    /// (`controller`, `blockOwnerDeletion`) are pointers, so `false` survives.
    private static func isEmpty(_ v: JSONValue) -> Bool {
        switch v {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .int(let i): return i == 0
        case .bool: return false
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        case .double: return false
        }
    }
}
