import KubeObjects

/// An OpenAPI v3 schema as a CRD's `openAPIV3Schema` holds it, built in Swift next to the
/// types it describes so the CRD is generated, never hand-edited. Only what structural
/// schemas allow is expressible: every node has a type, objects list their properties.
public indirect enum OpenAPISchema: Sendable {
    case object(properties: [(String, OpenAPISchema)], required: [String] = [], Attributes = .init())
    /// A map with values of one schema (`additionalProperties`).
    case map(of: OpenAPISchema, Attributes = .init())
    case array(of: OpenAPISchema, Attributes = .init())
    case string(Attributes = .init())
    case integer(Attributes = .init())
    case boolean(Attributes = .init())
    /// Any JSON object: kept as written (`x-kubernetes-preserve-unknown-fields`).
    case freeform(Attributes = .init())

    /// What any node may carry besides its type.
    public struct Attributes: Sendable {
        public var description: String?
        public var format: String?
        public var enumeration: [String]?
        public var pattern: String?
        public var minimum: Int?
        public var maximum: Int?
        public var minLength: Int?
        public var maxLength: Int?
        public var maxItems: Int?
        public var defaultValue: JSONValue?
        /// CEL rules (`x-kubernetes-validations`): (rule, message).
        public var validations: [(rule: String, message: String)]
        /// `x-kubernetes-list-type: map` keyed by these fields (merge by key under SSA).
        public var listMapKeys: [String]?

        public init(
            _ description: String? = nil, format: String? = nil, enumeration: [String]? = nil, pattern: String? = nil, minimum: Int? = nil,
            maximum: Int? = nil, minLength: Int? = nil, maxLength: Int? = nil, maxItems: Int? = nil, defaultValue: JSONValue? = nil,
            validations: [(rule: String, message: String)] = [], listMapKeys: [String]? = nil
        ) {
            self.description = description
            self.format = format
            self.enumeration = enumeration
            self.pattern = pattern
            self.minimum = minimum
            self.maximum = maximum
            self.minLength = minLength
            self.maxLength = maxLength
            self.maxItems = maxItems
            self.defaultValue = defaultValue
            self.validations = validations
            self.listMapKeys = listMapKeys
        }
    }

    /// The schema as JSON, keys in the CRD's conventional spelling.
    public var json: JSONValue {
        var out: [String: JSONValue] = [:]
        let attributes: Attributes
        switch self {
        case .object(let properties, let required, let a):
            out["type"] = "object"
            out["properties"] = .object(Dictionary(properties.map { ($0.0, $0.1.json) }, uniquingKeysWith: { a, _ in a }))
            if !required.isEmpty { out["required"] = .array(required.map(JSONValue.string)) }
            attributes = a
        case .map(let value, let a):
            out["type"] = "object"
            out["additionalProperties"] = value.json
            attributes = a
        case .array(let items, let a):
            out["type"] = "array"
            out["items"] = items.json
            attributes = a
        case .string(let a):
            out["type"] = "string"
            attributes = a
        case .integer(let a):
            out["type"] = "integer"
            attributes = a
        case .boolean(let a):
            out["type"] = "boolean"
            attributes = a
        case .freeform(let a):
            out["type"] = "object"
            out["x-kubernetes-preserve-unknown-fields"] = true
            attributes = a
        }
        if let d = attributes.description { out["description"] = .string(d) }
        if let f = attributes.format { out["format"] = .string(f) }
        if let e = attributes.enumeration { out["enum"] = .array(e.map(JSONValue.string)) }
        if let p = attributes.pattern { out["pattern"] = .string(p) }
        if let m = attributes.minimum { out["minimum"] = .int(Int64(m)) }
        if let m = attributes.maximum { out["maximum"] = .int(Int64(m)) }
        if let m = attributes.minLength { out["minLength"] = .int(Int64(m)) }
        if let m = attributes.maxLength { out["maxLength"] = .int(Int64(m)) }
        if let m = attributes.maxItems { out["maxItems"] = .int(Int64(m)) }
        if let d = attributes.defaultValue { out["default"] = d }
        if !attributes.validations.isEmpty {
            out["x-kubernetes-validations"] = .array(attributes.validations.map { ["rule": .string($0.rule), "message": .string($0.message)] })
        }
        if let keys = attributes.listMapKeys {
            out["x-kubernetes-list-type"] = "map"
            out["x-kubernetes-list-map-keys"] = .array(keys.map(JSONValue.string))
        }
        return .object(out)
    }

    /// The property names of an object schema (empty for other nodes).
    public var propertyNames: [String] {
        if case .object(let properties, _, _) = self { return properties.map(\.0) }
        return []
    }

    /// The schema of property `name` of an object schema.
    public subscript(property name: String) -> OpenAPISchema? {
        if case .object(let properties, _, _) = self { return properties.first { $0.0 == name }?.1 }
        return nil
    }
}
