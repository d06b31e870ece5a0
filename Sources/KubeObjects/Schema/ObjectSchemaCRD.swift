/// Reads a CustomResourceDefinition version's `openAPIV3Schema` the way the API server
/// builds structured-merge-diff types for custom resources: lists are atomic unless they
/// declare `x-kubernetes-list-type` (`set`, or `map` with `x-kubernetes-list-map-keys`),
/// objects are granular unless `x-kubernetes-map-type: atomic`, and
/// `x-kubernetes-preserve-unknown-fields` lets undeclared keys through as free-form
/// elements. `metadata` is always ObjectMeta, whatever the CRD says of it.
/// Custom resources never take strategic merge patch, so no patch strategies are set.
extension ObjectSchema {
    public init(crdOpenAPIV3Schema schema: JSONValue) {
        guard case .object(var root) = ObjectSchema.fromJSONSchema(schema) else {
            self = .root([:])
            return
        }
        root.fields["metadata"] = .objectMeta
        root.fields["apiVersion"] = .scalar
        root.fields["kind"] = .scalar
        self = .object(root)
    }

    static func fromJSONSchema(_ s: JSONValue) -> ObjectSchema {
        let preserveUnknown = s["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        if s["x-kubernetes-int-or-string"]?.boolValue == true { return .scalar }
        let type = s["type"]?.stringValue
        switch type {
        case "object":
            var fields: [String: ObjectSchema] = [:]
            for (name, sub) in s["properties"]?.objectValue ?? [:] {
                fields[name] = fromJSONSchema(sub)
            }
            var elements: ObjectSchema?
            if let additional = s["additionalProperties"] {
                if additional.objectValue != nil {
                    elements = fromJSONSchema(additional)
                } else if additional.boolValue == true {
                    elements = .deduced(.mapElements)
                }
            }
            if elements == nil, preserveUnknown || s["properties"] == nil {
                elements = .deduced(.mapElements)
            }
            if s["x-kubernetes-embedded-resource"]?.boolValue == true {
                fields["metadata"] = .objectMeta
                fields["apiVersion"] = fields["apiVersion"] ?? .scalar
                fields["kind"] = fields["kind"] ?? .scalar
            }
            let atomic = s["x-kubernetes-map-type"]?.stringValue == "atomic"
            return .object(StructSchema(fields: fields, elements: elements, isAtomic: atomic))
        case "array":
            let element = s["items"].map(fromJSONSchema) ?? .deduced(.mapElements)
            switch s["x-kubernetes-list-type"]?.stringValue {
            case "set":
                return .list(ListSchema(.set, element: element))
            case "map":
                let keys = s["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
                return .list(ListSchema(.map(keys: keys), element: element))
            default:
                return .list(ListSchema(.atomic, element: element))
            }
        case nil:
            return preserveUnknown ? .deduced(.mapElements) : (s["properties"] != nil ? fromJSONSchema(withType(s, "object")) : .deduced(.mapElements))
        default:
            return .scalar
        }
    }

    private static func withType(_ s: JSONValue, _ type: String) -> JSONValue {
        var copy = s
        copy["type"] = .string(type)
        return copy
    }
}
