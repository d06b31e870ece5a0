import KubeObjects

/// Whether a CRD version's `openAPIV3Schema` is structural, checked when the CRD is
/// written so that its creation can be refused with 422 Invalid: every node says its
/// `type` (unless it is int-or-string or preserves unknown fields), arrays say their
/// `items`, the value validations inside `allOf`/`anyOf`/`oneOf`/`not` add no structure,
/// and the root is an object whose `metadata` restricts at most `name` and `generateName`.
///
/// The completeness rule (every property named in a value validation also declared
/// outside it) and the checks of defaults against the schema are not made.
extension StructuralSchema {
    private enum Level { case root, item, field }

    /// The problems of `schema`, as `path.to.node: message` texts sorted as the server
    /// sorts them. `path` is where the schema sits in the CRD.
    public static func structuralErrors(_ schema: JSONValue, at path: String = "spec.versions[0].schema.openAPIV3Schema") -> [String] {
        structuralCauses(schema, at: path).map(\.description)
    }

    /// The same problems as causes for `APIError.invalid`.
    public static func structuralCauses(_ schema: JSONValue, at path: String = "spec.versions[0].schema.openAPIV3Schema") -> [ValidationCause] {
        var causes: [ValidationCause] = []
        check(StructuralSchema(schema), .root, path, into: &causes)
        return causes.sorted { $0.description.utf8.lexicographicallyPrecedes($1.description.utf8) }
    }

    private static func check(_ s: StructuralSchema, _ level: Level, _ p: String, into out: inout [ValidationCause]) {
        if s.type == "array", s.items == nil { out.append(.required("\(p).items", "must be specified")) }
        if let items = s.items { check(items, .item, "\(p).items", into: &out) }
        for key in s.properties.keys { check(s.properties[key]!, .field, "\(p).properties[\(key)]", into: &out) }
        if let additional = s.additionalProperties {
            if level == .root { out.append(.forbidden("\(p).additionalProperties", "must not be used at the root")) }
            if !s.properties.isEmpty, additional != .allowed(true) {
                out.append(.forbidden("\(p).additionalProperties", "additionalProperties and properties are mutual exclusive"))
            }
            if let schema = additional.schema { check(schema, .field, "\(p).additionalProperties", into: &out) }
        }
        if s.uniqueItems {
            out.append(.forbidden("\(p).uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
        }
        if s.preserveUnknownFieldsSpecified, !s.preserveUnknownFields {
            out.append(.invalid("\(p).x-kubernetes-preserve-unknown-fields", .bool(false), "must be true or undefined"))
        }
        if s.intOrString, s.preserveUnknownFields {
            out.append(.invalid("\(p).x-kubernetes-preserve-unknown-fields", .bool(true), "must be false if x-kubernetes-int-or-string is true"))
        }
        if s.intOrString, s.embeddedResource {
            out.append(.invalid("\(p).x-kubernetes-embedded-resource", .bool(true), "must be false if x-kubernetes-int-or-string is true"))
        }
        checkValueValidations(s, p, into: &out)

        let type = s.type ?? ""
        if s.embeddedResource, type != "object" {
            let why = "must be object if x-kubernetes-embedded-resource is true"
            out.append(type.isEmpty ? .required("\(p).type", why) : .invalid("\(p).type", .string(type), why))
        } else if type.isEmpty, !s.intOrString, !s.preserveUnknownFields {
            switch level {
            case .root: out.append(.required("\(p).type", "must not be empty at the root"))
            case .item: out.append(.required("\(p).type", "must not be empty for specified array items"))
            case .field: out.append(.required("\(p).type", "must not be empty for specified object fields"))
            }
        }
        if s.embeddedResource, s.additionalProperties != nil {
            out.append(.forbidden("\(p).additionalProperties", "must not be used if x-kubernetes-embedded-resource is set"))
        }
        if level == .root, !type.isEmpty, type != "object" {
            out.append(.invalid("\(p).type", .string(type), "must be object at the root"))
        }
        let checkMetadata = level == .root || s.embeddedResource
        for key in ["kind", "apiVersion"] {
            if checkMetadata, let prop = s.properties[key], prop.type != "string" {
                out.append(.invalid("\(p).properties[\(key)].type", .string(prop.type ?? ""), "must be string"))
            }
        }
        if let metadata = s.properties["metadata"] {
            let mp = "\(p).properties[metadata]"
            if checkMetadata, metadata.type != "object" {
                out.append(.invalid("\(mp).type", .string(metadata.type ?? ""), "must be object"))
            }
            if level == .root, !Set(metadata.properties.keys).isSubset(of: ["name", "generateName"]) {
                out.append(.forbidden(mp, "must not specify anything other than name and generateName, but metadata is implicitly specified"))
            }
        }
        if s.embeddedResource, !s.preserveUnknownFields, s.properties.isEmpty {
            out.append(.required("\(p).properties", "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"))
        }
    }

    /// The int-or-string shape `anyOf: [{type: integer}, {type: string}]` is the one place
    /// a value validation may name types.
    private static func isIntOrStringAnyOf(_ branches: [StructuralSchema]) -> Bool {
        var integer = StructuralSchema()
        integer.type = "integer"
        var string = StructuralSchema()
        string.type = "string"
        return branches == [integer, string]
    }

    private static func checkValueValidations(_ s: StructuralSchema, _ p: String, into out: inout [ValidationCause]) {
        if !isIntOrStringAnyOf(s.anyOf) {
            for (i, b) in s.anyOf.enumerated() { checkNested(b, "\(p).anyOf[\(i)]", into: &out) }
        }
        for (i, b) in s.allOf.enumerated() {
            if i == 0, isIntOrStringAnyOf(b.anyOf) {
                var rest = b
                rest.anyOf = []
                checkNested(rest, "\(p).allOf[\(i)]", into: &out)
            } else {
                checkNested(b, "\(p).allOf[\(i)]", into: &out)
            }
        }
        for (i, b) in s.oneOf.enumerated() { checkNested(b, "\(p).oneOf[\(i)]", into: &out) }
        if let not = s.not { checkNested(not, "\(p).not", into: &out) }
    }

    /// A schema under a logical junctor may only validate values.
    private static func checkNested(_ v: StructuralSchema, _ p: String, into out: inout [ValidationCause]) {
        checkValueValidations(v, p, into: &out)
        if let items = v.items { checkNested(items, "\(p).items", into: &out) }
        for key in v.properties.keys { checkNested(v.properties[key]!, "\(p).properties[\(key)]", into: &out) }
        if v.type != nil { out.append(.forbidden("\(p).type", "must be empty to be structural")) }
        if v.additionalProperties != nil {
            out.append(.forbidden("\(p).additionalProperties", "must be undefined to be structural"))
        }
        if v.defaultValue != nil { out.append(.forbidden("\(p).default", "must be undefined to be structural")) }
        if v.title != nil { out.append(.forbidden("\(p).title", "must be empty to be structural")) }
        if v.description != nil { out.append(.forbidden("\(p).description", "must be empty to be structural")) }
        if v.nullable { out.append(.forbidden("\(p).nullable", "must be false to be structural")) }
        if v.preserveUnknownFields {
            out.append(.forbidden("\(p).x-kubernetes-preserve-unknown-fields", "must be false to be structural"))
        }
        if v.embeddedResource { out.append(.forbidden("\(p).x-kubernetes-embedded-resource", "must be false to be structural")) }
        if v.intOrString { out.append(.forbidden("\(p).x-kubernetes-int-or-string", "must be false to be structural")) }
        if !v.listMapKeys.isEmpty { out.append(.forbidden("\(p).x-kubernetes-list-map-keys", "must be empty to be structural")) }
        if v.listType != nil { out.append(.forbidden("\(p).x-kubernetes-list-type", "must be undefined to be structural")) }
        if v.mapType != nil { out.append(.forbidden("\(p).x-kubernetes-map-type", "must be undefined to be structural")) }
        if v.properties["metadata"] != nil {
            out.append(.forbidden("\(p).properties[metadata]", "must not be specified in a nested context"))
        }
    }
}
