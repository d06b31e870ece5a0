import KubeObjects
import Values

/// The compiled `x-kubernetes-validations` of a CRD version's schema, kept on the same
/// shape as the schema, and their evaluation on a custom object as kube-apiserver does it:
/// every rule runs with `self` at the node that declares it (once per element under an
/// array's `items` or a map's `additionalProperties`); transition rules (those reading
/// `oldSelf`) run only on update and only where the old object has a correlated value
/// (object properties, map values, items of `listType: map` lists by their keys); and on
/// update a value equal to its old value does not fail the rules that ignore `oldSelf`
/// (validation ratcheting), so an object stored before a rule existed stays writable.
public final class CELValidator: Sendable {
    let schema: StructuralSchema
    let rules: [CELRule]
    let properties: [String: CELValidator]
    let additional: CELValidator?
    let items: CELValidator?
    let isRoot: Bool

    /// Kubernetes' total runtime budget for all rules of one object.
    public static let objectBudget = 10_000_000

    private init(
        schema: StructuralSchema, rules: [CELRule], properties: [String: CELValidator], additional: CELValidator?,
        items: CELValidator?, isRoot: Bool
    ) {
        self.schema = schema
        self.rules = rules
        self.properties = properties
        self.additional = additional
        self.items = items
        self.isRoot = isRoot
    }

    /// The validator for a schema; nil when no node of it has rules. A rule that does not
    /// compile is left out (the CRD carrying it was refused when written).
    public static func build(_ schema: StructuralSchema) -> CELValidator? {
        build(schema, isRoot: true)
    }

    private static func build(_ schema: StructuralSchema, isRoot: Bool) -> CELValidator? {
        var rules: [CELRule] = []
        for (i, raw) in schema.validationRules.enumerated() {
            if case .success(let rule) = CELRuleCompiler.compile(raw, index: i, schema: schema, isRoot: isRoot) {
                rules.append(rule)
            }
        }
        var properties: [String: CELValidator] = [:]
        for (name, sub) in schema.properties {
            if let v = build(sub, isRoot: false) { properties[name] = v }
        }
        let additional = schema.additionalProperties?.schema.flatMap { build($0, isRoot: false) }
        let items = schema.items.flatMap { build($0, isRoot: false) }
        if rules.isEmpty, properties.isEmpty, additional == nil, items == nil { return nil }
        return CELValidator(
            schema: schema, rules: rules, properties: properties, additional: additional, items: items, isRoot: isRoot)
    }

    /// Every rule failure of `object`; `old` is the stored object on an update, nil on create.
    public func validate(_ object: JSONValue, old: JSONValue?) -> [ValidationCause] {
        var run = Run()
        visit(object, old: old, path: "", &run)
        return run.causes
    }

    private struct Run {
        var causes: [ValidationCause] = []
        var budget = CELValidator.objectBudget
        var stopped = false
    }

    private func visit(_ value: JSONValue, old: JSONValue?, path: String, _ run: inout Run) {
        if run.stopped || value.isNull { return }
        if !rules.isEmpty { evaluateRules(value, old: old, path: path, &run) }
        switch value {
        case .object(let members):
            for key in members.keys.sorted(by: String.goLess) {
                let child: CELValidator?
                let childPath: String
                if let p = properties[key] {
                    child = p
                    childPath = path.isEmpty ? key : "\(path).\(key)"
                } else if schema.properties[key] == nil, let a = additional {
                    child = a
                    childPath = "\(path)[\(key)]"
                } else {
                    continue
                }
                child?.visit(members[key]!, old: old?[key], path: childPath, &run)
            }
        case .array(let elements):
            guard let items else { return }
            let oldElements = schema.listType == "map" ? old?.arrayValue ?? [] : []
            for (i, element) in elements.enumerated() {
                let previous = oldElements.first { Self.sameMapKeys($0, element, schema.listMapKeys) }
                items.visit(element, old: previous, path: "\(path)[\(i)]", &run)
            }
        default:
            break
        }
    }

    private static func sameMapKeys(_ a: JSONValue, _ b: JSONValue, _ keys: [String]) -> Bool {
        keys.allSatisfy { k in
            switch (a[k], b[k]) {
            case (nil, nil): return true
            case (let x?, let y?): return x.semanticallyEquals(y)
            default: return false
            }
        }
    }

    private func evaluateRules(_ value: JSONValue, old: JSONValue?, path: String, _ run: inout Run) {
        let selfValue = CELSchemaValues.value(value, schema, isRoot: isRoot)
        let oldValue = old.map { CELSchemaValues.value($0, schema, isRoot: isRoot) }
        let unchanged = old.map { $0.semanticallyEquals(value) } ?? false
        let typeText = JSONValue.string(schema.type ?? "")
        let field = path.isEmpty ? "<nil>" : path
        for rule in rules {
            if rule.usesOldSelf, oldValue == nil, !rule.optionalOldSelf { continue }
            // Ratcheting: an unchanged value cannot newly fail a rule about itself alone.
            if !rule.usesOldSelf, unchanged { continue }
            var vars: [String: CELValue] = ["self": selfValue]
            if rule.optionalOldSelf {
                vars["oldSelf"] = .optional(oldValue)
            } else if let oldValue {
                vars["oldSelf"] = oldValue
            }
            var evaluator = CELEvaluator(stepLimit: min(CELEvaluator.defaultStepLimit, run.budget))
            let result: Result<CELValue, CELEvalError>
            do throws(CELEvalError) {
                result = .success(try evaluator.evaluate(rule.expression, vars))
            } catch {
                result = .failure(error)
            }
            run.budget -= evaluator.steps
            switch result {
            case .success(.bool(true)):
                continue
            case .success:
                var message = rule.defaultMessage
                if let expression = rule.messageExpression, let text = messageText(expression, vars, &run) {
                    message = text
                }
                let target = rule.fieldPath.isEmpty ? field : CELFieldPath.append(rule.fieldPath, to: path)
                run.causes.append(Self.cause(target, typeText, message, rule.reason))
            case .failure(let error):
                if error.costExceeded {
                    let why = run.budget <= 0
                        ? "validation failed due to running out of cost budget, no further validation rules will be run"
                        : "'\(error.message)': no further validation rules will be run due to call cost exceeds limit for rule: \(rule.errorName)"
                    run.causes.append(.invalid(field, typeText, why))
                    run.stopped = true
                    return
                }
                if error.message.hasPrefix("no such overload") {
                    run.causes.append(.invalid(field, typeText, "'\(error.message)': call arguments did not match a supported operator, function or macro signature for rule: \(rule.errorName)"))
                } else {
                    run.causes.append(.invalid(field, typeText, "\(error.message) evaluating rule: \(rule.errorName)"))
                }
            }
        }
    }

    /// The text of a `messageExpression`; nil (use the rule's message) when it fails or
    /// gives an empty or multi-line string, as the API server falls back then.
    private func messageText(_ expression: CELExpr, _ vars: [String: CELValue], _ run: inout Run) -> String? {
        var evaluator = CELEvaluator(stepLimit: min(CELEvaluator.defaultStepLimit, max(run.budget, 0)))
        defer { run.budget -= evaluator.steps }
        guard case .string(let s)? = try? evaluator.evaluate(expression, vars),
              !s.goTrimSpace.isEmpty, !s.contains("\n")
        else { return nil }
        return s
    }

    private static func cause(_ field: String, _ type: JSONValue, _ message: String, _ reason: ValidationCause.CauseType?) -> ValidationCause {
        switch reason {
        case .forbidden?: return .forbidden(field, message)
        case .required?: return .required(field, message)
        case .duplicate?: return .duplicate(field, type)
        default: return .invalid(field, type, message)
        }
    }
}
