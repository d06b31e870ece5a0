/// Escapes and character classes (Go's `parseEscape`, `parseClass`, `parseUnicodeClass`,
/// `parsePerlClassEscape`, `parseNamedClass`).
extension RegexParser {
    private static func byte(_ c: Character) -> UInt8 { c.asciiValue ?? 0 }

    /// A backslash outside a class: an assertion, `\Q…\E`, a class, or an escaped rune.
    mutating func parseBackslash(_ i: Int) throws(RegexSyntaxError) -> Int {
        let n = src.count
        if i + 1 < n {
            switch src[i + 1] {
            case UInt8(ascii: "A"): push(.assertion(.beginText)); return i + 2
            case UInt8(ascii: "b"): push(.assertion(.wordBoundary)); return i + 2
            case UInt8(ascii: "B"): push(.assertion(.noWordBoundary)); return i + 2
            case UInt8(ascii: "z"): push(.assertion(.endText)); return i + 2
            case UInt8(ascii: "C"):
                // Go does not support "any byte".
                throw RegexSyntaxError(.invalidEscape, text(i, i + 2))
            case UInt8(ascii: "Q"):
                // Everything up to `\E` (or the end) is literal text.
                var end = n
                var k = i + 2
                while k + 1 < n {
                    if src[k] == UInt8(ascii: "\\") && src[k + 1] == UInt8(ascii: "E") {
                        end = k
                        break
                    }
                    k += 1
                }
                var j = i + 2
                while j < end {
                    let (r, w) = rune(at: j)
                    literal(r)
                    j += w
                }
                return end == n ? n : end + 2
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                let (set, next) = try parseUnicodeClass(i)
                push(.runes(set))
                return next
            default:
                break
            }
        }
        if let (set, next) = parsePerlClassEscape(i) {
            push(.runes(set))
            return next
        }
        let (r, next) = try parseEscape(i)
        literal(r)
        return next
    }

    /// `\pL`, `\p{Greek}`, `\P{…}`, `\p{^…}` at `i` (which holds `\p` or `\P`).
    func parseUnicodeClass(_ i: Int) throws(RegexSyntaxError) -> (RuneSet, Int) {
        let n = src.count
        var negate = src[i + 1] == UInt8(ascii: "P")
        var t = i + 2
        var c: UInt32 = UTF8Decoding.runeError
        if t < n {
            let (r, w) = rune(at: t)
            c = r
            t += w
        }
        let seq: String
        var name: String
        if c != UInt32(UInt8(ascii: "{")) {
            seq = text(i, t)
            name = text(i + 2, t)
        } else {
            guard let end = src[i...].firstIndex(of: UInt8(ascii: "}")) else {
                throw RegexSyntaxError(.invalidCharRange, text(i, n))
            }
            seq = text(i, end + 1)
            name = text(i + 3, end)
            t = end + 1
        }
        if name.hasPrefix("^") {
            negate.toggle()
            name.removeFirst()
        }
        guard let (table, folds) = UnicodeClasses.table(named: name) else {
            throw RegexSyntaxError(.invalidCharRange, seq)
        }
        let set = flags.foldCase && folds ? table.caseFolded() : table
        return (negate ? set.negated() : set, t)
    }

    /// `\d \D \s \S \w \W` at `i`, or nil.
    func parsePerlClassEscape(_ i: Int) -> (RuneSet, Int)? {
        guard i + 1 < src.count, src[i] == UInt8(ascii: "\\"),
            let (set, negated) = UnicodeClasses.perl(src[i + 1])
        else { return nil }
        return (group(set, negated: negated), i + 2)
    }

    /// A named group under the current flags (Go's `appendGroup`): folded first, then
    /// negated, so `(?i)\W` excludes the Kelvin sign that folds to `k`.
    private func group(_ set: RuneSet, negated: Bool) -> RuneSet {
        let folded = flags.foldCase ? set.caseFolded() : set
        return negated ? folded.negated() : folded
    }

    /// An escaped rune (`\n`, `\x{263a}`, `\101`, `\.`) at `i`.
    func parseEscape(_ i: Int) throws(RegexSyntaxError) -> (UInt32, Int) {
        let n = src.count
        var t = i + 1
        guard t < n else { throw RegexSyntaxError(.trailingBackslash, "") }
        let (c, w) = rune(at: t)
        t += w
        func isOctal(_ k: Int) -> Bool { k < n && src[k] >= UInt8(ascii: "0") && src[k] <= UInt8(ascii: "7") }
        switch c {
        case 0x31...0x37 where isOctal(t), 0x30:
            // Octal: up to three digits; a lone \1–\7 would be a backreference.
            var r = c - 0x30
            for _ in 1..<3 where isOctal(t) {
                r = r * 8 + UInt32(src[t] - 0x30)
                t += 1
            }
            return (r, t)
        case UInt32(UInt8(ascii: "x")):
            guard t < n else { break }
            let (c1, w1) = rune(at: t)
            t += w1
            if c1 == UInt32(UInt8(ascii: "{")) {
                var digits = 0
                var r: UInt32 = 0
                while true {
                    guard t < n else { throw RegexSyntaxError(.invalidEscape, text(i, t)) }
                    let (d, wd) = rune(at: t)
                    t += wd
                    if d == UInt32(UInt8(ascii: "}")) { break }
                    guard let v = RegexParser.unhex(d) else { throw RegexSyntaxError(.invalidEscape, text(i, t)) }
                    r = r * 16 + v
                    if r > RuneSet.maxRune { throw RegexSyntaxError(.invalidEscape, text(i, t)) }
                    digits += 1
                }
                if digits == 0 { break }
                return (r, t)
            }
            var c2 = UTF8Decoding.runeError
            if t < n {
                let (r2, w2) = rune(at: t)
                c2 = r2
                t += w2
            }
            guard let x = RegexParser.unhex(c1), let y = RegexParser.unhex(c2) else { break }
            return (x * 16 + y, t)
        case UInt32(UInt8(ascii: "a")): return (7, t)
        case UInt32(UInt8(ascii: "f")): return (12, t)
        case UInt32(UInt8(ascii: "n")): return (10, t)
        case UInt32(UInt8(ascii: "r")): return (13, t)
        case UInt32(UInt8(ascii: "t")): return (9, t)
        case UInt32(UInt8(ascii: "v")): return (11, t)
        default:
            // Escaped punctuation is itself; escaped letters and digits are reserved.
            if c < 0x80 && !RegexParser.isAlnum(c) { return (c, t) }
        }
        throw RegexSyntaxError(.invalidEscape, text(i, t))
    }

    static func unhex(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    static func isAlnum(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// A bracketed class starting at `start` (`[`); pushes it and returns what follows.
    mutating func parseClass(_ start: Int) throws(RegexSyntaxError) -> Int {
        let n = src.count
        var t = start + 1
        var negate = false
        if t < n && src[t] == UInt8(ascii: "^") {
            negate = true
            t += 1
        }
        var parts: [(UInt32, UInt32)] = []
        var first = true
        while t >= n || src[t] != UInt8(ascii: "]") || first {
            first = false
            // POSIX [:alnum:] and friends.
            if n - t > 2 && src[t] == UInt8(ascii: "[") && src[t + 1] == UInt8(ascii: ":"),
                let close = RegexParser.find(src, [UInt8(ascii: ":"), UInt8(ascii: "]")], from: t + 2)
            {
                let spelling = text(t, close + 2)
                guard let (set, negated) = UnicodeClasses.posix(spelling) else {
                    throw RegexSyntaxError(.invalidCharRange, spelling)
                }
                parts += group(set, negated: negated).ranges
                t = close + 2
                continue
            }
            if t + 1 < n && src[t] == UInt8(ascii: "\\") && (src[t + 1] == UInt8(ascii: "p") || src[t + 1] == UInt8(ascii: "P")) {
                let (set, next) = try parseUnicodeClass(t)
                parts += set.ranges
                t = next
                continue
            }
            if let (set, next) = parsePerlClassEscape(t) {
                parts += set.ranges
                t = next
                continue
            }
            let rangeStart = t
            let (lo, afterLo) = try parseClassChar(t, classStart: start)
            var next = afterLo
            t = next
            var hi = lo
            // `[a-]` is `a` or `-`.
            if n - t >= 2 && src[t] == UInt8(ascii: "-") && src[t + 1] != UInt8(ascii: "]") {
                (hi, next) = try parseClassChar(t + 1, classStart: start)
                t = next
                if hi < lo { throw RegexSyntaxError(.invalidCharRange, text(rangeStart, t)) }
            }
            if flags.foldCase {
                parts += RuneSet(ranges: [(lo, hi)]).caseFolded().ranges
            } else {
                parts.append((lo, hi))
            }
        }
        var set = RuneSet(ranges: parts)
        if negate { set = set.negated() }
        push(.runes(set))
        return t + 1
    }

    private func parseClassChar(_ t: Int, classStart: Int) throws(RegexSyntaxError) -> (UInt32, Int) {
        guard t < src.count else { throw RegexSyntaxError(.missingBracket, text(classStart, src.count)) }
        if src[t] == UInt8(ascii: "\\") { return try parseEscape(t) }
        let (r, w) = rune(at: t)
        return (r, t + w)
    }

    private static func find(_ bytes: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i + 1] == needle[1] { return i }
            i += 1
        }
        return nil
    }
}
