import Values
import KubeObjects

/// Validation of a custom object against its schema, following the API server's OpenAPI
/// validator (kube-openapi): per schema node the type check, then `allOf`/`anyOf`/`oneOf`/
/// `not`, string bounds and pattern, format, number bounds, array items and bounds, `enum`,
/// and finally the object's properties and `required`. Paths are `spec.replicas` and
/// `spec.items[0].name`; a failed `anyOf`/`oneOf`/`allOf`/`not` itself is reported against
/// no field (`<nil>`), as the server does.
///
/// Known gaps: `pattern` is matched with Swift's regex engine (an RE2 pattern it cannot
/// compile is skipped), and for a failed `anyOf`/`oneOf` the branch whose errors are shown
/// is the one with the fewest errors (the server picks the one with the most passed checks).
extension StructuralSchema {
    /// Every reason `object` (already pruned and defaulted) is invalid, in the server's order:
    /// schema errors, then list-type uniqueness, then embedded resources' type fields.
    public func validate(_ object: JSONValue) -> [ValidationCause] {
        var causes: [ValidationCause] = []
        Self.validateNode(object, self, name: "", into: &causes)
        causes += Self.listTypeCauses(object, self, path: "")
        causes += Self.embeddedResourceCauses(object, self, path: "", isRoot: true)
        return causes
    }

    /// The field a kube-openapi error name stands for (`.spec` → `spec`).
    private static func field(_ name: String) -> String {
        name.hasPrefix(".") ? String(name.dropFirst()) : name
    }

    private static func composite(_ text: String) -> ValidationCause {
        .invalid("<nil>", .string(""), text)
    }

    /// The JSON type name kube-openapi infers for a value.
    private static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    static func validateNode(_ data: JSONValue, _ s: StructuralSchema, name: String, into out: inout [ValidationCause]) {
        let types: [String] = s.intOrString ? ["integer", "string"] : (s.type.map { [$0] } ?? [])
        let format = SchemaFormats.effective(s.format, type: s.type)
        let f = field(name)

        if data.isNull {
            if !types.isEmpty, !types.contains("null"), !s.nullable {
                out.append(.typeInvalid(f, "null", "\(name) in body must be of type \(types.joined(separator: ",")): \"null\""))
            }
            if let values = s.enumValues, !s.nullable, !values.contains(where: \.isNull) {
                out.append(enumCause(f, data, values))
            }
            return
        }

        // Type. A string-typed node with a format skips the check for strings and arrays.
        let actual = typeName(data)
        let formatSkips = format != nil && !(types.contains("number") || types.contains("integer"))
            && (actual == "string" || actual == "array")
        if !types.isEmpty, !formatSkips {
            let floatInt = actual == "number" && data.intValue != nil && types.contains("integer")
            let intFloat = actual == "integer" && types.contains("number")
            if !(types.contains(actual) || floatInt || intFloat) {
                out.append(.typeInvalid(f, .string(actual), "\(name) in body must be of type \(types.joined(separator: ",")): \"\(actual)\""))
            }
        }

        validateCombinators(data, s, name: name, into: &out)

        switch data {
        case .string(let str):
            let length = Int64(str.unicodeScalars.count)
            if let max = s.maxLength, length > max { out.append(.tooLong(f, max: max)) }
            if let min = s.minLength, length < min {
                out.append(.invalid(f, data, "\(name) in body should be at least \(min) chars long"))
            }
            if let pattern = s.pattern, let regex = try? Regex(pattern), (try? regex.firstMatch(in: str)) == nil {
                out.append(.invalid(f, data, "\(name) in body should match '\(pattern)'"))
            }
            if let format, !SchemaFormats.accepts(str, format: format) {
                out.append(.typeInvalid(f, data, "\(name) in body must be of type \(format): \(GoQuote.quote(str))"))
            }
        case .int, .double:
            validateNumber(data, s, name: name, into: &out)
        case .array(let items):
            if let itemSchema = s.items {
                for (i, item) in items.enumerated() { validateNode(item, itemSchema, name: "\(name)[\(i)]", into: &out) }
            }
            let size = Int64(items.count)
            if let min = s.minItems, size < min {
                out.append(.invalid(f, .int(size), "\(name) in body should have at least \(min) items"))
            }
            if let max = s.maxItems, size > max { out.append(.tooMany(f, actual: size, max: max)) }
            if s.uniqueItems, hasDuplicates(items) {
                out.append(.invalid(f, .string(""), "\(name) in body shouldn't contain duplicates"))
            }
        default:
            break
        }

        if let values = s.enumValues, !values.contains(where: { $0.semanticallyEquals(data) }) {
            out.append(enumCause(f, data, values))
        }

        if case .object(let members) = data {
            validateObject(members, s, name: name, into: &out)
        }
    }

    private static func enumCause(_ field: String, _ data: JSONValue, _ values: [JSONValue]) -> ValidationCause {
        .notSupported(field, data, values.map { $0.stringValue ?? $0.serialized() })
    }

    private static func hasDuplicates(_ items: [JSONValue]) -> Bool {
        var seen: Set<String> = []
        for item in items where !seen.insert(item.serialized()).inserted { return true }
        return false
    }

    private static func validateNumber(_ data: JSONValue, _ s: StructuralSchema, name: String, into out: inout [ValidationCause]) {
        let f = field(name)
        let value: Double
        switch data {
        case .int(let i): value = Double(i)
        case .double(let d): value = d
        default: return
        }
        if let m = s.multipleOf, m > 0 {
            let q = value / m
            if q.rounded() != q {
                out.append(.invalid(f, data, "\(name) in body should be a multiple of \(GoValueText.bound(m))"))
            }
        }
        if let max = s.maximum, s.exclusiveMaximum ? value >= max : value > max {
            let words = s.exclusiveMaximum ? "less than" : "less than or equal to"
            out.append(.invalid(f, data, "\(name) in body should be \(words) \(GoValueText.bound(max))"))
        }
        if let min = s.minimum, s.exclusiveMinimum ? value <= min : value < min {
            let words = s.exclusiveMinimum ? "greater than" : "greater than or equal to"
            out.append(.invalid(f, data, "\(name) in body should be \(words) \(GoValueText.bound(min))"))
        }
    }

    private static func validateObject(_ members: [String: JSONValue], _ s: StructuralSchema, name: String, into out: inout [ValidationCause]) {
        let f = field(name)
        let count = Int64(members.count)
        // The server stops at a property-count failure without looking inside.
        if let min = s.minProperties, count < min {
            out.append(.invalid(f, .int(count), "\(name) in body should have at least \(min) properties"))
            return
        }
        if let max = s.maxProperties, count > max {
            out.append(.tooMany(f, actual: count, max: max))
            return
        }
        let prefix = name.isEmpty ? "" : name + "."
        switch s.additionalProperties {
        case .schema(let additional)?:
            for key in members.keys.sorted(by: String.goLess) where s.properties[key] == nil {
                validateNode(members[key]!, additional, name: name + "." + key, into: &out)
            }
        case .allowed(false)?:
            for key in members.keys.sorted(by: String.goLess) where s.properties[key] == nil {
                out.append(.invalid(f, .string(key), "\(name).\(key) in body is a forbidden property"))
            }
        default:
            break
        }
        for key in s.properties.keys.sorted(by: String.goLess) {
            if let v = members[key] { validateNode(v, s.properties[key]!, name: prefix + key, into: &out) }
        }
        for key in s.required where members[key] == nil {
            out.append(.required(field(name + "." + key)))
        }
    }

    /// `allOf`, `anyOf`, `oneOf` and `not`, judged only on the value.
    private static func validateCombinators(_ data: JSONValue, _ s: StructuralSchema, name: String, into out: inout [ValidationCause]) {
        func run(_ branch: StructuralSchema) -> [ValidationCause] {
            var errs: [ValidationCause] = []
            validateNode(data, branch, name: name, into: &errs)
            return errs
        }
        let quoted = GoQuote.quote(name)
        if !s.anyOf.isEmpty {
            var best: [ValidationCause]?
            var succeeded = false
            for branch in s.anyOf {
                let errs = run(branch)
                if errs.isEmpty { succeeded = true; break }
                if best == nil || errs.count < best!.count { best = errs }
            }
            if !succeeded {
                out.append(composite("\(quoted) must validate at least one schema (anyOf)"))
                out += best ?? []
            }
        }
        if !s.oneOf.isEmpty {
            var best: [ValidationCause]?
            var valid = 0
            for branch in s.oneOf {
                let errs = run(branch)
                if errs.isEmpty { valid += 1; best = nil; continue }
                if valid == 0, best == nil || errs.count < best!.count { best = errs }
            }
            if valid != 1 {
                let why = valid == 0 ? "Found none valid" : "Found \(valid) valid alternatives"
                out.append(composite("\(quoted) must validate one and only one schema (oneOf). \(why)"))
                out += best ?? []
            }
        }
        if !s.allOf.isEmpty {
            var valid = 0
            for branch in s.allOf {
                let errs = run(branch)
                if errs.isEmpty { valid += 1 }
                out += errs
            }
            if valid != s.allOf.count {
                out.append(composite("\(quoted) must validate all the schemas (allOf)\(valid == 0 ? ". None validated" : "")"))
            }
        }
        if let not = s.not, run(not).isEmpty {
            out.append(composite("\(quoted) must not validate the schema (not)"))
        }
    }
}
