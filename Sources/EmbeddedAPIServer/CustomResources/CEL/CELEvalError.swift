/// Why an expression could not produce a value, worded as cel-go words it (`no such key:
/// spec`, `integer overflow`, `division by zero`, `no such overload`), because the API
/// server puts that text in the 422 it answers.
public struct CELEvalError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The evaluation ran out of its step budget; the validator stops running rules.
    public var costExceeded = false

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static let noSuchOverload = CELEvalError("no such overload")
    static let intOverflow = CELEvalError("integer overflow")
    static let uintOverflow = CELEvalError("unsigned integer overflow")
    static func noSuchKey(_ key: CELMapKey) -> CELEvalError {
        switch key {
        case .string(let s): return CELEvalError("no such key: \(s)")
        case .int(let i): return CELEvalError("no such key: \(i)")
        case .uint(let u): return CELEvalError("no such key: \(u)")
        case .bool(let b): return CELEvalError("no such key: \(b)")
        }
    }
    static var costLimit: CELEvalError {
        var e = CELEvalError("operation cancelled: actual cost limit exceeded")
        e.costExceeded = true
        return e
    }
}
