import KubeObjects

/// A Swagger 2.0 document (as JSON) in gnostic's `openapi_v2.Document` protobuf, the body
/// client-go's `OpenAPISchema()` unmarshals (it asks for
/// `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` and reads nothing else).
///
/// Field numbers are those of google/gnostic-models `openapiv2/OpenAPIv2.proto`. Only what
/// this server's documents contain is encoded: swagger, info, paths (operations, parameters,
/// responses) and definitions (schemas). Vendor extensions and `default`/`enum`/`example`
/// values are `Any` messages holding YAML text, as gnostic encodes them; the text here is the
/// value's JSON, which is YAML too (kubectl reads it with a YAML parser).
///
/// Object members are written in key order, as kube-apiserver's sorted JSON gives them.
enum GnosticOpenAPIV2Encoder {
    static func document(_ d: JSONValue) -> [UInt8] {
        var w = ProtobufWireEncoder()
        w.string(1, d["swagger"]?.stringValue)
        if let info = d["info"]?.objectValue {
            w.message(2) { i in
                i.string(1, info["title"]?.stringValue)
                i.string(2, info["version"]?.stringValue)
                i.string(3, info["description"]?.stringValue)
                vendorExtensions(7, info, &i)
            }
        }
        w.string(3, d["host"]?.stringValue)
        w.string(4, d["basePath"]?.stringValue)
        w.strings(5, strings(d["schemes"]))
        w.strings(6, strings(d["consumes"]))
        w.strings(7, strings(d["produces"]))
        if let paths = d["paths"]?.objectValue {
            w.message(8) { p in
                vendorExtensions(1, paths, &p)
                for name in sortedKeys(paths) where !name.hasPrefix("x-") {
                    p.message(2) { named in
                        named.string(1, name)
                        named.message(2) { pathItem(paths[name] ?? [:], &$0) }
                    }
                }
            }
        }
        if let definitions = d["definitions"]?.objectValue {
            w.message(9) { namedSchemas(definitions, &$0) }
        }
        vendorExtensions(16, d.objectValue ?? [:], &w)
        return w.bytes
    }

    // MARK: paths

    private static func pathItem(_ item: JSONValue, _ w: inout ProtobufWireEncoder) {
        w.string(1, item["$ref"]?.stringValue)
        for (field, method) in [(2, "get"), (3, "put"), (4, "post"), (5, "delete"), (6, "options"), (7, "head"), (8, "patch")] {
            if let op = item[method] { w.message(field) { operation(op, &$0) } }
        }
        for p in item["parameters"]?.arrayValue ?? [] {
            w.message(9) { parametersItem(p, &$0) }
        }
        vendorExtensions(10, item.objectValue ?? [:], &w)
    }

    private static func operation(_ op: JSONValue, _ w: inout ProtobufWireEncoder) {
        w.strings(1, strings(op["tags"]))
        w.string(2, op["summary"]?.stringValue)
        w.string(3, op["description"]?.stringValue)
        w.string(5, op["operationId"]?.stringValue)
        w.strings(6, strings(op["produces"]))
        w.strings(7, strings(op["consumes"]))
        for p in op["parameters"]?.arrayValue ?? [] {
            w.message(8) { parametersItem(p, &$0) }
        }
        if let responses = op["responses"]?.objectValue {
            w.message(9) { r in
                for code in sortedKeys(responses) where !code.hasPrefix("x-") {
                    r.message(1) { named in
                        named.string(1, code)
                        // ResponseValue.response
                        named.message(2) { value in value.message(1) { response(responses[code] ?? [:], &$0) } }
                    }
                }
                vendorExtensions(2, responses, &r)
            }
        }
        w.strings(10, strings(op["schemes"]))
        w.bool(11, op["deprecated"]?.boolValue)
        vendorExtensions(13, op.objectValue ?? [:], &w)
    }

    private static func response(_ r: JSONValue, _ w: inout ProtobufWireEncoder) {
        w.string(1, r["description"]?.stringValue)
        if let s = r["schema"] {
            // SchemaItem.schema
            w.message(2) { item in item.message(1) { schema(s, &$0) } }
        }
        vendorExtensions(5, r.objectValue ?? [:], &w)
    }

    /// `ParametersItem`: a `JsonReference`, or a `Parameter` (body, or a query, path or
    /// header sub-schema of `NonBodyParameter`).
    private static func parametersItem(_ p: JSONValue, _ w: inout ProtobufWireEncoder) {
        if let ref = p["$ref"]?.stringValue {
            w.message(2) { r in
                r.string(1, ref)
                r.string(2, p["description"]?.stringValue)
            }
            return
        }
        w.message(1) { parameter in
            if p["in"] == "body" {
                parameter.message(1) { b in
                    b.string(1, p["description"]?.stringValue)
                    b.string(2, p["name"]?.stringValue)
                    b.string(3, p["in"]?.stringValue)
                    b.bool(4, p["required"]?.boolValue)
                    if let s = p["schema"] { b.message(5) { schema(s, &$0) } }
                    vendorExtensions(6, p.objectValue ?? [:], &b)
                }
                return
            }
            parameter.message(2) { nonBody in
                switch p["in"]?.stringValue {
                case "header": nonBody.message(1) { subSchema(p, hasAllowEmptyValue: false, &$0) }
                case "formData": nonBody.message(2) { subSchema(p, hasAllowEmptyValue: true, &$0) }
                case "path": nonBody.message(4) { subSchema(p, hasAllowEmptyValue: false, &$0) }
                default: nonBody.message(3) { subSchema(p, hasAllowEmptyValue: true, &$0) }
                }
            }
        }
    }

    /// The four non-body parameter messages share their layout, except that query and
    /// form-data parameters have `allow_empty_value` at 5 and every later field one higher.
    private static func subSchema(_ p: JSONValue, hasAllowEmptyValue: Bool, _ w: inout ProtobufWireEncoder) {
        w.bool(1, p["required"]?.boolValue)
        w.string(2, p["in"]?.stringValue)
        w.string(3, p["description"]?.stringValue)
        w.string(4, p["name"]?.stringValue)
        let shift = hasAllowEmptyValue ? 1 : 0
        if hasAllowEmptyValue { w.bool(5, p["allowEmptyValue"]?.boolValue) }
        w.string(5 + shift, p["type"]?.stringValue)
        w.string(6 + shift, p["format"]?.stringValue)
        w.string(8 + shift, p["collectionFormat"]?.stringValue)
        if let d = p["default"] { w.message(9 + shift) { any(d, &$0) } }
        w.double(10 + shift, number(p["maximum"]))
        w.bool(11 + shift, p["exclusiveMaximum"]?.boolValue)
        w.double(12 + shift, number(p["minimum"]))
        w.bool(13 + shift, p["exclusiveMinimum"]?.boolValue)
        w.int64(14 + shift, p["maxLength"]?.intValue)
        w.int64(15 + shift, p["minLength"]?.intValue)
        w.string(16 + shift, p["pattern"]?.stringValue)
        w.int64(17 + shift, p["maxItems"]?.intValue)
        w.int64(18 + shift, p["minItems"]?.intValue)
        w.bool(19 + shift, p["uniqueItems"]?.boolValue)
        for e in p["enum"]?.arrayValue ?? [] { w.message(20 + shift) { any(e, &$0) } }
        w.double(21 + shift, number(p["multipleOf"]))
        vendorExtensions(22 + shift, p.objectValue ?? [:], &w)
    }

    // MARK: schemas

    /// `repeated NamedSchema` at field 1 (`Definitions`, `Properties`).
    private static func namedSchemas(_ schemas: [String: JSONValue], _ w: inout ProtobufWireEncoder) {
        for name in sortedKeys(schemas) {
            w.message(1) { named in
                named.string(1, name)
                named.message(2) { schema(schemas[name] ?? [:], &$0) }
            }
        }
    }

    static func schema(_ s: JSONValue, _ w: inout ProtobufWireEncoder) {
        w.string(1, s["$ref"]?.stringValue)
        w.string(2, s["format"]?.stringValue)
        w.string(3, s["title"]?.stringValue)
        w.string(4, s["description"]?.stringValue)
        if let d = s["default"] { w.message(5) { any(d, &$0) } }
        w.double(6, number(s["multipleOf"]))
        w.double(7, number(s["maximum"]))
        w.bool(8, s["exclusiveMaximum"]?.boolValue)
        w.double(9, number(s["minimum"]))
        w.bool(10, s["exclusiveMinimum"]?.boolValue)
        w.int64(11, s["maxLength"]?.intValue)
        w.int64(12, s["minLength"]?.intValue)
        w.string(13, s["pattern"]?.stringValue)
        w.int64(14, s["maxItems"]?.intValue)
        w.int64(15, s["minItems"]?.intValue)
        w.bool(16, s["uniqueItems"]?.boolValue)
        w.int64(17, s["maxProperties"]?.intValue)
        w.int64(18, s["minProperties"]?.intValue)
        w.strings(19, strings(s["required"]))
        for e in s["enum"]?.arrayValue ?? [] { w.message(20) { any(e, &$0) } }
        switch s["additionalProperties"] {
        case .bool(let b)?: w.message(21) { $0.bool(2, b, writeZero: true) }
        case let extra? where extra.objectValue != nil: w.message(21) { item in item.message(1) { schema(extra, &$0) } }
        default: break
        }
        switch s["type"] {
        case .string(let t)?: w.message(22) { $0.strings(1, [t]) }
        case .array(let ts)?: w.message(22) { $0.strings(1, ts.compactMap(\.stringValue)) }
        default: break
        }
        switch s["items"] {
        case .array(let items)?: w.message(23) { list in for i in items { list.message(1) { schema(i, &$0) } } }
        case let item? where item.objectValue != nil: w.message(23) { list in list.message(1) { schema(item, &$0) } }
        default: break
        }
        for a in s["allOf"]?.arrayValue ?? [] { w.message(24) { schema(a, &$0) } }
        if let props = s["properties"]?.objectValue {
            w.message(25) { namedSchemas(props, &$0) }
        }
        w.string(26, s["discriminator"]?.stringValue)
        w.bool(27, s["readOnly"]?.boolValue)
        if let e = s["example"] { w.message(30) { any(e, &$0) } }
        vendorExtensions(31, s.objectValue ?? [:], &w)
    }

    // MARK: values

    /// `repeated NamedAny` for the `x-` members of an object.
    private static func vendorExtensions(_ field: Int, _ object: [String: JSONValue], _ w: inout ProtobufWireEncoder) {
        for name in sortedKeys(object) where name.hasPrefix("x-") {
            w.message(field) { named in
                named.string(1, name)
                named.message(2) { any(object[name] ?? .null, &$0) }
            }
        }
    }

    /// `Any{yaml}`; JSON text is YAML.
    private static func any(_ value: JSONValue, _ w: inout ProtobufWireEncoder) {
        w.string(2, value.serialized() + "\n")
    }

    private static func strings(_ v: JSONValue?) -> [String] {
        v?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    private static func number(_ v: JSONValue?) -> Double? {
        switch v {
        case .int(let i)?: return Double(i)
        case .double(let d)?: return d
        default: return nil
        }
    }

    private static func sortedKeys(_ o: [String: JSONValue]) -> [String] {
        o.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
