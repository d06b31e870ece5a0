import KubeObjects

/// One node of a CustomResourceDefinition version's `openAPIV3Schema`, read into the
/// shape the API server works with: the structural part (type, properties,
/// additionalProperties, items and the `x-kubernetes-*` extensions) that drives pruning
/// and defaulting, and the value validations (bounds, enum, pattern, `allOf`/`anyOf`/
/// `oneOf`/`not`…) that only ever judge a value.
///
/// Parsing never fails: a keyword of the wrong JSON type is read as absent, because the
/// schema has already been accepted (or rejected, through `structuralErrors`) when its
/// CRD was written, and a request for a custom object must not crash on it.
public struct StructuralSchema: Sendable, Equatable {
    /// `additionalProperties`: a schema for every undeclared key, or a bare boolean.
    public indirect enum AdditionalProperties: Sendable, Equatable {
        case allowed(Bool)
        case schema(StructuralSchema)

        /// The schema for undeclared keys; `nil` for the boolean form, which carries none.
        public var schema: StructuralSchema? {
            if case .schema(let s) = self { return s }
            return nil
        }
    }

    public var type: String?
    public var properties: [String: StructuralSchema] = [:]
    public var additionalProperties: AdditionalProperties?
    private var itemsStorage: [StructuralSchema] = []
    public var required: [String] = []
    /// `enum`, as given (nil when the keyword is absent; an empty list allows nothing).
    public var enumValues: [JSONValue]?
    /// `default`; a JSON `null` default is no default, as in Go where it decodes to nil.
    public var defaultValue: JSONValue?
    public var nullable = false
    public var format: String?
    public var pattern: String?
    public var minimum: Double?
    public var maximum: Double?
    public var exclusiveMinimum = false
    public var exclusiveMaximum = false
    public var multipleOf: Double?
    public var minLength: Int64?
    public var maxLength: Int64?
    public var minItems: Int64?
    public var maxItems: Int64?
    public var minProperties: Int64?
    public var maxProperties: Int64?
    public var uniqueItems = false
    public var preserveUnknownFields = false
    /// Whether `x-kubernetes-preserve-unknown-fields` was written at all (`false` is
    /// not the same as absent for the CRD-level checks).
    public var preserveUnknownFieldsSpecified = false
    public var intOrString = false
    public var embeddedResource = false
    public var listType: String?
    public var listMapKeys: [String] = []
    public var mapType: String?
    public var allOf: [StructuralSchema] = []
    public var anyOf: [StructuralSchema] = []
    public var oneOf: [StructuralSchema] = []
    private var notStorage: [StructuralSchema] = []
    /// `x-kubernetes-validations`, as written; CELValidator compiles them.
    public var validationRules: [JSONValue] = []
    /// Generic keywords a value validation (inside allOf/anyOf/oneOf/not) must not carry.
    var title: String?
    var description: String?

    /// `items` (only the single-schema form; tuple items are not allowed in CRDs).
    public var items: StructuralSchema? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }

    /// `not`.
    public var not: StructuralSchema? {
        get { notStorage.first }
        set { notStorage = newValue.map { [$0] } ?? [] }
    }

    public init() {}

    /// Reads a schema node; anything that is not a JSON object reads as the empty schema.
    public init(_ json: JSONValue) {
        guard case .object(let s) = json else { return }
        type = s["type"]?.stringValue
        for (name, sub) in s["properties"]?.objectValue ?? [:] {
            properties[name] = StructuralSchema(sub)
        }
        switch s["additionalProperties"] {
        case .bool(let b)?: additionalProperties = .allowed(b)
        case .object(let o)?: additionalProperties = .schema(StructuralSchema(.object(o)))
        default: break
        }
        if case .object(let o)? = s["items"] { items = StructuralSchema(.object(o)) }
        required = (s["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        enumValues = s["enum"]?.arrayValue
        if let d = s["default"], !d.isNull { defaultValue = d }
        nullable = s["nullable"]?.boolValue ?? false
        format = s["format"]?.stringValue
        pattern = s["pattern"]?.stringValue
        minimum = Self.number(s["minimum"])
        maximum = Self.number(s["maximum"])
        exclusiveMinimum = s["exclusiveMinimum"]?.boolValue ?? false
        exclusiveMaximum = s["exclusiveMaximum"]?.boolValue ?? false
        multipleOf = Self.number(s["multipleOf"])
        minLength = s["minLength"]?.intValue
        maxLength = s["maxLength"]?.intValue
        minItems = s["minItems"]?.intValue
        maxItems = s["maxItems"]?.intValue
        minProperties = s["minProperties"]?.intValue
        maxProperties = s["maxProperties"]?.intValue
        uniqueItems = s["uniqueItems"]?.boolValue ?? false
        if let p = s["x-kubernetes-preserve-unknown-fields"]?.boolValue {
            preserveUnknownFields = p
            preserveUnknownFieldsSpecified = true
        }
        intOrString = s["x-kubernetes-int-or-string"]?.boolValue ?? false
        embeddedResource = s["x-kubernetes-embedded-resource"]?.boolValue ?? false
        listType = s["x-kubernetes-list-type"]?.stringValue
        listMapKeys = (s["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
        mapType = s["x-kubernetes-map-type"]?.stringValue
        allOf = (s["allOf"]?.arrayValue ?? []).map(StructuralSchema.init)
        anyOf = (s["anyOf"]?.arrayValue ?? []).map(StructuralSchema.init)
        oneOf = (s["oneOf"]?.arrayValue ?? []).map(StructuralSchema.init)
        if case .object(let o)? = s["not"] { not = StructuralSchema(.object(o)) }
        validationRules = s["x-kubernetes-validations"]?.arrayValue ?? []
        title = s["title"]?.stringValue
        description = s["description"]?.stringValue
    }

    private static func number(_ v: JSONValue?) -> Double? {
        switch v {
        case .int(let i)?: return Double(i)
        case .double(let d)?: return d
        default: return nil
        }
    }

    /// The schema for the member `key` of an object this node describes: the declared
    /// property, else the additionalProperties schema; `nil` when neither exists.
    func schema(forKey key: String) -> StructuralSchema? {
        if let p = properties[key] { return p }
        return additionalProperties?.schema
    }
}
