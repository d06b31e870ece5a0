/// Evaluates a parsed expression against variables (`self`, `oldSelf`), counting one step
/// per node visited and per comprehension iteration so that a rule over a huge list stops
/// with cel-go's cost-limit error instead of running unbounded.
///
/// `&&` and `||` are commutative over errors as the CEL spec asks: `false && error` and
/// `error && false` are both `false`; an error only surfaces when the other side cannot
/// decide the result. Comprehensions (`all`, `exists`) absorb errors the same way.
public struct CELEvaluator: Sendable {
    public private(set) var steps = 0
    public let stepLimit: Int

    /// Kubernetes' per-expression runtime budget.
    public static let defaultStepLimit = 1_000_000

    public init(stepLimit: Int = CELEvaluator.defaultStepLimit) {
        self.stepLimit = stepLimit
    }

    /// Parses and evaluates `source` in one go (for tests and message expressions).
    public static func evaluate(_ source: String, _ variables: [String: CELValue] = [:]) throws -> CELValue {
        var evaluator = CELEvaluator()
        return try evaluator.evaluate(try CELParser.parse(source), variables)
    }

    private mutating func step(_ n: Int = 1) throws(CELEvalError) {
        steps += n
        if steps > stepLimit { throw .costLimit }
    }

    public mutating func evaluate(_ e: CELExpr, _ vars: [String: CELValue]) throws(CELEvalError) -> CELValue {
        try step()
        switch e.kind {
        case .literal(let v):
            return v
        case .identifier(let name):
            if let v = vars[name] { return v }
            if let t = CELTypeName.identifiers[name] { return .type(t) }
            throw CELEvalError("no such attribute: \(name)")
        case .select(let operand, let field, let testOnly):
            let target = try evaluate(operand, vars)
            guard case .map(let m) = target else { throw .noSuchOverload }
            let value = m[.string(field)] ?? CELFieldNames.unescape(field).flatMap { m[.string($0)] }
            if testOnly { return .bool(value != nil) }
            guard let value else { throw .noSuchKey(.string(field)) }
            return value
        case .call(let target, let function, let args):
            var t: CELValue?
            if let target { t = try evaluate(target, vars) }
            var values: [CELValue] = []
            for a in args { values.append(try evaluate(a, vars)) }
            return try CELFunctions.call(function, target: t, args: values, cost: &steps)
        case .list(let items):
            var values: [CELValue] = []
            for item in items { values.append(try evaluate(item, vars)) }
            return .list(values)
        case .map(let entries):
            var m = CELMap()
            for entry in entries {
                let k = try evaluate(entry.key, vars)
                guard let key = CELMapKey(k) else { throw CELEvalError("unsupported key type") }
                if m[key] != nil { throw CELEvalError("Failed with repeated key") }
                m[key] = try evaluate(entry.value, vars)
            }
            return .map(m)
        case .and(let a, let b):
            return try logical(a, b, vars, decisive: false)
        case .or(let a, let b):
            return try logical(a, b, vars, decisive: true)
        case .conditional(let c, let yes, let no):
            guard case .bool(let b) = try evaluate(c, vars) else { throw .noSuchOverload }
            return try evaluate(b ? yes : no, vars)
        case .comprehension(let macro, let range, let variable, let predicate, let transform):
            return try comprehension(macro, range, variable, predicate, transform, vars)
        }
    }

    /// `&&` (decisive value false) and `||` (decisive value true).
    private mutating func logical(_ a: CELExpr, _ b: CELExpr, _ vars: [String: CELValue], decisive: Bool) throws(CELEvalError) -> CELValue {
        let left = attempt(a, vars)
        if case .success(.bool(decisive)) = left { return .bool(decisive) }
        if case .failure(let e) = left, e.costExceeded { throw e }
        let right = attempt(b, vars)
        if case .success(.bool(decisive)) = right { return .bool(decisive) }
        if case .failure(let e) = right, e.costExceeded { throw e }
        switch (left, right) {
        case (.failure(let e), _): throw e
        case (_, .failure(let e)): throw e
        case (.success(.bool), .success(.bool)): return .bool(!decisive)
        default: throw .noSuchOverload
        }
    }

    private mutating func attempt(_ e: CELExpr, _ vars: [String: CELValue]) -> Result<CELValue, CELEvalError> {
        do throws(CELEvalError) {
            return .success(try evaluate(e, vars))
        } catch {
            return .failure(error)
        }
    }

    private mutating func comprehension(
        _ macro: CELExpr.Macro, _ range: CELExpr, _ variable: String, _ predicate: CELExpr?, _ transform: CELExpr?,
        _ outer: [String: CELValue]
    ) throws(CELEvalError) -> CELValue {
        let elements: [CELValue]
        switch try evaluate(range, outer) {
        case .list(let items): elements = items
        case .map(let m): elements = m.keys.map(\.value)
        default: throw .noSuchOverload
        }
        var vars = outer
        var pending: CELEvalError?
        var count = 0
        var results: [CELValue] = []
        for element in elements {
            try step()
            vars[variable] = element
            switch macro {
            case .all, .exists:
                let decisive = macro == .exists
                switch attempt(predicate!, vars) {
                case .success(.bool(let b)) where b == decisive: return .bool(decisive)
                case .success(.bool): break
                case .success: pending = pending ?? .noSuchOverload
                case .failure(let e):
                    if e.costExceeded { throw e }
                    pending = pending ?? e
                }
            case .existsOne:
                guard case .bool(let b) = try evaluate(predicate!, vars) else { throw .noSuchOverload }
                if b { count += 1 }
            case .filter:
                guard case .bool(let b) = try evaluate(predicate!, vars) else { throw .noSuchOverload }
                if b { results.append(element) }
            case .map:
                if let predicate {
                    guard case .bool(let b) = try evaluate(predicate, vars) else { throw .noSuchOverload }
                    if !b { continue }
                }
                results.append(try evaluate(transform!, vars))
            }
        }
        switch macro {
        case .all, .exists:
            if let pending { throw pending }
            return .bool(macro == .all)
        case .existsOne: return .bool(count == 1)
        case .filter, .map: return .list(results)
        }
    }
}
