/// A Go function as a template sees it: a name, a signature and a body.
///
/// `text/template` checks the argument count against the signature and converts each
/// argument to its parameter type before calling ("wrong number of args for upper: want
/// 1 got 2", "wrong type for value; expected string; got int"), so the signature is data.
public struct GoFunction: Sendable {
    public let name: String
    /// The fixed parameters' types.
    public let parameters: [GoType]
    /// The element type of a final `...T` parameter, if the function is variadic.
    public let variadic: GoType?
    /// The body; it receives arguments already checked against the signature and
    /// throws to report the function's `error` result.
    public let body: @Sendable ([Value]) throws -> Value

    public init(
        _ name: String, _ parameters: [GoType], variadic: GoType? = nil,
        body: @escaping @Sendable ([Value]) throws -> Value
    ) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }
}

/// The error a function returns; the executor wraps it as
/// `error calling NAME: MESSAGE`.
public struct GoFunctionError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
