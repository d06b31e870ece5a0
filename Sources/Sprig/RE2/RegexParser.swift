/// RE2 syntax to `RegexNode`, following Go's regexp/syntax parser (with the `Perl` flags
/// `regexp.Compile` uses) step for step, so that every pattern Go rejects is rejected
/// here with the same error code and the same quoted fragment.
///
/// Like Go's, the parser is an operator stack: atoms are pushed, `*`/`+`/`?`/`{n,m}` wrap
/// the top of the stack, `|` and `)` collapse the stack down to the last marker.
struct RegexParser {
    struct Flags: Sendable {
        var foldCase = false
        /// `^`/`$` match only at text boundaries (cleared by `(?m)`).
        var oneLine = true
        /// `.` matches `\n` (`(?s)`).
        var dotNL = false
        /// Swap greedy and lazy (`(?U)`).
        var nonGreedy = false
    }

    private enum Item {
        case node(RegexNode)
        case leftParen(cap: Int, flags: Flags)
        case bar
    }

    /// Go's `maxHeight`: deeper nesting is "expression nests too deeply".
    static let maxHeight = 1000
    /// Go's `maxSize` (128 MiB of 40-byte instructions): larger is "expression too large".
    static let maxSize = (128 << 20) / 40

    let src: [UInt8]
    private let whole: String
    var flags = Flags()
    private var stack: [Item] = []
    private(set) var captureCount = 0
    /// Group names by group index (index 0, the whole match, is unnamed).
    private(set) var names: [String] = [""]

    init(_ pattern: String) {
        src = Array(pattern.utf8)
        whole = pattern
    }

    func text(_ from: Int, _ to: Int) -> String {
        String(decoding: src[from..<min(to, src.count)], as: UTF8.self)
    }

    func rune(at i: Int) -> (UInt32, Int) {
        src.withUnsafeBufferPointer { UTF8Decoding.decode($0, at: i) }
    }

    // MARK: Main loop

    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        let n = src.count
        var i = 0
        var lastRepeat: Int? = nil
        while i < n {
            var repeatStart: Int? = nil
            switch src[i] {
            case UInt8(ascii: "("):
                if i + 1 < n && src[i + 1] == UInt8(ascii: "?") {
                    i = try parsePerlFlags(i)
                } else {
                    captureCount += 1
                    names.append("")
                    try openParen(cap: captureCount)
                    i += 1
                }
            case UInt8(ascii: "|"):
                let branch = collapseConcat()
                stack.append(.node(branch))
                stack.append(.bar)
                i += 1
            case UInt8(ascii: ")"):
                try parseRightParen()
                i += 1
            case UInt8(ascii: "^"):
                push(.assertion(flags.oneLine ? .beginText : .beginLine))
                i += 1
            case UInt8(ascii: "$"):
                push(.assertion(flags.oneLine ? .endText : .endLine))
                i += 1
            case UInt8(ascii: "."):
                push(.runes(flags.dotNL ? RegexParser.anyRune : RegexParser.anyRuneNotNL))
                i += 1
            case UInt8(ascii: "["):
                i = try parseClass(i)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                let (lo, hi): (Int, Int) = switch src[i] {
                case UInt8(ascii: "*"): (0, -1)
                case UInt8(ascii: "+"): (1, -1)
                default: (0, 1)
                }
                let after = try applyRepeat(min: lo, max: hi, before: i, after: i + 1, lastRepeat: lastRepeat, counted: false)
                repeatStart = i
                i = after
            case UInt8(ascii: "{"):
                if let (lo, hi, after) = parseRepeatBraces(i) {
                    if lo < 0 || lo > 1000 || hi > 1000 || (hi >= 0 && lo > hi) {
                        throw RegexSyntaxError(.invalidRepeatSize, text(i, after))
                    }
                    let rest = try applyRepeat(min: lo, max: hi, before: i, after: after, lastRepeat: lastRepeat, counted: true)
                    repeatStart = i
                    i = rest
                } else {
                    literal(UInt32(UInt8(ascii: "{")))
                    i += 1
                }
            case UInt8(ascii: "\\"):
                i = try parseBackslash(i)
            default:
                let (r, w) = rune(at: i)
                literal(r)
                i += w
            }
            lastRepeat = repeatStart
        }
        let result = collapseAlternation()
        if !stack.isEmpty {
            throw RegexSyntaxError(.missingParen, whole)
        }
        try checkHeight(result)
        if RegexParser.size(result) > RegexParser.maxSize {
            throw RegexSyntaxError(.large, whole)
        }
        return result
    }

    static let anyRune = RuneSet(ranges: [(0, RuneSet.maxRune)])
    static let anyRuneNotNL = RuneSet(ranges: [(0, 9), (11, RuneSet.maxRune)])

    // MARK: Stack

    mutating func push(_ node: RegexNode) { stack.append(.node(node)) }

    mutating func literal(_ r: UInt32) {
        push(.runes(flags.foldCase ? RuneSet(single: r).caseFolded() : RuneSet(single: r)))
    }

    private mutating func openParen(cap: Int) throws(RegexSyntaxError) {
        stack.append(.leftParen(cap: cap, flags: flags))
    }

    /// Go checks the height of the tree as it grows; checking each new capture and
    /// repetition also keeps the recursive walks below shallow.
    private func checkHeight(_ node: RegexNode) throws(RegexSyntaxError) {
        if RegexParser.height(node, limit: RegexParser.maxHeight) > RegexParser.maxHeight {
            throw RegexSyntaxError(.nestingDepth, whole)
        }
    }

    /// Pops the atoms above the nearest marker into one concatenation.
    private mutating func collapseConcat() -> RegexNode {
        var items: [RegexNode] = []
        while case .node(let node)? = stack.last {
            items.append(node)
            stack.removeLast()
        }
        items.reverse()
        if items.isEmpty { return .empty }
        if items.count == 1 { return items[0] }
        // Like Go's `collapse`, splice nested concatenations (from `(?:…)`) flat.
        var flat: [RegexNode] = []
        for item in items {
            if case .concat(let subs) = item { flat += subs } else { flat.append(item) }
        }
        return .concat(flat)
    }

    /// Pops everything above the nearest left paren into one alternation.
    private mutating func collapseAlternation() -> RegexNode {
        var branches: [RegexNode] = [collapseConcat()]
        while case .bar? = stack.last {
            stack.removeLast()
            branches.append(collapseConcat())
        }
        branches.reverse()
        if branches.count == 1 { return branches[0] }
        var flat: [RegexNode] = []
        for branch in branches {
            if case .alternate(let subs) = branch { flat += subs } else { flat.append(branch) }
        }
        return .alternate(flat)
    }

    private mutating func parseRightParen() throws(RegexSyntaxError) {
        let inner = collapseAlternation()
        guard case .leftParen(let cap, let saved)? = stack.last else {
            throw RegexSyntaxError(.unexpectedParen, whole)
        }
        stack.removeLast()
        flags = saved
        if cap == 0 {
            push(inner)
        } else {
            let node = RegexNode.capture(index: cap, name: names[cap].isEmpty ? nil : names[cap], inner)
            try checkHeight(node)
            push(node)
        }
    }

    // MARK: Repetition

    /// Wraps the top of the stack in a repetition (Go's `parser.repeat`). `counted` is
    /// true for `{n,m}`, whose nested counts Go bounds by 1000 in product.
    private mutating func applyRepeat(
        min lo: Int, max hi: Int, before: Int, after: Int, lastRepeat: Int?, counted: Bool
    ) throws(RegexSyntaxError) -> Int {
        var after = after
        var greedy = !flags.nonGreedy
        if after < src.count && src[after] == UInt8(ascii: "?") {
            after += 1
            greedy.toggle()
        }
        if let last = lastRepeat {
            // Perl forbids stacking repetitions: `a**` is an error, not `(a*)*`.
            throw RegexSyntaxError(.invalidRepeatOp, text(last, after))
        }
        guard case .node(let sub)? = stack.last else {
            throw RegexSyntaxError(.missingRepeatArgument, text(before, after))
        }
        stack.removeLast()
        let node = RegexNode.repeatNode(sub, min: lo, max: hi, greedy: greedy)
        try checkHeight(node)
        push(node)
        if counted && (lo >= 2 || hi >= 2) && !RegexParser.repeatIsValid(node, 1000) {
            throw RegexSyntaxError(.invalidRepeatSize, text(before, after))
        }
        return after
    }

    /// Go's `repeatIsValid`: nested counted repetitions may not multiply past `n`.
    private static func repeatIsValid(_ node: RegexNode, _ n: Int) -> Bool {
        var n = n
        switch node {
        case .repeatNode(let sub, let lo, let hi, _):
            if hi == 0 { return true }
            let m = hi < 0 ? lo : hi
            if m > n { return false }
            if m > 0 { n /= m }
            return repeatIsValid(sub, n)
        case .capture(_, _, let sub): return repeatIsValid(sub, n)
        case .concat(let subs), .alternate(let subs): return subs.allSatisfy { repeatIsValid($0, n) }
        default: return true
        }
    }

    /// Go's tree height, stopping early once past `limit`.
    private static func height(_ node: RegexNode, limit: Int) -> Int {
        if limit < 0 { return 1 }
        switch node {
        case .empty, .runes, .assertion: return 1
        case .capture(_, _, let sub), .repeatNode(let sub, _, _, _): return 1 + height(sub, limit: limit - 1)
        case .concat(let subs), .alternate(let subs):
            return 1 + subs.reduce(0) { Swift.max($0, height($1, limit: limit - 1)) }
        }
    }

    /// Go's `calcSize`: roughly the instructions the node compiles to, stopping early once
    /// past `maxSize`.
    private static func size(_ node: RegexNode) -> Int {
        let sub: Int
        switch node {
        case .empty, .runes, .assertion: return 1
        case .capture(_, _, let x): return 2 + size(x)
        case .concat(let subs):
            var total = 0
            for x in subs where total <= maxSize { total += size(x) }
            return total
        case .alternate(let subs):
            var total = subs.count - 1
            for x in subs where total <= maxSize { total += size(x) }
            return total
        case .repeatNode(let x, let lo, let hi, _):
            sub = size(x)
            if hi == -1 { return lo == 0 ? 2 + sub : 1 + lo * sub }
            return max(1, hi * sub + (hi - lo))
        }
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil when the text is not a repetition (then `{` is a literal).
    private func parseRepeatBraces(_ start: Int) -> (Int, Int, Int)? {
        var i = start + 1
        guard let lo = parseInt(&i), i < src.count else { return nil }
        var hi = lo
        var minimum = lo
        if src[i] == UInt8(ascii: ",") {
            i += 1
            guard i < src.count else { return nil }
            if src[i] == UInt8(ascii: "}") {
                hi = -1
            } else {
                guard let m = parseInt(&i) else { return nil }
                hi = m
                if m < 0 { minimum = -1 }
            }
        }
        guard i < src.count, src[i] == UInt8(ascii: "}") else { return nil }
        return (minimum, hi, i + 1)
    }

    /// Decimal digits without a leading zero; -1 when too large.
    private func parseInt(_ i: inout Int) -> Int? {
        let start = i
        guard i < src.count, isDigit(src[i]) else { return nil }
        if i + 1 < src.count && src[i] == UInt8(ascii: "0") && isDigit(src[i + 1]) { return nil }
        while i < src.count && isDigit(src[i]) { i += 1 }
        var n = 0
        for k in start..<i {
            if n >= 100_000_000 { return -1 }
            n = n * 10 + Int(src[k] - UInt8(ascii: "0"))
        }
        return n
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    // MARK: Groups and flags

    /// `(?flags)`, `(?flags:`, `(?P<name>`, `(?<name>`.
    private mutating func parsePerlFlags(_ start: Int) throws(RegexSyntaxError) -> Int {
        let n = src.count
        let startsWithP = n - start > 4 && src[start + 2] == UInt8(ascii: "P") && src[start + 3] == UInt8(ascii: "<")
        let startsWithName = n - start > 3 && src[start + 2] == UInt8(ascii: "<")
        if startsWithP || startsWithName {
            let nameStart = start + (startsWithP ? 4 : 3)
            guard let end = src[start...].firstIndex(of: UInt8(ascii: ">")) else {
                throw RegexSyntaxError(.invalidNamedCapture, text(start, n))
            }
            let name = text(nameStart, end)
            if !RegexParser.isValidCaptureName(src[nameStart..<end]) {
                throw RegexSyntaxError(.invalidNamedCapture, text(start, end + 1))
            }
            captureCount += 1
            names.append(name)
            try openParen(cap: captureCount)
            return end + 1
        }

        var i = start + 2
        var newFlags = flags
        var negating = false
        var sawFlag = false
        while i < n {
            let (c, w) = rune(at: i)
            i += w
            switch c {
            case UInt32(UInt8(ascii: "i")): newFlags.foldCase = !negating; sawFlag = true
            case UInt32(UInt8(ascii: "m")): newFlags.oneLine = negating; sawFlag = true
            case UInt32(UInt8(ascii: "s")): newFlags.dotNL = !negating; sawFlag = true
            case UInt32(UInt8(ascii: "U")): newFlags.nonGreedy = !negating; sawFlag = true
            case UInt32(UInt8(ascii: "-")):
                if negating { throw RegexSyntaxError(.invalidPerlOp, text(start, i)) }
                negating = true
                sawFlag = false
            case UInt32(UInt8(ascii: ":")), UInt32(UInt8(ascii: ")")):
                if negating && !sawFlag { throw RegexSyntaxError(.invalidPerlOp, text(start, i)) }
                if c == UInt32(UInt8(ascii: ":")) {
                    try openParen(cap: 0)
                }
                flags = newFlags
                return i
            default:
                throw RegexSyntaxError(.invalidPerlOp, text(start, i))
            }
        }
        throw RegexSyntaxError(.invalidPerlOp, text(start, i))
    }

    /// Go accepts only ASCII letters, digits and `_` in group names.
    private static func isValidCaptureName(_ name: ArraySlice<UInt8>) -> Bool {
        !name.isEmpty && name.allSatisfy { b in
            b == UInt8(ascii: "_") || (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
        }
    }
}
