/// A light type checker, run when a CRD is written so that a rule that could never work
/// is refused up front as kube-apiserver refuses it: unknown identifiers and functions
/// (`undeclared reference to 'x' (in container '')`), fields the schema does not declare
/// (`undefined field 'x'`), and operator or function arguments of types no overload
/// takes (`found no matching overload for '_+_' applied to '(int, string)'`). Wherever a
/// type is dyn the question is left to runtime, so the checker may accept a rule cel-go
/// would refuse, never the other way round.
struct CELChecker {
    let source: String
    private(set) var issues: [CELIssue] = []

    init(source: String) { self.source = source }

    private mutating func issue(_ message: String, _ e: CELExpr) {
        issues.append(CELIssue(message, at: e.offset, in: source))
    }

    private mutating func noOverload(_ name: String, _ types: [CELType], _ e: CELExpr) -> CELType {
        issue("found no matching overload for '\(name)' applied to '(\(types.map(\.name).joined(separator: ", ")))'", e)
        return .dyn
    }

    mutating func check(_ e: CELExpr, _ env: [String: CELType]) -> CELType {
        switch e.kind {
        case .literal(let v):
            switch v {
            case .null: return .null
            case .bool: return .bool
            case .int: return .int
            case .uint: return .uint
            case .double: return .double
            case .string: return .string
            case .bytes: return .bytes
            case .duration: return .duration
            case .timestamp: return .timestamp
            case .type: return .type
            case .optional: return .dyn
            case .list: return .list(.dyn)
            case .map: return .map(.dyn, .dyn)
            }
        case .identifier(let name):
            if let t = env[name] { return t }
            if CELTypeName.identifiers[name] != nil { return .type }
            issue("undeclared reference to '\(name)' (in container '')", e)
            return .dyn
        case .select(let operand, let field, let testOnly):
            let t = check(operand, env)
            let fieldType = select(field, on: t, e)
            return testOnly ? .bool : fieldType
        case .call(let target, let function, let args):
            let t = target.map { check($0, env) }
            let types = args.map { check($0, env) }
            return call(function, target: t, types, e)
        case .list(let items):
            let types = items.map { check($0, env) }
            return .list(common(types))
        case .map(let entries):
            let keys = entries.map { check($0.key, env) }
            let values = entries.map { check($0.value, env) }
            return .map(common(keys), common(values))
        case .and(let a, let b), .or(let a, let b):
            let ta = check(a, env), tb = check(b, env)
            let name: String
            if case .and = e.kind { name = "_&&_" } else { name = "_||_" }
            if !(ta == .bool || ta.isDyn) || !(tb == .bool || tb.isDyn) { return noOverload(name, [ta, tb], e) }
            return .bool
        case .conditional(let c, let yes, let no):
            let tc = check(c, env)
            if !(tc == .bool || tc.isDyn) { _ = noOverload("_?_:_", [tc], e) }
            let ty = check(yes, env), tn = check(no, env)
            return ty == tn ? ty : .dyn
        case .comprehension(let macro, let range, let variable, let predicate, let transform):
            let tr = check(range, env)
            let element: CELType
            switch tr {
            case .list(let el): element = el
            case .map(let k, _): element = k
            case .dyn: element = .dyn
            case .object: element = .string
            default:
                issue("expression of type '\(tr.name)' cannot be range of a comprehension (must be list, map, or dynamic)", range)
                element = .dyn
            }
            var inner = env
            inner[variable] = element
            if let predicate {
                let tp = check(predicate, inner)
                if !(tp == .bool || tp.isDyn) { _ = noOverload(macro == .map ? "_?_:_" : "_&&_", [tp], predicate) }
            }
            switch macro {
            case .all, .exists, .existsOne: return .bool
            case .filter: return .list(element)
            case .map: return .list(transform.map { check($0, inner) } ?? .dyn)
            }
        }
    }

    private func common(_ types: [CELType]) -> CELType {
        guard let first = types.first, types.allSatisfy({ $0 == first }) else { return .dyn }
        return first
    }

    private mutating func select(_ field: String, on t: CELType, _ e: CELExpr) -> CELType {
        switch t {
        case .dyn: return .dyn
        case .map(_, let v): return v
        case .object(let s):
            let name = s.properties[field] != nil ? field : (CELFieldNames.unescape(field) ?? field)
            if let p = s.properties[name] { return CELType(schema: p) }
            if let additional = s.additionalProperties?.schema { return CELType(schema: additional) }
            if s.preserveUnknownFields || s.additionalProperties == .allowed(true) { return .dyn }
            issue("undefined field '\(field)'", e)
            return .dyn
        default:
            issue("type '\(t.name)' does not support field selection", e)
            return .dyn
        }
    }

    private mutating func call(_ name: String, target: CELType?, _ args: [CELType], _ e: CELExpr) -> CELType {
        if let target {
            guard let counts = CELFunctions.members[name] else {
                issue("undeclared reference to '\(name)' (in container '')", e)
                return .dyn
            }
            guard counts.contains(args.count) else { return noOverload(name, [target] + args, e) }
            return member(name, target, args, e)
        }
        guard let counts = CELFunctions.globals[name] else {
            issue("undeclared reference to '\(name)' (in container '')", e)
            return .dyn
        }
        guard counts.contains(args.count) else { return noOverload(name, args, e) }
        switch name {
        case "_==_", "_!=_":
            if args[0] == .null || args[1] == .null || args[0].meets(args[1]) { return .bool }
            return noOverload(name, args, e)
        case "_<_", "_<=_", "_>_", "_>=_":
            let orderable: Set<String> = ["int", "uint", "double", "string", "bytes", "bool", "google.protobuf.Duration", "google.protobuf.Timestamp", "dyn"]
            if args[0].meets(args[1]), orderable.contains(args[0].name), orderable.contains(args[1].name) { return .bool }
            return noOverload(name, args, e)
        case "_+_", "_-_", "_*_", "_/_", "_%_":
            return arithmetic(name, args[0], args[1], e)
        case "!_":
            return args[0] == .bool || args[0].isDyn ? .bool : noOverload(name, args, e)
        case "-_":
            return [.int, .double, .duration, .dyn].contains(args[0]) ? args[0] : noOverload(name, args, e)
        case "@in":
            switch args[1] {
            case .list(let el): return el.meets(args[0]) || args[0] == .null ? .bool : noOverload(name, args, e)
            case .map(let k, _): return k.meets(args[0]) ? .bool : noOverload(name, args, e)
            case .dyn, .object: return .bool
            default: return noOverload(name, args, e)
            }
        case "_[_]":
            switch args[0] {
            case .list(let el):
                return [.int, .uint, .dyn].contains(args[1]) ? el : noOverload(name, args, e)
            case .map(let k, let v): return k.meets(args[1]) ? v : noOverload(name, args, e)
            case .dyn: return .dyn
            case .object: return .dyn
            default: return noOverload(name, args, e)
            }
        case "size":
            switch args[0] {
            case .string, .bytes, .list, .map, .dyn, .object: return .int
            default: return noOverload(name, args, e)
            }
        case "matches":
            return args.allSatisfy({ $0 == .string || $0.isDyn }) ? .bool : noOverload(name, args, e)
        case "int": return .int
        case "uint": return .uint
        case "double": return .double
        case "string": return .string
        case "bool": return .bool
        case "bytes": return .bytes
        case "duration": return .duration
        case "timestamp": return .timestamp
        case "type": return .type
        default: return .dyn
        }
    }

    private mutating func arithmetic(_ name: String, _ a: CELType, _ b: CELType, _ e: CELExpr) -> CELType {
        if a.isDyn || b.isDyn {
            if case .timestamp = a, name == "_-_" { return .dyn }
            return a.isDyn ? (b.isNumeric ? b : .dyn) : (a.isNumeric ? a : .dyn)
        }
        switch (name, a, b) {
        case ("_+_", .int, .int), ("_-_", .int, .int), ("_*_", .int, .int), ("_/_", .int, .int), ("_%_", .int, .int): return .int
        case ("_+_", .uint, .uint), ("_-_", .uint, .uint), ("_*_", .uint, .uint), ("_/_", .uint, .uint), ("_%_", .uint, .uint): return .uint
        case ("_+_", .double, .double), ("_-_", .double, .double), ("_*_", .double, .double), ("_/_", .double, .double): return .double
        case ("_+_", .string, .string): return .string
        case ("_+_", .bytes, .bytes): return .bytes
        case ("_+_", .list(let x), .list(let y)): return .list(x == y ? x : .dyn)
        case ("_+_", .duration, .duration), ("_-_", .duration, .duration): return .duration
        case ("_+_", .timestamp, .duration), ("_+_", .duration, .timestamp), ("_-_", .timestamp, .duration): return .timestamp
        case ("_-_", .timestamp, .timestamp): return .duration
        default: return noOverload(name, [a, b], e)
        }
    }

    private mutating func member(_ name: String, _ target: CELType, _ args: [CELType], _ e: CELExpr) -> CELType {
        func receiver(_ ok: Bool, _ result: CELType) -> CELType {
            ok || target.isDyn ? result : noOverload(name, [target] + args, e)
        }
        let isString = target == .string
        var isList = false
        var element = CELType.dyn
        if case .list(let el) = target { isList = true; element = el }
        switch name {
        case "size":
            switch target {
            case .string, .bytes, .list, .map, .dyn, .object: return .int
            default: return noOverload(name, [target], e)
            }
        case "contains", "startsWith", "endsWith", "matches":
            return receiver(isString && (args[0] == .string || args[0].isDyn), .bool)
        case "lowerAscii", "upperAscii", "trim", "replace", "substring", "charAt": return receiver(isString, .string)
        case "split": return receiver(isString, .list(.string))
        case "join": return receiver(isList && (element == .string || element.isDyn), .string)
        case "indexOf", "lastIndexOf": return receiver(isString || isList, .int)
        case "isSorted": return receiver(isList, .bool)
        case "sum", "min", "max": return receiver(isList, element)
        case "hasValue": return receiver(false, .bool)
        case "value", "orValue": return receiver(false, .dyn)
        default:
            return receiver(target == .timestamp || target == .duration, .int)
        }
    }
}
