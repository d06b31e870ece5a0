/// A rule's `fieldPath`: a JSON path relative to the rule's node, `.spec.replicas`,
/// `.labels['app.kubernetes.io/name']` or `['key']`, naming a field the error is reported
/// against.
enum CELFieldPath {
    static func parse(_ path: String) -> [String]? {
        var parts: [String] = []
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                parts.append(String(name))
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("['") {
                rest = rest.dropFirst(2)
                guard let end = rest.firstRange(of: "']") else { return nil }
                parts.append(String(rest[..<end.lowerBound]))
                rest = rest[end.upperBound...]
            } else {
                return nil
            }
        }
        return parts.isEmpty ? nil : parts
    }

    /// Whether every component names a property (or a key of a map) in the schema.
    static func resolves(_ parts: [String], in schema: StructuralSchema) -> Bool {
        var node: StructuralSchema? = schema
        for part in parts {
            guard let n = node else { return false }
            if let p = n.properties[part] {
                node = p
            } else if let additional = n.additionalProperties?.schema {
                node = additional
            } else if n.preserveUnknownFields {
                node = nil
                return true
            } else {
                return false
            }
        }
        return true
    }

    /// The components as Go's field.Path prints them after the node's path.
    static func append(_ parts: [String], to base: String) -> String {
        var out = base
        for part in parts { out = out.isEmpty ? part : out + "." + part }
        return out
    }
}
