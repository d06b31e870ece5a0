/// Glob patterns as Helm's `.Files.Glob` compiles them (gobwas/glob with `/` as the
/// separator): `*` and `?` stop at `/`, `**` crosses it, `[a-z]`/`[!a-z]` classes,
/// `{a,b}` alternatives, `\` escapes.
struct Glob: Sendable {
    indirect enum Token: Sendable {
        case literal(Unicode.Scalar)
        case any  // *
        case superAny  // **
        case single  // ?
        case range([(ClosedRange<UInt32>)], negated: Bool)
        case alternatives([[Token]])
    }

    struct SyntaxError: Error {}

    let tokens: [Token]

    init(_ pattern: String) throws {
        var scalars = Array(pattern.unicodeScalars)[...]
        tokens = try Glob.parse(&scalars, inAlternative: false)
        if !scalars.isEmpty { throw SyntaxError() }
    }

    private static func parse(_ s: inout ArraySlice<Unicode.Scalar>, inAlternative: Bool) throws -> [Token] {
        var out: [Token] = []
        while let c = s.first {
            if inAlternative && (c == "," || c == "}") { return out }
            s = s.dropFirst()
            switch c {
            case "*":
                if s.first == "*" {
                    s = s.dropFirst()
                    out.append(.superAny)
                } else {
                    out.append(.any)
                }
            case "?": out.append(.single)
            case "\\":
                guard let n = s.first else { throw SyntaxError() }
                s = s.dropFirst()
                out.append(.literal(n))
            case "[":
                var negated = false
                if s.first == "!" {
                    negated = true
                    s = s.dropFirst()
                }
                var ranges: [ClosedRange<UInt32>] = []
                var closed = false
                while let d = s.first {
                    s = s.dropFirst()
                    if d == "]" {
                        closed = true
                        break
                    }
                    if s.first == "-", s.count >= 2, s[s.index(after: s.startIndex)] != "]" {
                        let hi = s[s.index(after: s.startIndex)]
                        s = s.dropFirst(2)
                        guard d.value <= hi.value else { throw SyntaxError() }
                        ranges.append(d.value...hi.value)
                    } else {
                        ranges.append(d.value...d.value)
                    }
                }
                if !closed || ranges.isEmpty { throw SyntaxError() }
                out.append(.range(ranges, negated: negated))
            case "{":
                var alternatives: [[Token]] = []
                while true {
                    alternatives.append(try parse(&s, inAlternative: true))
                    guard let d = s.first else { throw SyntaxError() }
                    s = s.dropFirst()
                    if d == "}" { break }
                }
                out.append(.alternatives(alternatives))
            case "}", "]":
                if inAlternative { throw SyntaxError() }
                out.append(.literal(c))
            default:
                out.append(.literal(c))
            }
        }
        if inAlternative { throw SyntaxError() }
        return out
    }

    func matches(_ text: String) -> Bool {
        Glob.match(tokens[...], Array(text.unicodeScalars)[...])
    }

    private static func match(_ p: ArraySlice<Token>, _ t: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = p.first else { return t.isEmpty }
        let rest = p.dropFirst()
        switch first {
        case .literal(let c):
            return t.first == c && match(rest, t.dropFirst())
        case .single:
            guard let c = t.first, c != "/" else { return false }
            return match(rest, t.dropFirst())
        case .range(let ranges, let negated):
            guard let c = t.first else { return false }
            let inside = ranges.contains { $0.contains(c.value) }
            return inside != negated && match(rest, t.dropFirst())
        case .any:
            var i = t.startIndex
            while true {
                if match(rest, t[i...]) { return true }
                if i == t.endIndex || t[i] == "/" { return false }
                i += 1
            }
        case .superAny:
            var i = t.startIndex
            while true {
                if match(rest, t[i...]) { return true }
                if i == t.endIndex { return false }
                i += 1
            }
        case .alternatives(let alts):
            return alts.contains { match($0[...] + rest, t) }
        }
    }
}
