/// A pattern Go's regexp/syntax rejects, with Go's exact wording, which users see in
/// template errors: `error parsing regexp: missing closing ): `(a``.
public struct RegexSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Go's `syntax.ErrorCode` strings.
    public enum Code: String, Sendable {
        case internalError = "regexp/syntax: internal error"
        case invalidCharClass = "invalid character class"
        case invalidCharRange = "invalid character class range"
        case invalidEscape = "invalid escape sequence"
        case invalidNamedCapture = "invalid named capture"
        case invalidPerlOp = "invalid or unsupported Perl syntax"
        case invalidRepeatOp = "invalid nested repetition operator"
        case invalidRepeatSize = "invalid repeat count"
        case invalidUTF8 = "invalid UTF-8"
        case missingBracket = "missing closing ]"
        case missingParen = "missing closing )"
        case missingRepeatArgument = "missing argument to repetition operator"
        case trailingBackslash = "trailing backslash at end of expression"
        case unexpectedParen = "unexpected )"
        case nestingDepth = "expression nests too deeply"
        case large = "expression too large"
    }

    public let code: Code
    /// The offending part of the pattern.
    public let expr: String

    public init(_ code: Code, _ expr: String) {
        self.code = code
        self.expr = expr
    }

    public var description: String { "error parsing regexp: \(code.rawValue): `\(expr)`" }
}
