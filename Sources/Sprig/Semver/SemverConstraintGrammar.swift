/// The constraint grammar of Masterminds/semver v3.5.0, matched by hand.
///
/// The library describes constraints with regular expressions built from
///
///     cv  = v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?
///           (-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?
///     ops = =||!=|>|<|>=|=>|<=|=<|~|~>|\^
///
/// a group is valid when it matches `^\s*(ops)\s*(cv)\s*((?:\s+|,\s*)(ops)\s*(cv)\s*)*$`,
/// and hyphen ranges are found with `\s*(cv)\s+-\s+(cv)\s*`. Every character a `cv`
/// consumes is outside `\s` and `,`, and every alternative to a greedy choice stops
/// in front of a character that only the greedy choice could consume, so wherever a
/// `cv` must be followed by space, a comma or the end, the greedy scan below is the
/// only match the regular expressions can make. The same holds for the operators:
/// the one-character prefix of a two-character operator never leaves text a `cv` can
/// start with.
enum SemverConstraintGrammar {
    /// One greedy match of `cv`: byte ranges of its pieces (without their `.`, `-`, `+`).
    struct VersionMatch {
        var text: Range<Int>
        var major: Range<Int>
        var minor: Range<Int>?
        var patch: Range<Int>?
        /// The prerelease including its leading `-`, as the regex group `m[6]` holds it.
        var dashedPrerelease: Range<Int>?
    }

    /// One constraint of a group: its operator text and version match.
    struct Item {
        var op: SemverConstraintOperator
        var version: VersionMatch
    }

    /// Matches `cv` greedily at `start`; nil when no segment starts there.
    static func matchVersion(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> VersionMatch? {
        let n = b.count
        var i = start
        if i + 1 < n && b[i] == SemverText.lowerV && SemverText.isConstraintSegment(b[i + 1]) { i += 1 }
        guard i < n, SemverText.isConstraintSegment(b[i]) else { return nil }
        func run(_ i: inout Int, _ accept: (UInt8) -> Bool) -> Range<Int> {
            let s = i
            while i < n && accept(b[i]) { i += 1 }
            return s..<i
        }
        var m = VersionMatch(text: start..<start, major: run(&i, SemverText.isConstraintSegment))
        if i + 1 < n && b[i] == SemverText.dot && SemverText.isConstraintSegment(b[i + 1]) {
            i += 1
            m.minor = run(&i, SemverText.isConstraintSegment)
            if i + 1 < n && b[i] == SemverText.dot && SemverText.isConstraintSegment(b[i + 1]) {
                i += 1
                m.patch = run(&i, SemverText.isConstraintSegment)
            }
        }
        // (-ident(.ident)*)? then (+ident(.ident)*)?
        for marker in [SemverText.dash, SemverText.plus] where i + 1 < n && b[i] == marker && SemverText.isIdentifier(b[i + 1]) {
            let s = i
            i += 1
            _ = run(&i, SemverText.isIdentifier)
            while i + 1 < n && b[i] == SemverText.dot && SemverText.isIdentifier(b[i + 1]) {
                i += 1
                _ = run(&i, SemverText.isIdentifier)
            }
            if marker == SemverText.dash { m.dashedPrerelease = s..<i }
        }
        m.text = start..<i
        return m
    }

    static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var i = i
        while i < b.count && SemverText.isSpace(b[i]) { i += 1 }
        return i
    }

    /// Reads an operator at `i` (the longest of Masterminds' operators; none means `=`-or-tilde).
    static func matchOperator(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (SemverConstraintOperator, Int) {
        if i + 1 < b.count, let op = SemverConstraintOperator(text: (b[i], b[i + 1])) { return (op, i + 2) }
        if i < b.count, let op = SemverConstraintOperator(text: (b[i], nil)) { return (op, i + 1) }
        return (.none, i)
    }

    /// Validates one `||` group and splits it into its constraints, as
    /// `validConstraintRegex` and `findConstraintRegex` do; nil when the group is improper.
    static func scanGroup(_ b: UnsafeBufferPointer<UInt8>) -> [Item]? {
        var items: [Item] = []
        var i = skipSpace(b, from: 0)
        while true {
            let (op, afterOp) = matchOperator(b, at: i)
            guard let v = matchVersion(b, at: skipSpace(b, from: afterOp)) else { return nil }
            items.append(Item(op: op, version: v))
            let end = v.text.upperBound
            let next = skipSpace(b, from: end)
            if next == b.count { return items }
            if b[next] == SemverText.comma {
                i = skipSpace(b, from: next + 1)
            } else if next > end {
                i = next
            } else {
                return nil
            }
        }
    }

    /// `rewriteRange`: every `A - B` (found left to right, leftmost first, with the
    /// surrounding space) becomes `>= A, <= B `. Like Go, each match's text is replaced
    /// at its first occurrence in the string rewritten so far, which is not always where
    /// it was found.
    static func rewriteRanges(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(SemverText.dash) else { return text }
        var replacements: [([UInt8], [UInt8])] = []
        text.withUnsafeBufferPointer { b in
            var p = 0
            while p < b.count {
                if let (whole, low, high) = matchRange(b, at: p) {
                    let t = Array(">= ".utf8) + b[low] + Array(", <= ".utf8) + b[high] + [UInt8(ascii: " ")]
                    replacements.append((Array(b[whole]), t))
                    p = whole.upperBound
                } else {
                    p += 1
                }
            }
        }
        var out = text
        for (find, replacement) in replacements {
            if let r = firstRange(of: find, in: out) { out.replaceSubrange(r, with: replacement) }
        }
        return out
    }

    /// `\s*(cv)\s+-\s+(cv)\s*` anchored at `p`.
    private static func matchRange(_ b: UnsafeBufferPointer<UInt8>, at p: Int) -> (Range<Int>, Range<Int>, Range<Int>)? {
        guard let low = matchVersion(b, at: skipSpace(b, from: p)) else { return nil }
        var i = low.text.upperBound
        guard i < b.count, SemverText.isSpace(b[i]) else { return nil }
        i = skipSpace(b, from: i)
        guard i + 1 < b.count, b[i] == SemverText.dash, SemverText.isSpace(b[i + 1]) else { return nil }
        guard let high = matchVersion(b, at: skipSpace(b, from: i + 1)) else { return nil }
        return (p..<skipSpace(b, from: high.text.upperBound), low.text, high.text)
    }

    private static func firstRange(of needle: [UInt8], in hay: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && hay[i..<i + needle.count].elementsEqual(needle) { return i..<i + needle.count }
            i += 1
        }
        return nil
    }

    /// `strings.Split(s, "||")`.
    static func splitGroups(_ b: [UInt8]) -> [ArraySlice<UInt8>] {
        var groups: [ArraySlice<UInt8>] = []
        var start = 0, i = 0
        while i + 1 < b.count {
            if b[i] == SemverText.bar && b[i + 1] == SemverText.bar {
                groups.append(b[start..<i])
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        groups.append(b[start...])
        return groups
    }
}
