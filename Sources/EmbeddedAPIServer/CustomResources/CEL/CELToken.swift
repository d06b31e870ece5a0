/// A lexical token of a CEL expression, with its offset (in Unicode scalars).
struct CELToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case int(String)
        case uint(String)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case identifier(String)
        /// Punctuation and operators, spelled as in the source (`&&`, `(`, `?`).
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int
}
