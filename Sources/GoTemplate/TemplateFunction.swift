import Values

/// An entry of a template set's function table.
///
/// Most functions only see their arguments (`GoFunction`). A few, like Helm's `include`
/// and `tpl`, need the execution that called them: the template set, and state shared
/// by one render such as include-recursion counters. Go gets these through closures over
/// the template; here they receive the `ExecutionContext` explicitly.
public enum TemplateFunction: Sendable {
    case plain(GoFunction)
    case contextual(ContextualFunction)

    var name: String {
        switch self {
        case .plain(let f): return f.name
        case .contextual(let f): return f.name
        }
    }
    var parameters: [GoType] {
        switch self {
        case .plain(let f): return f.parameters
        case .contextual(let f): return f.parameters
        }
    }
    var variadic: GoType? {
        switch self {
        case .plain(let f): return f.variadic
        case .contextual(let f): return f.variadic
        }
    }
}

/// A function that receives the calling execution's context.
public struct ContextualFunction: Sendable {
    public let name: String
    public let parameters: [GoType]
    public let variadic: GoType?
    public let body: @Sendable (ExecutionContext, [Value]) throws -> Value

    public init(
        _ name: String, _ parameters: [GoType], variadic: GoType? = nil,
        body: @escaping @Sendable (ExecutionContext, [Value]) throws -> Value
    ) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }
}

/// What `missingkey=` says a missing map key yields.
public enum MissingKeyOption: Sendable {
    /// Go's default: the invalid value (`<no value>`).
    case invalid
    /// `missingkey=zero`, which Helm uses when not strict: the element type's zero value.
    case zero
    /// `missingkey=error`, Helm's `--strict` rendering.
    case error
}
