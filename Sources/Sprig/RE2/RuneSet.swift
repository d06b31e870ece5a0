/// A set of Unicode code points as sorted, non-overlapping, non-adjacent ranges: what a
/// character class, a `\p{…}` group or a case-folded literal compiles to.
///
/// Go's regexp/syntax keeps classes as flat `[lo, hi, lo, hi, …]` rune slices and
/// normalises them with `cleanClass`; this is the same idea, with an ASCII bitmap so the
/// common case of matching an ASCII rune costs two shifts.
struct RuneSet: Sendable, Equatable {
    /// Flat `[lo0, hi0, lo1, hi1, …]`, sorted and merged.
    private(set) var bounds: [UInt32]
    /// Membership of runes 0–127, for the fast path.
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    static let maxRune: UInt32 = 0x10FFFF

    init() { bounds = [] }

    /// A set from unsorted, possibly overlapping ranges.
    init(ranges: [(UInt32, UInt32)]) {
        let sorted = ranges.sorted { $0.0 < $1.0 }
        var out: [UInt32] = []
        out.reserveCapacity(sorted.count * 2)
        for (lo, hi) in sorted where lo <= hi {
            if let last = out.last, lo <= last &+ 1 {
                if hi > last { out[out.count - 1] = hi }
            } else {
                out.append(lo)
                out.append(hi)
            }
        }
        bounds = out
        computeASCII()
    }

    init(single r: UInt32) { self.init(ranges: [(r, r)]) }

    var ranges: [(UInt32, UInt32)] {
        stride(from: 0, to: bounds.count, by: 2).map { (bounds[$0], bounds[$0 + 1]) }
    }

    var isEmpty: Bool { bounds.isEmpty }

    /// The single rune this set holds, if it holds exactly one.
    var singleRune: UInt32? {
        bounds.count == 2 && bounds[0] == bounds[1] ? bounds[0] : nil
    }

    private mutating func computeASCII() {
        asciiLow = 0
        asciiHigh = 0
        var i = 0
        while i < bounds.count, bounds[i] < 128 {
            let lo = bounds[i], hi = min(bounds[i + 1], 127)
            for r in lo...hi {
                if r < 64 { asciiLow |= 1 << UInt64(r) } else { asciiHigh |= 1 << UInt64(r - 64) }
            }
            i += 2
        }
    }

    @inline(__always)
    func contains(_ r: UInt32) -> Bool {
        if r < 64 { return asciiLow & (1 << UInt64(r)) != 0 }
        if r < 128 { return asciiHigh & (1 << UInt64(r - 64)) != 0 }
        // Binary search for the last range starting at or below r.
        var lo = 0, hi = bounds.count / 2
        while lo < hi {
            let mid = (lo + hi) / 2
            if bounds[2 * mid] <= r { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && r <= bounds[2 * (lo - 1) + 1]
    }

    func union(_ other: RuneSet) -> RuneSet { RuneSet(ranges: ranges + other.ranges) }

    /// The complement within 0…0x10FFFF (Go's `negateClass`).
    func negated() -> RuneSet {
        var out: [(UInt32, UInt32)] = []
        var next: UInt32 = 0
        for (lo, hi) in ranges {
            if lo > next { out.append((next, lo - 1)) }
            next = hi &+ 1
        }
        if next <= RuneSet.maxRune { out.append((next, RuneSet.maxRune)) }
        return RuneSet(ranges: out)
    }

    /// The set closed under Go's simple case folding (`appendFoldedRange`): every rune
    /// brings the rest of its `unicode.SimpleFold` orbit.
    func caseFolded() -> RuneSet {
        var extra: [(UInt32, UInt32)] = []
        let orbits = FoldOrbits.shared
        for (lo, hi) in ranges {
            // Orbits only involve runes up to the last folding code point.
            guard lo <= orbits.maxFoldingRune else { break }
            for r in lo...min(hi, orbits.maxFoldingRune) {
                if let orbit = orbits.orbit(of: r) {
                    for o in orbit where o != r { extra.append((o, o)) }
                }
            }
        }
        return extra.isEmpty ? self : RuneSet(ranges: ranges + extra)
    }
}
