import Values

/// Validates values against a compiled schema in the order santhosh-tekuri/jsonschema
/// v6 checks keywords, building the same error tree (see `ValuesSchemaFailure`):
/// `type`, `const`, `enum` and an asserted `format` end the checks of a schema; before
/// draft 2019-09 so does `$ref`; then the keywords of the value's kind; then `not`,
/// `allOf`, `anyOf`, `oneOf`, `if`; then `unevaluated*`.
///
/// Go iterates maps in random order, so where v6 walks an object's properties Helm's
/// message order varies from run to run; here properties go in sorted order.
struct ValuesSchemaValidator {
    let program: ValuesSchemaProgram

    /// v6's type names in the order it lists wanted types ("want null or integer").
    static let typeOrder = ["null", "boolean", "number", "integer", "string", "array", "object"]

    /// The properties and items a successful schema evaluated, for `unevaluated*`.
    struct Evaluated {
        var properties: Set<String> = []
        var items: Set<Int> = []

        mutating func merge(_ other: Evaluated) {
            properties.formUnion(other.properties)
            items.formUnion(other.items)
        }
    }

    struct Outcome {
        var failure: ValuesSchemaFailure?
        var evaluated = Evaluated()
    }

    static func typeName(_ v: Value) -> String? {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .float: return "number"
        case .string: return "string"
        case .list: return "array"
        case .map: return "object"
        default: return nil
        }
    }

    static func isInteger(_ v: Value) -> Bool {
        switch v {
        case .int: return true
        case .float(let f): return f.isFinite && f == f.rounded()
        default: return false
        }
    }

    /// Validates `v` (at `location`) against node `index`. `inPlace` holds the nodes
    /// already applied to this same value, to catch `$ref` cycles.
    func validate(_ index: Int, _ v: Value, _ location: [String], inPlace: [Int] = []) -> Outcome {
        let s = program.nodes[index]
        func fail(_ message: String) -> ValuesSchemaFailure {
            ValuesSchemaFailure(location: location, message: message)
        }
        if let b = s.boolean {
            return b ? Outcome(evaluated: everything(v)) : Outcome(failure: fail("false schema"))
        }
        if inPlace.contains(index) {
            return Outcome(failure: fail("both \(s.location) and \(s.location) resolve to \(ValuesSchemaCompiler.goQuote(ValuesSchemaCompiler.documentURL + "#" + s.location)) causing reference cycle"))
        }
        let chain = inPlace + [index]
        guard let type = Self.typeName(v) else {
            return Outcome(failure: fail("invalid jsonType \(v.typeName)"))
        }

        if let types = s.types, !types.isEmpty {
            let ok = types.contains(type) || (types.contains("integer") && type == "number" && Self.isInteger(v))
            if !ok { return Outcome(failure: fail("got \(type), want \(types.joined(separator: " or "))")) }
        }
        if let c = s.constValue, !Self.equal(v, c) {
            switch c {
            case .list, .map: return Outcome(failure: fail("'const' failed"))
            default: return Outcome(failure: fail("value must be \(ValuesSchemaText.display(c))"))
            }
        }
        if let members = s.enumValues, !members.contains(where: { Self.equal(v, $0) }) {
            return Outcome(failure: fail(Self.enumMessage(members)))
        }
        if let format = s.format, s.draft < 2019, case .string(let str) = v,
            let problem = ValuesSchemaFormats.check(format, str)
        {
            return Outcome(failure: fail("\(ValuesSchemaText.quote(str)) is not valid \(format): \(problem)"))
        }

        var errors: [ValuesSchemaFailure] = []
        var evaluated = Evaluated()
        if let ref = s.ref {
            let out = reference(ref, v, location, chain)
            if s.draft < 2019 { return out }
            if let f = out.failure { errors.append(f) } else { evaluated.merge(out.evaluated) }
        }

        switch v {
        case .map(let m, _): validateObject(s, m.dictionary, location, chain, &errors, &evaluated)
        case .list(let l, _): validateArray(s, l, location, &errors, &evaluated)
        case .string(let str): validateString(s, str, location, &errors)
        case .int, .float: validateNumber(s, v, location, &errors)
        default: break
        }

        if let dyn = s.dynamicRef {
            let out = reference(dyn, v, location, chain)
            if let f = out.failure { errors.append(f) } else { evaluated.merge(out.evaluated) }
        }
        validateConditionals(s, v, location, chain, &errors, &evaluated)
        validateUnevaluated(s, v, location, &errors, &evaluated)

        switch errors.count {
        case 0: return Outcome(evaluated: evaluated)
        case 1: return Outcome(failure: errors[0])
        default: return Outcome(failure: ValuesSchemaFailure(location: location, message: "validation failed", role: .group, causes: errors))
        }
    }

    private func everything(_ v: Value) -> Evaluated {
        switch v {
        case .map(let m, _): return Evaluated(properties: Set(m.keys))
        case .list(let l, _): return Evaluated(items: Set(l.indices))
        default: return Evaluated()
        }
    }

    /// v6 `validateRef`: a `$ref` failure wraps the target's errors (a group's causes
    /// directly), and is not printed itself when it has a single cause.
    private func reference(_ target: Int, _ v: Value, _ location: [String], _ chain: [Int]) -> Outcome {
        let out = validate(target, v, location, inPlace: chain)
        guard let f = out.failure else { return out }
        let causes = f.role == .group ? f.causes : [f]
        return Outcome(failure: ValuesSchemaFailure(location: location, message: "validation failed", role: .reference, causes: causes))
    }

    private func validateObject(
        _ s: ValuesSchemaNode, _ obj: [String: Value], _ location: [String], _ chain: [Int],
        _ errors: inout [ValuesSchemaFailure], _ evaluated: inout Evaluated
    ) {
        func fail(_ message: String) { errors.append(ValuesSchemaFailure(location: location, message: message)) }
        if let min = s.minProperties, obj.count < min {
            fail("minProperties: got \(ValuesSchemaText.integer(obj.count)), want \(ValuesSchemaText.integer(min))")
        }
        if let max = s.maxProperties, obj.count > max {
            fail("maxProperties: got \(ValuesSchemaText.integer(obj.count)), want \(ValuesSchemaText.integer(max))")
        }
        let missing = s.required.filter { obj[$0] == nil }
        if missing.count == 1 {
            fail("missing property \(ValuesSchemaText.quote(missing[0]))")
        } else if !missing.isEmpty {
            fail("missing properties \(missing.map(ValuesSchemaText.quote).joined(separator: ", "))")
        }
        for (name, dep) in s.dependencies where obj[name] != nil {
            switch dep {
            case .required(let names):
                let missing = names.filter { obj[$0] == nil }
                if !missing.isEmpty {
                    fail("properties \(missing.map(ValuesSchemaText.quote).joined(separator: ", ")) required, if \(ValuesSchemaText.quote(name)) exists")
                }
            case .schema(let sub):
                let out = validate(sub, .map(ValueMap(obj), type: .interfaceMap), location, inPlace: chain)
                if let f = out.failure { errors.append(f) } else { evaluated.merge(out.evaluated) }
            }
        }
        var additional: [String] = []
        for name in obj.keys.sorted() {
            guard let value = obj[name] else { continue }
            var seen = false
            if let sub = s.properties[name] {
                seen = true
                if let f = validate(sub, value, location + [name]).failure { errors.append(f) }
            }
            for (regex, sub) in s.patternProperties where regex.matches(name) {
                seen = true
                if let f = validate(sub, value, location + [name]).failure { errors.append(f) }
            }
            if !seen, let extra = s.additionalProperties {
                seen = true
                switch extra {
                case .allowed(let ok): if !ok { additional.append(name) }
                case .schema(let sub):
                    if let f = validate(sub, value, location + [name]).failure { errors.append(f) }
                }
            }
            if seen { evaluated.properties.insert(name) }
        }
        if !additional.isEmpty {
            fail("additional properties \(additional.map(ValuesSchemaText.quote).joined(separator: ", ")) not allowed")
        }
        // v6 validates each name as a document of its own and reports it at '' (the
        // name's own location), whatever the object's location.
        if let names = s.propertyNames {
            for name in obj.keys.sorted() {
                if let f = validate(names, .string(name), []).failure {
                    errors.append(ValuesSchemaFailure(location: [], message: "invalid propertyName \(ValuesSchemaText.quote(name))", causes: f.topLevel))
                }
            }
        }
        for (name, sub) in s.dependentSchemas where obj[name] != nil {
            let out = validate(sub, .map(ValueMap(obj), type: .interfaceMap), location, inPlace: chain)
            if let f = out.failure { errors.append(f) } else { evaluated.merge(out.evaluated) }
        }
        for (name, names) in s.dependentRequired where obj[name] != nil {
            let missing = names.filter { obj[$0] == nil }
            if !missing.isEmpty {
                fail("properties \(missing.map(ValuesSchemaText.quote).joined(separator: ", ")) required, if \(ValuesSchemaText.quote(name)) exists")
            }
        }
    }

    private func validateArray(
        _ s: ValuesSchemaNode, _ arr: [Value], _ location: [String],
        _ errors: inout [ValuesSchemaFailure], _ evaluated: inout Evaluated
    ) {
        func fail(_ message: String) { errors.append(ValuesSchemaFailure(location: location, message: message)) }
        func check(_ sub: Int, _ i: Int, at token: Int) {
            if let f = validate(sub, arr[i], location + [String(token)]).failure { errors.append(f) }
            evaluated.items.insert(i)
        }
        if let min = s.minItems, arr.count < min {
            fail("minItems: got \(ValuesSchemaText.integer(arr.count)), want \(ValuesSchemaText.integer(min))")
        }
        if let max = s.maxItems, arr.count > max {
            fail("maxItems: got \(ValuesSchemaText.integer(arr.count)), want \(ValuesSchemaText.integer(max))")
        }
        if s.uniqueItems, let (i, j) = Self.duplicate(arr) {
            fail("items at \(ValuesSchemaText.integer(i)) and \(ValuesSchemaText.integer(j)) are equal")
        }
        // Helm's v6 reports items after the tuple (`additionalItems`, and 2020-12
        // `items` after `prefixItems`) at their index counted from the end of the tuple.
        if s.draft < 2020 {
            var covered = 0
            switch s.items {
            case .single(let sub)?:
                for i in arr.indices { check(sub, i, at: i) }
                covered = arr.count
            case .tuple(let subs)?:
                covered = min(arr.count, subs.count)
                for i in 0..<covered { check(subs[i], i, at: i) }
            case nil: break
            }
            switch s.additionalItems {
            case .allowed(false)? where covered != arr.count:
                fail("last \(ValuesSchemaText.integer(arr.count - covered)) additionalItem(s) not allowed")
            case .schema(let sub)?:
                for i in covered..<arr.count { check(sub, i, at: i - covered) }
            default: break
            }
        } else {
            let covered = min(s.prefixItems.count, arr.count)
            for i in 0..<covered { check(s.prefixItems[i], i, at: i) }
            if let sub = s.items2020 {
                for i in covered..<arr.count { check(sub, i, at: i - covered) }
            }
        }
        if let contains = s.contains {
            var causes: [ValuesSchemaFailure] = []
            var matched: [Int] = []
            for (i, item) in arr.enumerated() {
                if let f = validate(contains, item, location + [String(i)]).failure {
                    causes.append(f)
                } else {
                    matched.append(i)
                    if s.draft >= 2020 { evaluated.items.insert(i) }
                }
            }
            let list = matched.map(String.init).joined(separator: " ")
            if let min = s.minContains {
                if matched.count < min {
                    let text = matched.isEmpty
                        ? "min \(ValuesSchemaText.integer(min)) items required to match contains schema, but none matched"
                        : "min \(ValuesSchemaText.integer(min)) items required to match contains schema, but matched \(ValuesSchemaText.integer(matched.count)) items at \(list)"
                    errors.append(ValuesSchemaFailure(location: location, message: text, causes: causes))
                }
            } else if matched.isEmpty {
                errors.append(ValuesSchemaFailure(location: location, message: "no items match contains schema", causes: causes))
            }
            if let max = s.maxContains, matched.count > max {
                fail("max \(ValuesSchemaText.integer(max)) items required to match contains schema, but matched \(ValuesSchemaText.integer(matched.count)) items at \(list)")
            }
        }
    }

    private func validateString(_ s: ValuesSchemaNode, _ str: String, _ location: [String], _ errors: inout [ValuesSchemaFailure]) {
        func fail(_ message: String) { errors.append(ValuesSchemaFailure(location: location, message: message)) }
        if s.minLength != nil || s.maxLength != nil {
            let runes = str.unicodeScalars.count
            if let min = s.minLength, runes < min {
                fail("minLength: got \(ValuesSchemaText.integer(runes)), want \(ValuesSchemaText.integer(min))")
            }
            if let max = s.maxLength, runes > max {
                fail("maxLength: got \(ValuesSchemaText.integer(runes)), want \(ValuesSchemaText.integer(max))")
            }
        }
        if let (regex, source) = s.pattern, !regex.matches(str) {
            fail("\(ValuesSchemaText.quote(str)) does not match pattern \(ValuesSchemaText.quote(source))")
        }
    }

    private func validateNumber(_ s: ValuesSchemaNode, _ v: Value, _ location: [String], _ errors: inout [ValuesSchemaFailure]) {
        guard let num = ValuesSchemaNumber(v) else { return }
        func fail(_ keyword: String, _ want: ValuesSchemaNumber) {
            errors.append(ValuesSchemaFailure(
                location: location,
                message: "\(keyword): got \(ValuesSchemaText.number(num.value)), want \(ValuesSchemaText.number(want.value))"))
        }
        if let m = s.minimum, num.compare(m) < 0 { fail("minimum", m) }
        if let m = s.maximum, num.compare(m) > 0 { fail("maximum", m) }
        if let m = s.exclusiveMinimum, num.compare(m) <= 0 { fail("exclusiveMinimum", m) }
        if let m = s.exclusiveMaximum, num.compare(m) >= 0 { fail("exclusiveMaximum", m) }
        if let m = s.multipleOf, !num.isMultiple(of: m) { fail("multipleOf", m) }
    }

    private func validateConditionals(
        _ s: ValuesSchemaNode, _ v: Value, _ location: [String], _ chain: [Int],
        _ errors: inout [ValuesSchemaFailure], _ evaluated: inout Evaluated
    ) {
        if let not = s.not, validate(not, v, location, inPlace: chain).failure == nil {
            errors.append(ValuesSchemaFailure(location: location, message: "'not' failed"))
        }
        if !s.allOf.isEmpty {
            var causes: [ValuesSchemaFailure] = []
            var found = Evaluated()
            for sub in s.allOf {
                let out = validate(sub, v, location, inPlace: chain)
                if let f = out.failure { causes.append(f) } else { found.merge(out.evaluated) }
            }
            if causes.isEmpty {
                evaluated.merge(found)
            } else {
                errors.append(ValuesSchemaFailure(location: location, message: "'allOf' failed", causes: causes))
            }
        }
        if !s.anyOf.isEmpty {
            var causes: [ValuesSchemaFailure] = []
            var matched = false
            for sub in s.anyOf {
                let out = validate(sub, v, location, inPlace: chain)
                if let f = out.failure {
                    causes.append(f)
                } else {
                    matched = true
                    evaluated.merge(out.evaluated)
                }
            }
            if !matched { errors.append(ValuesSchemaFailure(location: location, message: "'anyOf' failed", causes: causes)) }
        }
        if !s.oneOf.isEmpty {
            var causes: [ValuesSchemaFailure] = []
            var matched = -1
            for (i, sub) in s.oneOf.enumerated() {
                let out = validate(sub, v, location, inPlace: chain)
                if let f = out.failure {
                    if matched == -1 { causes.append(f) }
                } else if matched == -1 {
                    matched = i
                    evaluated.merge(out.evaluated)
                } else {
                    errors.append(ValuesSchemaFailure(location: location, message: "'oneOf' failed, subschemas \(matched), \(i) matched"))
                    break
                }
            }
            if matched == -1 {
                errors.append(ValuesSchemaFailure(location: location, message: "'oneOf' failed, none matched", causes: causes))
            }
        }
        if let cond = s.ifSchema {
            let test = validate(cond, v, location, inPlace: chain)
            let branch = test.failure == nil ? s.thenSchema : s.elseSchema
            if test.failure == nil { evaluated.merge(test.evaluated) }
            if let branch {
                let out = validate(branch, v, location, inPlace: chain)
                if let f = out.failure { errors.append(f) } else { evaluated.merge(out.evaluated) }
            }
        }
    }

    private func validateUnevaluated(
        _ s: ValuesSchemaNode, _ v: Value, _ location: [String],
        _ errors: inout [ValuesSchemaFailure], _ evaluated: inout Evaluated
    ) {
        if let sub = s.unevaluatedProperties, case .map(let m, _) = v {
            for name in m.keys.sorted() where !evaluated.properties.contains(name) {
                if let value = m[name], let f = validate(sub, value, location + [name]).failure { errors.append(f) }
                evaluated.properties.insert(name)
            }
        }
        if let sub = s.unevaluatedItems, case .list(let l, _) = v {
            for i in l.indices where !evaluated.items.contains(i) {
                if let f = validate(sub, l[i], location + [String(i)]).failure { errors.append(f) }
                evaluated.items.insert(i)
            }
        }
    }

    // MARK: - Helpers

    static func enumMessage(_ members: [Value]) -> String {
        if members.contains(where: { if case .list = $0 { return true }; if case .map = $0 { return true }; return false }) {
            return "'enum' failed"
        }
        if members.count == 1 { return "value must be \(ValuesSchemaText.display(members[0]))" }
        return "value must be one of \(members.map(ValuesSchemaText.display).joined(separator: ", "))"
    }

    /// v6 `duplicates`: the first pair, scanning each item against the ones before it.
    static func duplicate(_ arr: [Value]) -> (Int, Int)? {
        guard arr.count > 1 else { return nil }
        for j in 1..<arr.count {
            for i in 0..<j where equal(arr[i], arr[j]) { return (i, j) }
        }
        return nil
    }

    /// JSON equality: numbers by value whatever their Go type.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.int, .int), (.int, .float), (.float, .int), (.float, .float):
            guard let x = ValuesSchemaNumber(a), let y = ValuesSchemaNumber(b) else { return false }
            return x.compare(y) == 0
        case (.list(let x, _), .list(let y, _)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.map(let x, _), .map(let y, _)):
            guard x.count == y.count else { return false }
            for (k, v) in x {
                guard let w = y[k], equal(v, w) else { return false }
            }
            return true
        default: return false
        }
    }
}
