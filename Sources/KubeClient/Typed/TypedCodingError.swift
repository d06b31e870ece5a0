/// A JSON object did not fit a typed struct. Carries what a person needs to find the
/// problem (the kind or type, the field's path, what was wrong) and never the value at
/// fault: the object may be a Secret.
public struct TypedDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The Kubernetes kind (`Lease`), or the Swift type's name for a type that is not a resource.
    public var kind: String
    /// The field at fault, dotted with list indexes in brackets (`status.conditions[0].type`);
    /// empty for the whole object.
    public var path: String
    public var message: String

    public init(typeName: String, path: String, message: String) {
        self.kind = typeName
        self.path = path
        self.message = message
    }

    init(_ error: DecodingError, typeName: String) {
        let (context, message): (DecodingError.Context?, String)
        var path: [any CodingKey] = []
        switch error {
        case .typeMismatch(_, let c):
            (context, message) = (c, c.debugDescription)
        case .valueNotFound(let type, let c):
            (context, message) = (c, "expected \(type), found null")
        case .keyNotFound(let key, let c):
            (context, message) = (c, "required field is missing")
            path = [key]
        case .dataCorrupted(let c):
            (context, message) = (c, c.debugDescription)
        @unknown default:
            (context, message) = (nil, "\(error)")
        }
        self.init(typeName: typeName, path: codingPathText((context?.codingPath ?? []) + path), message: message)
    }

    public var description: String {
        path.isEmpty ? "cannot decode \(kind): \(message)" : "cannot decode \(kind): \(path): \(message)"
    }
}

/// A typed value could not be written as JSON (a non-finite Double, a custom encoder's
/// failure). Like `TypedDecodingError`, it names the field and never its value.
public struct TypedEncodingError: Error, CustomStringConvertible, Sendable, Equatable {
    public var kind: String
    public var path: String
    public var message: String

    public init(typeName: String, path: String, message: String) {
        self.kind = typeName
        self.path = path
        self.message = message
    }

    init(_ error: EncodingError, typeName: String) {
        switch error {
        case .invalidValue(_, let c):
            // The value itself (`c`'s first member) is deliberately not described.
            self.init(typeName: typeName, path: codingPathText(c.codingPath), message: c.debugDescription)
        @unknown default:
            self.init(typeName: typeName, path: "", message: "\(error)")
        }
    }

    public var description: String {
        path.isEmpty ? "cannot encode \(kind): \(message)" : "cannot encode \(kind): \(path): \(message)"
    }
}

/// `spec.template`, `status.conditions[0].type`, `metadata.labels["app.kubernetes.io/name"]`:
/// a key that is not a plain identifier (label keys, Secret data keys) is quoted so the dots
/// inside it do not read as nesting.
func codingPathText(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
        let name = key.stringValue
        // List indexes: ours and Foundation's spell their string value `Index 3`.
        if let index = key.intValue, name.hasPrefix("Index ") {
            text += "[\(index)]"
        } else if let first = name.first, first.isLetter || first == "_",
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        {
            text += text.isEmpty ? name : "." + name
        } else {
            text += "[\"\(name)\"]"
        }
    }
    return text
}
