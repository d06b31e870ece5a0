import KubeObjects
import Values

/// One `x-kubernetes-validations` entry, compiled: the parsed rule, how a failure is
/// reported (`message`, `messageExpression`, `reason`, `fieldPath`) and whether it is a
/// transition rule (it reads `oldSelf`, so it only runs on updates that have an old value).
public struct CELRule: Sendable {
    public var rule: String
    public var expression: CELExpr
    public var message: String?
    public var messageExpression: CELExpr?
    public var reason: ValidationCause.CauseType?
    /// `fieldPath` as the components it names below the rule's node.
    public var fieldPath: [String]
    public var usesOldSelf: Bool
    public var optionalOldSelf: Bool

    /// What a failed rule says when it has no message: `failed rule: <rule>`.
    var defaultMessage: String {
        if let message, !message.goTrimSpace.isEmpty { return message.goTrimSpace }
        return "failed rule: \(rule.goTrimSpace)"
    }

    /// The rule's own text in evaluation errors: its message if it has one, else the rule.
    var errorName: String {
        if let message, !message.goTrimSpace.isEmpty { return message.goTrimSpace }
        return rule.goTrimSpace
    }
}

/// Why an entry of `x-kubernetes-validations` cannot be compiled, reported against the
/// entry's field below the schema node (`x-kubernetes-validations[0].rule`).
struct CELRuleProblem: Error, Sendable, Equatable {
    enum Kind: Sendable, Equatable { case required, invalid, notSupported([String]) }
    var field: String
    var kind: Kind
    var value: String
    var detail: String
}

enum CELRuleCompiler {
    static let reasons: [String: ValidationCause.CauseType] = [
        "FieldValueInvalid": .invalid, "FieldValueForbidden": .forbidden, "FieldValueRequired": .required,
        "FieldValueDuplicate": .duplicate,
    ]

    /// Compiles the entry `index` of a node's rules. `schema` types `self`.
    static func compile(_ raw: JSONValue, index: Int, schema: StructuralSchema, isRoot: Bool)
        -> Result<CELRule, CELRuleProblem>
    {
        let at = "x-kubernetes-validations[\(index)]"
        let rule = raw["rule"]?.stringValue ?? ""
        let shown = goValue(raw)
        if rule.goTrimSpace.isEmpty {
            return .failure(CELRuleProblem(field: "\(at).rule", kind: .required, value: shown, detail: "rule is not specified"))
        }
        var reason: ValidationCause.CauseType?
        if let r = raw["reason"]?.stringValue {
            guard let known = reasons[r] else {
                return .failure(CELRuleProblem(
                    field: "\(at).reason", kind: .notSupported(reasons.keys.sorted()), value: r, detail: ""))
            }
            reason = known
        }
        let message = raw["message"]?.stringValue
        if let message, message.contains("\n") {
            return .failure(CELRuleProblem(field: "\(at).message", kind: .invalid, value: message, detail: "message must not contain line breaks"))
        }
        let optionalOldSelf = raw["optionalOldSelf"]?.boolValue ?? false
        let selfType = isRoot ? rootType(schema) : CELType(schema: schema)
        var env: [String: CELType] = ["self": selfType, "oldSelf": selfType]

        let expression: CELExpr
        do {
            expression = try CELParser.parse(rule)
        } catch {
            return .failure(CELRuleProblem(field: "\(at).rule", kind: .invalid, value: shown, detail: "compilation failed: \(error)"))
        }
        let usesOldSelf = mentions("oldSelf", expression)
        if optionalOldSelf {
            if !usesOldSelf {
                return .failure(CELRuleProblem(field: "\(at).optionalOldSelf", kind: .invalid, value: "true", detail: "may not be set if oldSelf is not used in rule"))
            }
            env["oldSelf"] = .dyn
        }
        var checker = CELChecker(source: rule)
        let type = checker.check(expression, env)
        if !checker.issues.isEmpty {
            return .failure(CELRuleProblem(
                field: "\(at).rule", kind: .invalid, value: shown,
                detail: "compilation failed: \(CELIssues(issues: checker.issues))"))
        }
        if type != .bool, !type.isDyn {
            return .failure(CELRuleProblem(field: "\(at).rule", kind: .invalid, value: shown, detail: "cel expression must evaluate to a bool"))
        }

        var messageExpression: CELExpr?
        if let text = raw["messageExpression"]?.stringValue {
            if text.goTrimSpace.isEmpty {
                return .failure(CELRuleProblem(field: "\(at).messageExpression", kind: .required, value: "", detail: "messageExpression must be non-empty if specified"))
            }
            do {
                let parsed = try CELParser.parse(text)
                var check = CELChecker(source: text)
                let t = check.check(parsed, env)
                if !check.issues.isEmpty { throw CELIssues(issues: check.issues) }
                if t != .string, !t.isDyn {
                    return .failure(CELRuleProblem(field: "\(at).messageExpression", kind: .invalid, value: shown, detail: "must evaluate to a string"))
                }
                messageExpression = parsed
            } catch {
                return .failure(CELRuleProblem(
                    field: "\(at).messageExpression", kind: .invalid, value: shown,
                    detail: "messageExpression compilation failed: \(error)"))
            }
        }

        var fieldPath: [String] = []
        if let path = raw["fieldPath"]?.stringValue, !path.isEmpty {
            guard let parsed = CELFieldPath.parse(path), CELFieldPath.resolves(parsed, in: schema) else {
                return .failure(CELRuleProblem(
                    field: "\(at).fieldPath", kind: .invalid, value: path,
                    detail: "fieldPath must be a valid path"))
            }
            fieldPath = parsed
        }
        return .success(CELRule(
            rule: rule, expression: expression, message: message, messageExpression: messageExpression, reason: reason,
            fieldPath: fieldPath, usesOldSelf: usesOldSelf, optionalOldSelf: optionalOldSelf))
    }

    /// At the root, `metadata` shows only `name` and `generateName`.
    private static func rootType(_ schema: StructuralSchema) -> CELType {
        var s = schema
        var meta = StructuralSchema()
        meta.type = "object"
        var name = StructuralSchema()
        name.type = "string"
        meta.properties = ["name": name, "generateName": name]
        s.properties["metadata"] = meta
        return .object(s)
    }

    /// Whether an identifier occurs in the expression (outside comprehensions that
    /// shadow it).
    static func mentions(_ name: String, _ e: CELExpr) -> Bool {
        switch e.kind {
        case .literal: return false
        case .identifier(let n): return n == name
        case .select(let o, _, _): return mentions(name, o)
        case .call(let t, _, let args): return (t.map { mentions(name, $0) } ?? false) || args.contains { mentions(name, $0) }
        case .list(let items): return items.contains { mentions(name, $0) }
        case .map(let entries): return entries.contains { mentions(name, $0.key) || mentions(name, $0.value) }
        case .and(let a, let b), .or(let a, let b): return mentions(name, a) || mentions(name, b)
        case .conditional(let a, let b, let c): return mentions(name, a) || mentions(name, b) || mentions(name, c)
        case .comprehension(_, let range, let v, let p, let t):
            if mentions(name, range) { return true }
            if v == name { return false }
            return (p.map { mentions(name, $0) } ?? false) || (t.map { mentions(name, $0) } ?? false)
        }
    }

    /// Go's `%#v` of the ValidationRule, the bad value the server prints for a rule it
    /// cannot compile.
    private static func goValue(_ raw: JSONValue) -> String {
        func q(_ key: String) -> String { GoQuote.quote(raw[key]?.stringValue ?? "") }
        let reason = raw["reason"]?.stringValue.map { "(*apiextensions.FieldValueErrorReason)(\(GoQuote.quote($0)))" }
            ?? "(*apiextensions.FieldValueErrorReason)(nil)"
        let optional = raw["optionalOldSelf"]?.boolValue.map { "(*bool)(\($0))" } ?? "(*bool)(nil)"
        return "apiextensions.ValidationRule{Rule:\(q("rule")), Message:\(q("message")), MessageExpression:\(q("messageExpression")), Reason:\(reason), FieldPath:\(q("fieldPath")), OptionalOldSelf:\(optional)}"
    }
}

extension String {
    /// Leading and trailing whitespace removed, as Go's strings.TrimSpace.
    var goTrimSpace: String {
        var view = Substring(self).unicodeScalars
        while let f = view.first, f.properties.isWhitespace { view.removeFirst() }
        while let l = view.last, l.properties.isWhitespace { view.removeLast() }
        return String(view)
    }
}
