/// A problem found before evaluation (parse or check), at a position in the source,
/// printed as cel-go prints its issues so the CRD author sees the familiar text:
///
///     ERROR: <input>:1:6: undefined field 'foo'
///      | self.foo
///      | .....^
public struct CELIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Offset in Unicode scalars from the start of the expression.
    public var offset: Int
    /// The expression the offset points into.
    public var source: String

    public init(_ message: String, at offset: Int, in source: String) {
        self.message = message
        self.offset = offset
        self.source = source
    }

    /// 1-based line and column, as cel-go reports them.
    public var location: (line: Int, column: Int) {
        var line = 1, column = 1
        for (i, s) in source.unicodeScalars.enumerated() {
            if i >= offset { break }
            if s == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    public var description: String {
        let (line, column) = location
        let text = source.split(separator: "\n", omittingEmptySubsequences: false)
        let snippet = line - 1 < text.count ? String(text[line - 1]) : ""
        return "ERROR: <input>:\(line):\(column): \(message)\n | \(snippet)\n | "
            + String(repeating: ".", count: column - 1) + "^"
    }
}

/// Several issues, joined as cel-go's `Issues.String()` joins them.
public struct CELIssues: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [CELIssue]
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
