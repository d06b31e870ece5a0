import Values
import KubeObjects

/// The checks the API server makes outside the OpenAPI validator: items of
/// `x-kubernetes-list-type: set` lists must be unique, and so must the keys
/// (`x-kubernetes-list-map-keys`) of `map` lists; embedded resources must carry string
/// `apiVersion` and `kind`. Paths are Go `field.Path`s: a map value is `spec.labels[app]`.
extension StructuralSchema {
    static func listTypeCauses(_ x: JSONValue, _ s: StructuralSchema, path: String) -> [ValidationCause] {
        var causes: [ValidationCause] = []
        switch x {
        case .object(let o):
            for key in o.keys.sorted(by: String.goLess) {
                if let prop = s.properties[key] {
                    causes += listTypeCauses(o[key]!, prop, path: path.isEmpty ? key : "\(path).\(key)")
                } else if let additional = s.additionalProperties?.schema {
                    causes += listTypeCauses(o[key]!, additional, path: "\(path)[\(key)]")
                }
            }
        case .array(let a):
            switch s.listType {
            case "set"?:
                causes += duplicateIndices(a).map { .duplicate("\(path)[\($0)]", a[$0]) }
            case "map"?:
                causes += listMapCauses(a, keys: s.listMapKeys, path: path)
            default:
                break
            }
            if let items = s.items {
                for (i, item) in a.enumerated() { causes += listTypeCauses(item, items, path: "\(path)[\(i)]") }
            }
        default:
            break
        }
        return causes
    }

    /// The index of each value's second occurrence (reported once per value). Scalars
    /// compare as Go compares them (an int never equals a float); compounds by their JSON.
    private static func duplicateIndices(_ items: [JSONValue]) -> [Int] {
        guard items.count > 1 else { return [] }
        var seen: [JSONValue: Int] = [:]
        var compounds: [String: Int] = [:]
        var result: [Int] = []
        for (i, item) in items.enumerated() {
            let times: Int
            switch item {
            case .object, .array:
                let key = item.serialized()
                times = compounds[key, default: 0]
                compounds[key] = times + 1
            default:
                times = seen[item, default: 0]
                seen[item] = times + 1
            }
            if times == 1 { result.append(i) }
        }
        return result
    }

    private static func listMapCauses(_ items: [JSONValue], keys: [String], path: String) -> [ValidationCause] {
        for (i, item) in items.enumerated() where item.objectValue == nil && !item.isNull {
            return [.invalid("\(path)[\(i)]", item, "must be an object for an array of list-type map")]
        }
        // A missing key (or a null item) is its own value, distinct from any JSON value.
        let absent = JSONValue.string("\u{0}absent")
        let keyValues: [JSONValue] = items.map { item in
            if keys.count == 1 { return item[keys[0]] ?? absent }
            var k: [String: JSONValue] = [:]
            for name in keys { if let v = item[name] { k[name] = v } }
            return .object(k)
        }
        return duplicateIndices(keyValues).map { i in
            let value: JSONValue
            if keys.count == 1 {
                value = keyValues[i] == absent ? .emptyObject : .object([keys[0]: keyValues[i]])
            } else {
                value = keyValues[i]
            }
            return .duplicate("\(path)[\(i)]", value)
        }
    }

    /// An embedded resource (below the root) needs `apiVersion` and `kind`, as non-empty strings.
    static func embeddedResourceCauses(_ x: JSONValue, _ s: StructuralSchema, path: String, isRoot: Bool) -> [ValidationCause] {
        var causes: [ValidationCause] = []
        switch x {
        case .object(let o):
            if s.embeddedResource, !isRoot {
                let child = { (k: String) in path.isEmpty ? k : "\(path).\(k)" }
                if o["apiVersion"] == nil { causes.append(.required(child("apiVersion"), "must not be empty")) }
                if o["kind"] == nil { causes.append(.required(child("kind"), "must not be empty")) }
                for key in ["apiVersion", "kind"] {
                    guard let v = o[key] else { continue }
                    if let str = v.stringValue {
                        if str.isEmpty { causes.append(.invalid(child(key), v, "must not be empty")) }
                    } else {
                        causes.append(.invalid(child(key), v, "must be a string"))
                    }
                }
            }
            for key in o.keys.sorted(by: String.goLess) {
                if let prop = s.properties[key] {
                    causes += embeddedResourceCauses(o[key]!, prop, path: path.isEmpty ? key : "\(path).\(key)", isRoot: false)
                } else if let additional = s.additionalProperties?.schema {
                    causes += embeddedResourceCauses(o[key]!, additional, path: "\(path)[\(key)]", isRoot: false)
                }
            }
        case .array(let a):
            if let items = s.items {
                for (i, item) in a.enumerated() {
                    causes += embeddedResourceCauses(item, items, path: "\(path)[\(i)]", isRoot: false)
                }
            }
        default:
            break
        }
        return causes
    }
}
