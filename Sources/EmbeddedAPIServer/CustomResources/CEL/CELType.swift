/// The static type the checker gives an expression. Schema objects keep their schema so
/// that a field the schema does not declare is refused when the CRD is written
/// (`undefined field 'foo'`); `dyn` (int-or-string, preserve-unknown-fields) accepts
/// anything and defers the question to runtime.
indirect enum CELType: Sendable, Equatable {
    case dyn
    case null, bool, int, uint, double, string, bytes, duration, timestamp, type
    case list(CELType)
    case map(CELType, CELType)
    case object(StructuralSchema)

    /// The type Kubernetes declares for values of a schema node.
    init(schema: StructuralSchema?) {
        guard let s = schema, !s.intOrString, !s.embeddedResource else { self = .dyn; return }
        switch s.type {
        case "boolean"?: self = .bool
        case "integer"?: self = .int
        case "number"?: self = .double
        case "string"?:
            switch s.format {
            case "byte"?: self = .bytes
            case "duration"?: self = .duration
            case "date"?, "date-time"?: self = .timestamp
            default: self = .string
            }
        case "array"?: self = .list(s.items.map { CELType(schema: $0) } ?? .dyn)
        case "object"?:
            if !s.properties.isEmpty {
                self = .object(s)
            } else if let additional = s.additionalProperties?.schema {
                self = .map(.string, CELType(schema: additional))
            } else if s.preserveUnknownFields || s.additionalProperties == .allowed(true) {
                self = .dyn
            } else {
                self = .object(s)
            }
        default: self = .dyn
        }
    }

    var name: String {
        switch self {
        case .dyn: return "dyn"
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .duration: return "google.protobuf.Duration"
        case .timestamp: return "google.protobuf.Timestamp"
        case .type: return "type"
        case .list(let e): return "list(\(e.name))"
        case .map(let k, let v): return "map(\(k.name), \(v.name))"
        case .object: return "object"
        }
    }

    var isDyn: Bool { self == .dyn }
    var isNumeric: Bool { self == .int || self == .uint || self == .double }

    /// Whether values of the two types may meet in `==`, `<` or arithmetic: the same
    /// type, numbers of any kind, or dyn on either side. `null` compares with anything
    /// that can be null.
    func meets(_ other: CELType) -> Bool {
        if isDyn || other.isDyn || self == other { return true }
        if isNumeric && other.isNumeric { return true }
        switch (self, other) {
        case (.list(let a), .list(let b)): return a.meets(b)
        case (.map(let k1, let v1), .map(let k2, let v2)): return k1.meets(k2) && v1.meets(v2)
        case (.object, .object): return true
        case (.object, .map), (.map, .object): return true
        default: return false
        }
    }
}
