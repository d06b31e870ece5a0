/// `.helmignore` matching on UTF-8 bytes, for the usual case where both the rule and the
/// path are ASCII: there a byte is a character, so Go's `filepath.Match` can run on the
/// path's own storage without splitting it into scalars or touching reference counts.
/// Each path is tried against every rule, so this is most of what loading a chart
/// directory costs besides reading it.
struct ASCIIPathPattern: Sendable {
    enum Token: Sendable {
        case literal(UInt8)
        case star
        case single
        /// An index into `sets`.
        case set(Int)
    }

    struct ByteSet: Sendable {
        let ranges: [ClosedRange<UInt8>]
        let negated: Bool
    }

    let tokens: [Token]
    let sets: [ByteSet]

    /// The byte form of a pattern, or nil when it holds a non-ASCII character.
    init?(_ pattern: GoPathPattern) {
        var tokens: [Token] = []
        var sets: [ByteSet] = []
        for t in pattern.tokens {
            switch t {
            case .literal(let c):
                guard c.isASCII else { return nil }
                tokens.append(.literal(UInt8(c.value)))
            case .star: tokens.append(.star)
            case .single: tokens.append(.single)
            case .set(let ranges, let negated):
                var byteRanges: [ClosedRange<UInt8>] = []
                for r in ranges {
                    guard r.upperBound < 0x80 else { return nil }
                    byteRanges.append(UInt8(r.lowerBound)...UInt8(r.upperBound))
                }
                sets.append(ByteSet(ranges: byteRanges, negated: negated))
                tokens.append(.set(sets.count - 1))
            }
        }
        self.tokens = tokens
        self.sets = sets
    }

    /// Whether the pattern matches the whole of `name` (ASCII bytes).
    func matches(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        tokens.withUnsafeBufferPointer { Self.match($0, 0, name, 0, sets) }
    }

    /// `GoPathPattern.match` on bytes: `*` tries every split up to the next `/`.
    private static func match(
        _ p: UnsafeBufferPointer<Token>, _ pi: Int, _ n: UnsafeBufferPointer<UInt8>, _ ni: Int, _ sets: [ByteSet]
    ) -> Bool {
        var pi = pi
        var ni = ni
        let slash = UInt8(ascii: "/")
        while pi < p.count {
            switch p[pi] {
            case .star:
                var i = ni
                while true {
                    if match(p, pi + 1, n, i, sets) { return true }
                    if i == n.count || n[i] == slash { return false }
                    i += 1
                }
            case .single:
                guard ni < n.count, n[ni] != slash else { return false }
            case .literal(let l):
                guard ni < n.count, n[ni] == l else { return false }
            case .set(let index):
                guard ni < n.count, n[ni] != slash else { return false }
                let c = n[ni]
                let set = sets[index]
                if set.ranges.contains(where: { $0.contains(c) }) == set.negated { return false }
            }
            pi += 1
            ni += 1
        }
        return ni == n.count
    }
}
