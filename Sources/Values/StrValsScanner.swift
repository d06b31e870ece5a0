/// The rune reader under every strvals parser, standing in for Go's `bytes.Buffer`
/// with `ReadRune`/`UnreadRune`.
///
/// Helm reads the line rune by rune; `runesUntil` collects runes up to one of a few
/// stop runes, treating `\x` as a literal `x` (so `\,` `\.` `\=` `\\` escape), while
/// the `--set-literal` parser reads with no escapes at all.
struct StrValsScanner {
    let runes: [Unicode.Scalar]
    var position = 0

    init(_ text: String) {
        runes = Array(text.unicodeScalars)
    }

    /// What `runesUntil` stopped on: one of the stop runes, or the end of the line.
    enum Stop: Equatable {
        case rune(Unicode.Scalar)
        case end
    }

    /// The runes as a string (Go's `string(runes)`).
    static func text(_ runes: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: runes)
        return String(view)
    }

    mutating func readRune() -> Unicode.Scalar? {
        guard position < runes.count else { return nil }
        defer { position += 1 }
        return runes[position]
    }

    mutating func unreadRune() { position -= 1 }

    /// Go's `runesUntil`: the runes before the first unescaped stop rune (which is
    /// consumed). A backslash at the very end is dropped, as Go's read of the escaped
    /// rune hits EOF.
    mutating func runesUntil(_ stops: [Unicode.Scalar], escapes: Bool = true) -> ([Unicode.Scalar], Stop) {
        var collected: [Unicode.Scalar] = []
        while position < runes.count {
            let r = runes[position]
            position += 1
            if stops.contains(r) { return (collected, .rune(r)) }
            if escapes && r == "\\" {
                guard position < runes.count else { return (collected, .end) }
                collected.append(runes[position])
                position += 1
            } else {
                collected.append(r)
            }
        }
        return (collected, .end)
    }

    /// Go's `emptyVal` (used by `--set-json`): skips spaces; true at the end of the
    /// line or on a comma (both consumed), false before anything else (not consumed).
    mutating func emptyValue() -> Bool {
        while let r = readRune() {
            if r == "," { return true }
            if !StrValsGoText.isSpace(r) {
                unreadRune()
                return false
            }
        }
        return true
    }
}
