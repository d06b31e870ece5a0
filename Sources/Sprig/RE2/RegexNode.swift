/// The parsed form of an RE2 pattern (Go's `syntax.Regexp`, without its simplifications).
indirect enum RegexNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One rune from the set (literals, classes, `.`).
    case runes(RuneSet)
    case assertion(EmptyAssertion)
    /// Group `index` (1-based), named or not.
    case capture(index: Int, name: String?, RegexNode)
    /// `x*`, `x+`, `x?`, `x{n,m}`; `max` is -1 when unbounded.
    case repeatNode(RegexNode, min: Int, max: Int, greedy: Bool)
    case concat([RegexNode])
    /// Alternatives in priority order (leftmost-first).
    case alternate([RegexNode])

    /// Whether the node can match the empty string; Go compiles `x*` of such an `x` as
    /// `(x+)?` to keep Perl's priority order (golang.org/issue/46123).
    var isNullable: Bool {
        switch self {
        case .empty, .assertion: return true
        case .runes: return false
        case .capture(_, _, let sub): return sub.isNullable
        case .repeatNode(let sub, let min, _, _): return min == 0 || sub.isNullable
        case .concat(let subs): return subs.allSatisfy(\.isNullable)
        case .alternate(let subs): return subs.contains(where: \.isNullable)
        }
    }
}

/// The zero-width assertions of RE2 (Go's `syntax.EmptyOp`).
enum EmptyAssertion: Sendable {
    /// `(?m)^`: at the start or after `\n`.
    case beginLine
    /// `(?m)$`: at the end or before `\n`.
    case endLine
    /// `\A`, and `^` without `(?m)`.
    case beginText
    /// `\z`, and `$` without `(?m)` (Go's `$` never matches before a final newline).
    case endText
    /// `\b`, on ASCII word characters.
    case wordBoundary
    /// `\B`.
    case noWordBoundary
}
