import KubeObjects

/// Turns the OpenAPI v3 parts this server publishes into their Swagger 2.0 form, the way
/// kube-apiserver derives `/openapi/v2` from the same definitions (and apiextensions-apiserver
/// its CRD schemas, `ToStructuralOpenAPIV2`).
///
/// The result must survive kubectl's v2 reader (kube-openapi `proto.NewOpenAPIData`), which
/// rejects the whole document over one schema it cannot read: a `$ref` beside `type` or
/// `properties`, an array with no `items`, a primitive `type` it does not know. So v3-only
/// constructs go: `nullable` (the node becomes untyped), `oneOf`/`anyOf`/`not` and
/// validation-only `allOf` (v2 readers do not use them), items and properties under
/// `x-kubernetes-preserve-unknown-fields` (they would make kubectl reject the unknown
/// fields the node preserves), and empty `properties` (read as a struct with no fields).
/// `x-kubernetes-*` extensions stay.
enum OpenAPIV2Conversion {
    /// `#/components/schemas/X` → `#/definitions/X`.
    static func reference(_ ref: String) -> String {
        let prefix = "#/components/schemas/"
        return ref.hasPrefix(prefix) ? "#/definitions/" + ref.dropFirst(prefix.count) : ref
    }

    /// A v3 schema as a v2 schema.
    static func schema(_ s: JSONValue) -> JSONValue {
        guard case .object(var o) = s else { return s }
        if let ref = o["$ref"]?.stringValue ?? wrappedReference(o) {
            // v2 has no siblings to `$ref` except the description kube-apiserver keeps.
            var out: [String: JSONValue] = ["$ref": .string(reference(ref))]
            if let d = o["description"] { out["description"] = d }
            return .object(out)
        }
        if o["nullable"]?.boolValue == true {
            // An untyped node accepts the null a typed one would refuse.
            o["type"] = nil
            o["items"] = nil
            o["properties"] = nil
        }
        if o["x-kubernetes-preserve-unknown-fields"]?.boolValue == true {
            o["items"] = nil
            o["properties"] = nil
        }
        for key in ["nullable", "allOf", "oneOf", "anyOf", "not", "writeOnly", "deprecated"] {
            o[key] = nil
        }
        if o["type"] == "array", o["items"] == nil {
            // kubectl cannot read an array without an item schema.
            o["type"] = nil
        }
        if case .object(let props)? = o["properties"] {
            if props.isEmpty {
                o["properties"] = nil
            } else {
                o["properties"] = .object(props.mapValues(schema))
                // A nullable field may be sent as null, which kubectl counts as missing.
                let nullable = Set(props.filter { $0.value["nullable"]?.boolValue == true }.keys)
                if !nullable.isEmpty, let required = o["required"]?.arrayValue {
                    let kept = required.filter { !nullable.contains($0.stringValue ?? "") }
                    o["required"] = kept.isEmpty ? nil : .array(kept)
                }
            }
        }
        if let items = o["items"], items.objectValue != nil {
            o["items"] = schema(items)
        }
        if let extra = o["additionalProperties"], extra.objectValue != nil {
            o["additionalProperties"] = schema(extra)
        }
        return .object(o)
    }

    /// The v3 `allOf: [{$ref}]` wrapping (a property referring to a definition with its own
    /// description); v2 writes the `$ref` directly.
    private static func wrappedReference(_ o: [String: JSONValue]) -> String? {
        guard o["type"] == nil, o["properties"] == nil, let all = o["allOf"]?.arrayValue, all.count == 1,
            let ref = all[0]["$ref"]?.stringValue
        else { return nil }
        return ref
    }

    /// A v3 path item: its operations and parameters.
    static func pathItem(_ item: JSONValue) -> JSONValue {
        guard case .object(var o) = item else { return item }
        for method in ["get", "put", "post", "delete", "options", "head", "patch"] {
            if let op = o[method] { o[method] = operation(op) }
        }
        if let params = o["parameters"]?.arrayValue { o["parameters"] = .array(params.map(parameter)) }
        return .object(o)
    }

    /// A v3 operation: the request body becomes a `body` parameter and `consumes`, response
    /// content becomes a response `schema` and `produces`.
    static func operation(_ op: JSONValue) -> JSONValue {
        guard case .object(var o) = op else { return op }
        var params = (o["parameters"]?.arrayValue ?? []).map(parameter)
        if let body = o.removeValue(forKey: "requestBody") {
            let content = body["content"]?.objectValue ?? [:]
            let types = content.keys.sorted()
            o["consumes"] = .array(types.map(JSONValue.string))
            var bodyParam: JSONValue = [
                "name": "body", "in": "body", "required": .bool(body["required"]?.boolValue ?? false),
            ]
            if let first = types.first, let s = content[first]?["schema"] { bodyParam["schema"] = schema(s) }
            params.insert(bodyParam, at: 0)
        }
        o["parameters"] = params.isEmpty ? nil : .array(params)
        if let responses = o["responses"]?.objectValue {
            var produces = Set<String>()
            var converted: [String: JSONValue] = [:]
            for (code, response) in responses {
                var r: JSONValue = ["description": response["description"] ?? ""]
                if let content = response["content"]?.objectValue {
                    produces.formUnion(content.keys)
                    if let first = content.keys.sorted().first, let s = content[first]?["schema"] { r["schema"] = schema(s) }
                }
                converted[code] = r
            }
            o["responses"] = .object(converted)
            if !produces.isEmpty { o["produces"] = .array(produces.sorted().map(JSONValue.string)) }
        }
        o["schemes"] = ["https"]
        return .object(o)
    }

    /// A v3 parameter: v2 has the type beside the name instead of in a `schema`.
    static func parameter(_ p: JSONValue) -> JSONValue {
        guard case .object(var o) = p else { return p }
        if case .object(let s)? = o.removeValue(forKey: "schema") {
            for (key, value) in s where o[key] == nil { o[key] = value }
        }
        return .object(o)
    }
}
