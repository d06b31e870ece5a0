/// The matcher: a Pike VM, as Go's `regexp` NFA (`nfa.go`) runs it.
///
/// All threads advance in lock step over the input, one rune at a time, kept in priority
/// order; the first thread to reach `match` wins and cuts off every lower-priority one,
/// which gives Perl's leftmost-first answer without backtracking. Time is
/// O(input × program), so `(a*)*b` cannot blow up.
struct PikeVM {
    private let program: RegexProgram
    private let slotCount: Int
    private var current: ThreadList
    private var next: ThreadList
    private var stack: [(pc: Int, caps: [Int])] = []

    /// `slotCount` is how many capture slots the caller wants (0 for a yes/no answer).
    init(_ program: RegexProgram, slotCount: Int) {
        self.program = program
        self.slotCount = min(slotCount, program.slotCount)
        current = ThreadList(size: program.instructions.count)
        next = ThreadList(size: program.instructions.count)
    }

    /// The leftmost-first match starting the search at byte `from`, as capture slots
    /// (`-1` for groups that did not take part), or nil. Assertions see the whole input,
    /// so `^` does not match at `from > 0`.
    mutating func search(_ input: UnsafeBufferPointer<UInt8>, from: Int) -> [Int]? {
        let end = input.count
        if program.anchoredAtStart && from != 0 { return nil }
        var matched: [Int]? = nil
        var pos = from
        var before: Int32 = pos > 0 ? Int32(UTF8Decoding.decodeLast(input, before: pos)) : -1
        current.clear()
        let emptyCaps = [Int](repeating: -1, count: slotCount)
        while true {
            if current.isEmpty && matched == nil, let first = program.firstBytes {
                // Idle: jump to the next byte that can start a match.
                let start = pos
                while pos < end && !first[Int(input[pos])] { pos += 1 }
                if pos == end { break }
                if pos != start { before = Int32(UTF8Decoding.decodeLast(input, before: pos)) }
            }
            var rune: Int32 = -1
            var width = 0
            if pos < end {
                let (r, w) = UTF8Decoding.decode(input, at: pos)
                rune = Int32(r)
                width = w
            }
            if current.isEmpty {
                if matched != nil { break }
                if program.anchoredAtStart && pos != 0 { break }
            }
            if matched == nil && (pos == 0 || !program.anchoredAtStart) {
                PikeVM.add(to: &current, stack: &stack, program: program, pc: program.start, pos: pos, caps: emptyCaps, before: before, after: rune)
            }
            // The context of the position after this rune, for threads entering `next`.
            var after: Int32 = -1
            if pos + width < end { after = Int32(UTF8Decoding.decode(input, at: pos + width).rune) }
            next.clear()
            var index = 0
            while index < current.count {
                let pc = current.pcs[index]
                let caps = current.caps[index]
                index += 1
                switch program.instructions[pc] {
                case .match:
                    matched = caps
                    if slotCount == 0 { return caps }
                    index = current.count  // cut off lower-priority threads
                case .rune(let r, let out):
                    if rune == Int32(bitPattern: r) {
                        PikeVM.add(to: &next, stack: &stack, program: program, pc: out, pos: pos + width, caps: caps, before: rune, after: after)
                    }
                case .runes(let set, let out):
                    if rune >= 0 && program.sets[set].contains(UInt32(rune)) {
                        PikeVM.add(to: &next, stack: &stack, program: program, pc: out, pos: pos + width, caps: caps, before: rune, after: after)
                    }
                default:
                    break
                }
            }
            if width == 0 { break }
            pos += width
            before = rune
            swap(&current, &next)
        }
        return matched
    }

    /// Adds the thread at `pc` and everything it reaches without consuming input, in
    /// priority order (depth first, first branch first), skipping instructions already
    /// in the list.
    private static func add(
        to list: inout ThreadList, stack: inout [(pc: Int, caps: [Int])], program: RegexProgram,
        pc: Int, pos: Int, caps: [Int], before: Int32, after: Int32
    ) {
        stack.append((pc, caps))
        while let (pc, caps) = stack.popLast() {
            if !list.mark(pc) { continue }
            switch program.instructions[pc] {
            case .split(let first, let second):
                stack.append((second, caps))
                stack.append((first, caps))
            case .assert(let op, let out):
                if PikeVM.holds(op, before: before, after: after) { stack.append((out, caps)) }
            case .save(let slot, let out):
                if slot < caps.count {
                    var copy = caps
                    copy[slot] = pos
                    stack.append((out, copy))
                } else {
                    stack.append((out, caps))
                }
            case .rune, .runes, .match:
                list.append(pc, caps)
            case .fail:
                break
            }
        }
    }

    /// Go's `EmptyOpContext`: what holds between rune `before` and rune `after` (-1 at
    /// the ends of the text). Word characters are ASCII only.
    @inline(__always)
    static func holds(_ op: EmptyAssertion, before: Int32, after: Int32) -> Bool {
        switch op {
        case .beginText: return before < 0
        case .endText: return after < 0
        case .beginLine: return before < 0 || before == 10
        case .endLine: return after < 0 || after == 10
        case .wordBoundary: return isWordRune(before) != isWordRune(after)
        case .noWordBoundary: return isWordRune(before) == isWordRune(after)
        }
    }

    @inline(__always)
    static func isWordRune(_ r: Int32) -> Bool {
        (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A) || r == 0x5F
    }
}

/// The threads at one input position: instruction indexes in priority order with their
/// captures, plus a generation-stamped visited set so clearing is O(1).
struct ThreadList {
    private var stamps: [UInt32]
    private var generation: UInt32 = 1
    private(set) var pcs: [Int] = []
    private(set) var caps: [[Int]] = []

    init(size: Int) { stamps = [UInt32](repeating: 0, count: size) }

    var count: Int { pcs.count }
    var isEmpty: Bool { pcs.isEmpty }

    mutating func clear() {
        pcs.removeAll(keepingCapacity: true)
        caps.removeAll(keepingCapacity: true)
        generation &+= 1
        if generation == 0 {
            for i in stamps.indices { stamps[i] = 0 }
            generation = 1
        }
    }

    /// Marks `pc` visited; false if it already was.
    mutating func mark(_ pc: Int) -> Bool {
        if stamps[pc] == generation { return false }
        stamps[pc] = generation
        return true
    }

    mutating func append(_ pc: Int, _ threadCaps: [Int]) {
        pcs.append(pc)
        caps.append(threadCaps)
    }
}
