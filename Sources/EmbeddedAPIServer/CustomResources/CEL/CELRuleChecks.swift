import KubeObjects
import Values

/// The CRD-time check of every `x-kubernetes-validations` entry of a version's schema:
/// each must compile (`compilation failed: ERROR: <input>:1:6: undefined field 'foo'`),
/// name a known reason, point its fieldPath at a declared field, and read `oldSelf` only
/// where an old value can be correlated (not below a list that is not `listType: map`).
extension CELValidator {
    /// The problems of every rule in `schema`, reported against the rule's place in the CRD
    /// (`spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule`).
    public static func ruleCauses(_ schema: JSONValue, at path: String) -> [ValidationCause] {
        var causes: [ValidationCause] = []
        visit(StructuralSchema(schema), path: path, isRoot: true, uncorrelatable: nil, into: &causes)
        return causes
    }

    private static func visit(
        _ s: StructuralSchema, path: String, isRoot: Bool, uncorrelatable: String?, into out: inout [ValidationCause]
    ) {
        for (i, raw) in s.validationRules.enumerated() {
            switch CELRuleCompiler.compile(raw, index: i, schema: s, isRoot: isRoot) {
            case .success(let rule):
                if rule.usesOldSelf, let uncorrelatable {
                    out.append(.forbidden(
                        "\(path).x-kubernetes-validations[\(i)].rule",
                        "oldSelf cannot be used on the uncorrelatable portion of the schema within \(uncorrelatable)"))
                }
            case .failure(let problem):
                let field = "\(path).\(problem.field)"
                switch problem.kind {
                case .required: out.append(.required(field, problem.detail))
                case .notSupported(let supported): out.append(.notSupported(field, .string(problem.value), supported))
                case .invalid:
                    // The bad value is Go's %#v of the rule struct, printed as is.
                    out.append(ValidationCause(field: field, type: .invalid, message: "Invalid value: \(problem.value.hasPrefix("apiextensions.") ? problem.value : GoQuote.quote(problem.value)): \(problem.detail)"))
                }
            }
        }
        for key in s.properties.keys.sorted(by: String.goLess) {
            visit(s.properties[key]!, path: "\(path).properties[\(key)]", isRoot: false, uncorrelatable: uncorrelatable, into: &out)
        }
        if let additional = s.additionalProperties?.schema {
            visit(additional, path: "\(path).additionalProperties", isRoot: false, uncorrelatable: uncorrelatable, into: &out)
        }
        if let items = s.items {
            let below = uncorrelatable ?? (s.listType == "map" ? nil : path)
            visit(items, path: "\(path).items", isRoot: false, uncorrelatable: below, into: &out)
        }
    }
}
