/// Go's `path/filepath.Match` on Unix, the matcher behind `.helmignore` rules:
/// `*` is any run of non-`/` characters, `?` one non-`/` character, `[...]` / `[^...]`
/// a class of characters and ranges, `\` escapes. The whole name must match. A
/// malformed pattern is refused up front (`syntax error in pattern`), which is what
/// Helm's `filepath.Match(rule, "abc")` probe at parse time amounts to.
struct GoPathPattern: Sendable {
    enum Token: Sendable {
        case literal(Unicode.Scalar)
        case star
        case single
        case set(ranges: [ClosedRange<UInt32>], negated: Bool)
    }

    struct BadPattern: Error {}

    let tokens: [Token]

    init(_ pattern: String) throws(BadPattern) {
        var out: [Token] = []
        var s = Array(pattern.unicodeScalars)[...]
        func escaped(_ s: inout ArraySlice<Unicode.Scalar>) throws(BadPattern) -> Unicode.Scalar {
            guard let c = s.popFirst(), c != "-", c != "]" else { throw BadPattern() }
            if c == "\\" {
                guard let e = s.popFirst() else { throw BadPattern() }
                return e
            }
            return c
        }
        while let c = s.popFirst() {
            switch c {
            case "*": out.append(.star)
            case "?": out.append(.single)
            case "\\":
                guard let e = s.popFirst() else { throw BadPattern() }
                out.append(.literal(e))
            case "[":
                var negated = false
                if s.first == "^" {
                    negated = true
                    s = s.dropFirst()
                }
                var ranges: [ClosedRange<UInt32>] = []
                while true {
                    if s.first == "]", !ranges.isEmpty {
                        s = s.dropFirst()
                        break
                    }
                    let lo = try escaped(&s)
                    var hi = lo
                    if s.first == "-" {
                        s = s.dropFirst()
                        hi = try escaped(&s)
                    }
                    guard lo.value <= hi.value else { throw BadPattern() }
                    ranges.append(lo.value...hi.value)
                }
                out.append(.set(ranges: ranges, negated: negated))
            default: out.append(.literal(c))
            }
        }
        tokens = out
    }

    func matches(_ name: String) -> Bool {
        matches(scalars: Array(name.unicodeScalars))
    }

    func matches(scalars: [Unicode.Scalar]) -> Bool {
        Self.match(tokens[...], scalars[...])
    }

    private static func match(_ p: ArraySlice<Token>, _ n: ArraySlice<Unicode.Scalar>) -> Bool {
        var p = p
        var n = n
        while let t = p.first {
            switch t {
            case .star:
                let rest = p.dropFirst()
                // A star never crosses a separator: try every split up to the next `/`.
                var i = n.startIndex
                while true {
                    if match(rest, n[i...]) { return true }
                    if i == n.endIndex || n[i] == "/" { return false }
                    i += 1
                }
            case .single:
                guard let c = n.first, c != "/" else { return false }
            case .literal(let l):
                guard n.first == l else { return false }
            case .set(let ranges, let negated):
                guard let c = n.first, c != "/" else { return false }
                if ranges.contains(where: { $0.contains(c.value) }) == negated { return false }
            }
            p = p.dropFirst()
            n = n.dropFirst()
        }
        return n.isEmpty
    }
}
