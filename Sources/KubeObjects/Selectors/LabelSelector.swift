import Values

/// A label selector as apimachinery's `labels.Selector`: a conjunction of requirements,
/// read from the query form (`labelSelector=app=web,tier in (a,b),!canary`) or from the
/// structured `matchLabels`/`matchExpressions` JSON that Deployments, Services and CRDs carry.
///
/// Requirements are kept sorted by key (Go sorts after parsing, and `String()` shows them
/// in that order), which is also what the API server echoes in error messages.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public let key: String
        public let `operator`: Operator
        /// For the parsed form: sorted and without duplicates (Go collects them in a set).
        public let values: [String]

        /// `labels.NewRequirement`: validates the key, the value count for the operator and
        /// every value, reporting all failures at once as Go's aggregate does.
        public init(key: String, operator op: Operator, values: [String]) throws(LabelSelectorError) {
            var errs: [String] = []
            let keyErrs = LabelValidation.qualifiedNameErrors(key)
            if !keyErrs.isEmpty { errs.append(LabelValidation.invalid("key", key, keyErrs.joined(separator: "; "))) }
            switch op {
            case .in, .notIn:
                if values.isEmpty {
                    errs.append(LabelValidation.invalid("values", values: values, "for 'in', 'notin' operators, values set can't be empty"))
                }
            case .equals, .doubleEquals, .notEquals:
                if values.count != 1 {
                    errs.append(LabelValidation.invalid("values", values: values, "exact-match compatibility requires one single value"))
                }
            case .exists, .doesNotExist:
                if !values.isEmpty {
                    errs.append(LabelValidation.invalid("values", values: values, "values set must be empty for exists and does not exist"))
                }
            case .greaterThan, .lessThan:
                if values.count != 1 {
                    errs.append(LabelValidation.invalid("values", values: values, "for 'Gt', 'Lt' operators, exactly one value is required"))
                }
                for (i, v) in values.enumerated() where Int64(v) == nil {
                    errs.append(LabelValidation.invalid("values[\(i)]", v, "for 'Gt', 'Lt' operators, the value must be an integer"))
                }
            }
            for (i, v) in values.enumerated() {
                let valueErrs = LabelValidation.labelValueErrors(v)
                if !valueErrs.isEmpty {
                    errs.append(LabelValidation.invalid("values[\(i)][\(key)]", v, valueErrs.joined(separator: "; ")))
                }
            }
            if let message = LabelValidation.aggregate(errs) { throw LabelSelectorError(message: message) }
            self.key = key
            self.operator = op
            self.values = values
        }

        /// `Requirement.Matches`.
        public func matches(_ labels: [String: String]) -> Bool {
            switch self.operator {
            case .in, .equals, .doubleEquals:
                guard let v = labels[key] else { return false }
                return values.contains(v)
            case .notIn, .notEquals:
                guard let v = labels[key] else { return true }
                return !values.contains(v)
            case .exists:
                return labels[key] != nil
            case .doesNotExist:
                return labels[key] == nil
            case .greaterThan, .lessThan:
                guard let raw = labels[key], let have = Int64(raw), values.count == 1, let want = Int64(values[0]) else {
                    return false
                }
                return self.operator == .greaterThan ? have > want : have < want
            }
        }

        /// `Requirement.String()`: `!key`, `key`, `key=v`, `key in (a,b)` (values sorted).
        public var description: String {
            switch self.operator {
            case .exists: return key
            case .doesNotExist: return "!" + key
            default: break
            }
            let joined = values.count == 1 ? values[0] : values.sorted().joined(separator: ",")
            switch self.operator {
            case .equals: return key + "=" + joined
            case .doubleEquals: return key + "==" + joined
            case .notEquals: return key + "!=" + joined
            case .in: return key + " in (" + joined + ")"
            case .notIn: return key + " notin (" + joined + ")"
            case .greaterThan: return key + ">" + joined
            case .lessThan: return key + "<" + joined
            case .exists, .doesNotExist: return key
            }
        }
    }

    public let requirements: [Requirement]
    /// `labels.Nothing()`: what a nil structured selector means — it matches no object.
    public let matchesNothing: Bool

    public init(requirements: [Requirement]) {
        self.requirements = requirements.sorted { $0.key < $1.key }
        self.matchesNothing = false
    }

    private init(nothing: Bool) {
        self.requirements = []
        self.matchesNothing = nothing
    }

    /// Selects every object (an empty query string, or `{}` structured).
    public static let everything = LabelSelector(nothing: false)
    /// Selects no object (a missing structured selector).
    public static let nothing = LabelSelector(nothing: true)

    /// `labels.Parse`: the query-string form, with apimachinery's error texts.
    public init(parsing text: String) throws(LabelSelectorError) {
        var parser = LabelSelectorParser(text)
        self.init(requirements: try parser.parse())
    }

    /// `metav1.LabelSelectorAsSelector` on the JSON form: `nil`/`null` selects nothing,
    /// `{}` everything; `matchLabels` are `=` requirements, `matchExpressions` use the
    /// operators `In`, `NotIn`, `Exists` and `DoesNotExist`.
    public init(structured value: JSONValue?) throws(LabelSelectorError) {
        guard let value, !value.isNull else {
            self.init(nothing: true)
            return
        }
        var reqs: [Requirement] = []
        if let labels = value["matchLabels"]?.objectValue {
            for (k, v) in labels {
                reqs.append(try Requirement(key: k, operator: .equals, values: [v.stringValue ?? ""]))
            }
        }
        for expr in value["matchExpressions"]?.arrayValue ?? [] {
            let opName = expr["operator"]?.stringValue ?? ""
            let op: Operator
            switch opName {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default: throw LabelSelectorError(message: "\(GoQuote.quote(opName)) is not a valid label selector operator")
            }
            let values = (expr["values"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
            reqs.append(try Requirement(key: expr["key"]?.stringValue ?? "", operator: op, values: values))
        }
        self.init(requirements: reqs)
    }

    /// True when the selector does not restrict (Go's `Empty()`).
    public var isEverything: Bool { !matchesNothing && requirements.isEmpty }

    public func matches(labels: [String: String]) -> Bool {
        if matchesNothing { return false }
        return requirements.allSatisfy { $0.matches(labels) }
    }

    /// Matches an object's `metadata.labels` (non-string values are ignored, as they cannot
    /// occur in a valid object).
    public func matches(object: JSONValue) -> Bool {
        if matchesNothing { return false }
        if requirements.isEmpty { return true }
        var labels: [String: String] = [:]
        for (k, v) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            if let s = v.stringValue { labels[k] = s }
        }
        return matches(labels: labels)
    }

    /// The value a selector pins `key` to (`key=v`, `key==v`, `key in (v)`), Go's
    /// `RequiresExactMatch`; lets a store narrow a list before filtering.
    public func requiredValue(for key: String) -> String? {
        guard let r = requirements.first(where: { $0.key == key }) else { return nil }
        switch r.operator {
        case .equals, .doubleEquals, .in: return r.values.count == 1 ? r.values[0] : nil
        default: return nil
        }
    }

    /// `Selector.String()`: requirements joined by commas.
    public var description: String { requirements.map(\.description).joined(separator: ",") }
}

/// A label selector that does not parse or validate; `message` is apimachinery's text
/// (`unable to parse requirement: …`, `found ',', expected: identifier`).
public struct LabelSelectorError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
