/// A compiled pattern: instructions for the Pike VM (Go's `syntax.Prog`).
///
/// The compiler applies Go's `Simplify` rules on the way, since they decide which copy of
/// a repeated group reports its captures: `x{2,5}` is `xx(x(x(x)?)?)?`, `x{3,}` is
/// `xxx+`, and `x*` of an `x` that can match empty is `(x+)?` (golang.org/issue/46123).
struct RegexProgram: Sendable {
    enum Instruction: Sendable {
        /// Consume one rune in `sets[set]`.
        case runes(set: Int, next: Int)
        /// Consume exactly this rune.
        case rune(UInt32, next: Int)
        /// Try `first`, then `second` (priority order).
        case split(first: Int, second: Int)
        case assert(EmptyAssertion, next: Int)
        /// Record the position in capture slot `slot`.
        case save(slot: Int, next: Int)
        case match
        case fail
    }

    private(set) var instructions: [Instruction] = []
    private(set) var sets: [RuneSet] = []
    private(set) var start = 0
    /// Capture slots: two per group, group 0 being the whole match.
    let slotCount: Int
    /// The pattern can only match at the start of the text (it begins with `^`/`\A`), so
    /// a search need not restart at later positions (Go's `StartCond`).
    private(set) var anchoredAtStart = false
    /// The bytes a match can start with, when every match must consume a rune first; an
    /// idle search skips ahead to the next such byte (Go skips to a literal prefix).
    private(set) var firstBytes: [Bool]? = nil

    init(_ root: RegexNode, captureCount: Int) {
        slotCount = 2 * (captureCount + 1)
        let match = emit(.match)
        let end = emit(.save(slot: 1, next: match))
        let body = compile(root, next: end)
        start = emit(.save(slot: 0, next: body))
        anchoredAtStart = startsWithBeginText()
        firstBytes = computeFirstBytes()
    }

    private func computeFirstBytes() -> [Bool]? {
        var bytes = [Bool](repeating: false, count: 256)
        var seen = Set<Int>()
        var stack = [start]
        func lead(_ r: UInt32) -> Int {
            switch r {
            case 0..<0x80: return Int(r)
            case 0x80..<0x800: return 0xC0 | Int(r >> 6)
            case 0x800..<0x10000: return 0xE0 | Int(r >> 12)
            default: return 0xF0 | Int(r >> 18)
            }
        }
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch instructions[pc] {
            case .split(let a, let b): stack += [a, b]
            case .save(_, let next): stack.append(next)
            case .assert, .match: return nil
            case .fail: break
            case .rune(let r, _):
                if r == UTF8Decoding.runeError { return nil }
                bytes[lead(r)] = true
            case .runes(let set, _):
                if sets[set].contains(UTF8Decoding.runeError) { return nil }
                for (lo, hi) in sets[set].ranges {
                    for b in lead(lo)...lead(hi) { bytes[b] = true }
                }
            }
        }
        return bytes
    }

    private mutating func emit(_ inst: Instruction) -> Int {
        instructions.append(inst)
        return instructions.count - 1
    }

    /// Compiles `node` so that it continues at `next`; returns its entry point.
    private mutating func compile(_ node: RegexNode, next: Int) -> Int {
        switch node {
        case .empty:
            return next
        case .runes(let set):
            if set.isEmpty { return emit(.fail) }
            if let r = set.singleRune { return emit(.rune(r, next: next)) }
            sets.append(set)
            return emit(.runes(set: sets.count - 1, next: next))
        case .assertion(let op):
            return emit(.assert(op, next: next))
        case .capture(let index, _, let sub):
            let close = emit(.save(slot: 2 * index + 1, next: next))
            let body = compile(sub, next: close)
            return emit(.save(slot: 2 * index, next: body))
        case .concat(let subs):
            var entry = next
            for sub in subs.reversed() { entry = compile(sub, next: entry) }
            return entry
        case .alternate(let subs):
            var entry = compile(subs[subs.count - 1], next: next)
            for sub in subs.dropLast().reversed() {
                let first = compile(sub, next: next)
                entry = emit(.split(first: first, second: entry))
            }
            return entry
        case .repeatNode(let sub, let lo, let hi, let greedy):
            return compileRepeat(sub, min: lo, max: hi, greedy: greedy, next: next)
        }
    }

    private mutating func compileRepeat(_ sub: RegexNode, min lo: Int, max hi: Int, greedy: Bool, next: Int) -> Int {
        if case .empty = sub { return next }
        switch (lo, hi) {
        case (0, 0): return next
        case (0, -1): return star(sub, greedy: greedy, next: next)
        case (1, -1): return plus(sub, greedy: greedy, next: next)
        case (0, 1): return quest(sub, greedy: greedy, next: next)
        case (1, 1): return compile(sub, next: next)
        case (_, -1):
            // x{n,} is n-1 copies of x, then x+.
            var entry = plus(sub, greedy: greedy, next: next)
            for _ in 0..<(lo - 1) { entry = compile(sub, next: entry) }
            return entry
        default:
            guard hi >= lo else { return emit(.fail) }
            // x{n,m} is n copies of x, then (x(x(x)?)?)? for the optional m-n.
            var entry = next
            if hi > lo {
                entry = quest(sub, greedy: greedy, next: next)
                for _ in (lo + 1)..<hi {
                    let inner = entry
                    let split = emit(.fail)
                    let body = compile(sub, next: inner)
                    instructions[split] = greedy ? .split(first: body, second: next) : .split(first: next, second: body)
                    entry = split
                }
            }
            for _ in 0..<lo { entry = compile(sub, next: entry) }
            return entry
        }
    }

    private mutating func quest(_ sub: RegexNode, greedy: Bool, next: Int) -> Int {
        let body = compile(sub, next: next)
        return emit(greedy ? .split(first: body, second: next) : .split(first: next, second: body))
    }

    private mutating func plus(_ sub: RegexNode, greedy: Bool, next: Int) -> Int {
        let loop = emit(.fail)
        let body = compile(sub, next: loop)
        instructions[loop] = greedy ? .split(first: body, second: next) : .split(first: next, second: body)
        return body
    }

    private mutating func star(_ sub: RegexNode, greedy: Bool, next: Int) -> Int {
        if sub.isNullable {
            // (x+)? keeps Perl's priorities when x can match empty.
            let body = plus(sub, greedy: greedy, next: next)
            return emit(greedy ? .split(first: body, second: next) : .split(first: next, second: body))
        }
        let loop = emit(.fail)
        let body = compile(sub, next: loop)
        instructions[loop] = greedy ? .split(first: body, second: next) : .split(first: next, second: body)
        return loop
    }

    /// Follows the straight-line prefix of the program looking for `\A`.
    private func startsWithBeginText() -> Bool {
        var pc = start
        for _ in 0..<instructions.count {
            switch instructions[pc] {
            case .save(_, let next): pc = next
            case .assert(.beginText, _): return true
            case .assert(_, let next): pc = next
            default: return false
            }
        }
        return false
    }
}
