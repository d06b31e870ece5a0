/// A field selector as apimachinery's `fields.ParseSelector` reads it: comma-separated terms
/// `field=value`, `field==value` or `field!=value`, all of which must hold.
///
/// Values may escape `\`, `,` and `=` with a backslash (`fields.EscapeValue`); an unescaped
/// `,`/`=` inside a value, or any other escape, is an error. Field names are not escaped: the
/// first operator in a term splits it.
///
/// The API server only accepts the fields each resource publishes (`metadata.name`,
/// `metadata.namespace`, plus e.g. `spec.nodeName`/`status.phase` for pods, `type` for
/// secrets, `involvedObject.*` for events) and rejects others with `field label not
/// supported: <field>`; `unsupportedField(allowed:)` performs that check. Matching reads any
/// dotted path from the object, rendering scalars as Go's `fields.Set` does.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
    }

    public struct Requirement: Sendable, Hashable {
        public let field: String
        public let `operator`: Operator
        /// The unescaped value.
        public let value: String

        public init(field: String, operator op: Operator, value: String) {
            self.field = field
            self.operator = op
            self.value = value
        }

        public func matches(_ actual: String) -> Bool {
            self.operator == .notEquals ? actual != value : actual == value
        }
    }

    public let requirements: [Requirement]

    public init(requirements: [Requirement]) { self.requirements = requirements }

    public static let everything = FieldSelector(requirements: [])

    /// `fields.ParseSelector`. Terms are sorted as raw text before parsing, as Go does, so
    /// the order of `requirements` (and of `description`) does not depend on the input's.
    public init(parsing text: String) throws(FieldSelectorError) {
        var reqs: [Requirement] = []
        for term in Self.splitTerms(text).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !term.isEmpty {
            guard let (lhs, op, rhs) = Self.splitTerm(term) else {
                throw FieldSelectorError(message: "invalid selector: '\(text)'; can't understand '\(term)'")
            }
            reqs.append(Requirement(field: lhs, operator: op, value: try Self.unescape(rhs)))
        }
        self.init(requirements: reqs)
    }

    public var isEverything: Bool { requirements.isEmpty }

    public func matches(fields: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(fields[$0.field] ?? "") }
    }

    /// Matches an object, reading each requirement's field as a dotted path into it.
    public func matches(object: JSONValue) -> Bool {
        requirements.allSatisfy { $0.matches(Self.fieldValue($0.field, in: object)) }
    }

    /// The value `metadata.name=x`/`==x` pins a field to (Go's `RequiresExactMatch`).
    public func requiredValue(for field: String) -> String? {
        for r in requirements where r.field == field && r.operator != .notEquals { return r.value }
        return nil
    }

    /// The first field not in `allowed`, for the API server's `field label not supported: <f>`.
    public func unsupportedField(allowed: Set<String>) -> String? {
        requirements.first { !allowed.contains($0.field) }?.field
    }

    /// The string a field of `object` compares as: strings as they are, booleans
    /// `true`/`false`, integers in decimal, missing or null fields (and non-scalars) empty —
    /// as the registries' `fields.Set` builders render them.
    public static func fieldValue(_ path: String, in object: JSONValue) -> String {
        var current = object
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = current[String(part)] else { return "" }
            current = next
        }
        switch current {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : JSONValue.goFloat(d)
        case .null, .array, .object: return ""
        }
    }

    /// `Selector.String()`: `f=v` (escaped) and `f!=v`, joined by commas; `==` prints as `=`.
    public var description: String {
        requirements.map { r in
            r.field + (r.operator == .notEquals ? "!=" : "=") + Self.escape(r.value)
        }.joined(separator: ",")
    }

    /// `fields.EscapeValue`.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for ch in value {
            if ch == "\\" || ch == "," || ch == "=" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Splits on commas not preceded by a backslash; escapes stay in the terms.
    static func splitTerms(_ s: String) -> [Substring] {
        guard !s.isEmpty else { return [] }
        var terms: [Substring] = []
        var start = s.startIndex
        var inSlash = false
        let scalars = s.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if inSlash {
                inSlash = false
            } else if c == "\\" {
                inSlash = true
            } else if c == "," {
                terms.append(s[start..<i])
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        terms.append(s[start...])
        return terms
    }

    /// The first operator in the term splits it; `!=` and `==` are tried before `=`.
    static func splitTerm(_ term: Substring) -> (String, Operator, Substring)? {
        var i = term.startIndex
        while i < term.endIndex {
            let rest = term[i...]
            for op in [Operator.notEquals, .doubleEquals, .equals] where rest.hasPrefix(op.rawValue) {
                return (String(term[..<i]), op, rest.dropFirst(op.rawValue.count))
            }
            i = term.index(after: i)
        }
        return nil
    }

    /// `fields.UnescapeValue`.
    static func unescape(_ s: Substring) throws(FieldSelectorError) -> String {
        if !s.contains(where: { $0 == "\\" || $0 == "," || $0 == "=" }) { return String(s) }
        var out = ""
        var inSlash = false
        for scalar in s.unicodeScalars {
            if inSlash {
                guard scalar == "\\" || scalar == "," || scalar == "=" else {
                    throw FieldSelectorError(message: "invalid field selector: invalid escape sequence: \\\(scalar)")
                }
                out.unicodeScalars.append(scalar)
                inSlash = false
                continue
            }
            switch scalar {
            case "\\": inSlash = true
            case ",", "=":
                // Go prints the rune with %v: its code point in decimal.
                throw FieldSelectorError(message: "invalid field selector: unescaped character in value: \(scalar.value)")
            default: out.unicodeScalars.append(scalar)
            }
        }
        if inSlash { throw FieldSelectorError(message: "invalid field selector: invalid escape sequence: \\") }
        return out
    }
}

/// A field selector that does not parse; `message` is apimachinery's text.
public struct FieldSelectorError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
