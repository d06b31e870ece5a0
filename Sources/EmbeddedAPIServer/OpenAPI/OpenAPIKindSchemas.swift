import KubeObjects

/// The `components.schemas` entry of a kind: what `kubectl explain` prints.
///
/// Built-in kinds are coarse: their shape comes from `ObjectSchema`, which knows the structs,
/// maps and lists that merging needs (with `x-kubernetes-list-type`, list-map keys, patch merge
/// keys and strategies) but not most scalar types, so a scalar field has no `type`. Top-level
/// fields get descriptions, and a few kinds their scalar top-level fields, so that
/// `kubectl explain configmap` reads sensibly. Custom kinds use their CRD's `openAPIV3Schema`.
enum OpenAPIKindSchemas {
    static func builtin(_ r: APIResource) -> JSONValue {
        let shape = ObjectSchema.builtin(r.groupVersionKind) ?? .fields([:])
        var schema = convert(shape)
        if case .object(var props) = schema["properties"] ?? [:] {
            for (name, extra) in OpenAPIDescriptions.extraFields(r) where props[name] == nil {
                props[name] = extra
            }
            // Every kind's apiVersion and kind are strings (explain prints `<string>`).
            for name in ["apiVersion", "kind"] where props[name] != nil && props[name]?["type"] == nil {
                props[name]?["type"] = "string"
            }
            for (name, var prop) in props {
                if prop["description"] == nil, let d = OpenAPIDescriptions.field(name, of: r) {
                    prop["description"] = .string(d)
                }
                props[name] = prop
            }
            schema["properties"] = .object(props)
        }
        schema["description"] = .string(OpenAPIDescriptions.kind(r))
        return withKindMarkers(schema, r)
    }

    /// A custom kind: the CRD version's structural schema as given, with `metadata` pointing at
    /// `ObjectMeta` and `apiVersion`/`kind` described, as the real server publishes it.
    static func custom(_ r: APIResource, schema: JSONValue?) -> JSONValue {
        var s = schema ?? CustomResourceVersion.untypedSchema
        if s.objectValue == nil { s = ["type": "object"] }
        var props = s["properties"]?.objectValue ?? [:]
        props["apiVersion"] = mergeDescription(props["apiVersion"], type: "string", OpenAPIDescriptions.apiVersion)
        props["kind"] = mergeDescription(props["kind"], type: "string", OpenAPIDescriptions.kind)
        props["metadata"] = OpenAPIMetaSchemas.refProperty(OpenAPIMetaSchemas.objectMeta, OpenAPIDescriptions.metadata)
        s["properties"] = .object(props)
        if s["type"] == nil { s["type"] = "object" }
        return withKindMarkers(s, r)
    }

    /// `<Kind>List`: `items` of the kind, with list metadata.
    static func list(of r: APIResource, listKind: String, itemSchema: String) -> JSONValue {
        var schema: JSONValue = [
            "description": .string("\(listKind) is a list of \(r.kind)"),
            "type": "object",
            "required": ["items"],
            "properties": [
                "apiVersion": OpenAPIMetaSchemas.field("string", OpenAPIDescriptions.apiVersion),
                "kind": OpenAPIMetaSchemas.field("string", OpenAPIDescriptions.kind),
                "metadata": OpenAPIMetaSchemas.refProperty(OpenAPIMetaSchemas.listMeta, "Standard list metadata."),
                "items": [
                    "type": "array", "description": .string("List of \(r.plural)."),
                    "items": ["allOf": [OpenAPISchemaNames.ref(itemSchema)], "default": [:]],
                ],
            ],
        ]
        schema["x-kubernetes-group-version-kind"] = [
            ["group": .string(r.group), "version": .string(r.version), "kind": .string(listKind)],
        ]
        return schema
    }

    private static func withKindMarkers(_ schema: JSONValue, _ r: APIResource) -> JSONValue {
        var s = schema
        s["x-kubernetes-group-version-kind"] = [
            ["group": .string(r.group), "version": .string(r.version), "kind": .string(r.kind)],
        ]
        return s
    }

    private static func mergeDescription(_ existing: JSONValue?, type: String, _ description: String) -> JSONValue {
        var p = existing ?? [:]
        if p.objectValue == nil { p = [:] }
        if p["type"] == nil { p["type"] = .string(type) }
        if p["description"] == nil { p["description"] = .string(description) }
        return p
    }

    /// `ObjectSchema` as JSON Schema. An embedded `ObjectMeta` becomes a reference to it.
    static func convert(_ s: ObjectSchema, inCollection: Bool = false) -> JSONValue {
        if s == ObjectSchema.objectMeta {
            return OpenAPIMetaSchemas.refProperty(OpenAPIMetaSchemas.objectMeta, OpenAPIDescriptions.metadata)
        }
        switch s {
        case .scalar:
            // Map values and list items are strings wherever ObjectSchema leaves them scalar
            // (labels, data, quantities, args, verbs); a struct field could be anything.
            return inCollection ? ["type": "string", "default": ""] : [:]
        case .deduced(.structFields):
            return ["type": "object"]
        case .deduced(.mapElements):
            return ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
        case .object(let st):
            var o: JSONValue = ["type": "object"]
            if !st.fields.isEmpty { o["properties"] = .object(st.fields.mapValues { convert($0) }) }
            if let e = st.elements { o["additionalProperties"] = convert(e, inCollection: true) }
            if st.isAtomic { o["x-kubernetes-map-type"] = "atomic" }
            if st.retainKeys { o["x-kubernetes-patch-strategy"] = "retainKeys" }
            return o
        case .list(let l):
            var o: JSONValue = ["type": "array", "items": convert(l.element, inCollection: true)]
            switch l.listType {
            case .atomic: o["x-kubernetes-list-type"] = "atomic"
            case .set: o["x-kubernetes-list-type"] = "set"
            case .map(let keys):
                o["x-kubernetes-list-type"] = "map"
                o["x-kubernetes-list-map-keys"] = .array(keys.map(JSONValue.string))
            }
            if case .merge(let key) = l.patchStrategy {
                o["x-kubernetes-patch-strategy"] = "merge"
                if let key { o["x-kubernetes-patch-merge-key"] = .string(key) }
            }
            return o
        }
    }
}
