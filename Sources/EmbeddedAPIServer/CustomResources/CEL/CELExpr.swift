/// A parsed CEL expression. Operators are calls with cel-go's internal names (`_+_`,
/// `_==_`, `!_`, `@in`, `_[_]`) so that one dispatcher and one set of overload error
/// texts serve them and the named functions alike; `&&`, `||` and `?:` have their own
/// cases because they do not evaluate every argument eagerly into an error.
public struct CELExpr: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        case literal(CELValue)
        case identifier(String)
        /// `operand.field`; `testOnly` is `has(operand.field)`.
        case select(CELExpr, field: String, testOnly: Bool)
        /// `f(args)` or `target.f(args)`.
        case call(target: CELExpr?, function: String, args: [CELExpr])
        case list([CELExpr])
        case map([MapEntry])
        case and(CELExpr, CELExpr)
        case or(CELExpr, CELExpr)
        case conditional(CELExpr, CELExpr, CELExpr)
        /// `range.all(x, p)` and its siblings; `transform` is map's last argument.
        case comprehension(Macro, range: CELExpr, variable: String, predicate: CELExpr?, transform: CELExpr?)
    }

    public struct MapEntry: Sendable, Equatable {
        public var key: CELExpr
        public var value: CELExpr
    }

    public enum Macro: String, Sendable {
        case all, exists
        case existsOne = "exists_one"
        case map, filter
    }

    public var kind: Kind
    /// Offset (Unicode scalars) of the token that names the node, for issue positions.
    public var offset: Int

    init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }
}
