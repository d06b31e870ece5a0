/// Semver 2.0 precedence, as Masterminds' `Compare` implements it.
extension SemverVersion: Comparable {
    /// `Compare`: -1, 0 or 1. Major, minor and patch numerically; then a version without
    /// prerelease ranks above one with; then prereleases identifier by identifier.
    /// Metadata never counts.
    public func compare(to o: SemverVersion) -> Int {
        if major != o.major { return major < o.major ? -1 : 1 }
        if minor != o.minor { return minor < o.minor ? -1 : 1 }
        if patch != o.patch { return patch < o.patch ? -1 : 1 }
        switch (prerelease.isEmpty, o.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): return SemverVersion.comparePrerelease(prerelease, o.prerelease)
        }
    }

    /// Same precedence (Go's `Equal`): metadata and spelling are ignored.
    public static func == (a: SemverVersion, b: SemverVersion) -> Bool { a.compare(to: b) == 0 }
    public static func < (a: SemverVersion, b: SemverVersion) -> Bool { a.compare(to: b) < 0 }

    /// `comparePrerelease`: walks both dot-separated lists; a missing identifier ranks
    /// below a present one (`alpha` < `alpha.1`).
    static func comparePrerelease(_ a: String, _ b: String) -> Int {
        // Go's `nextPart` loop: take the text up to the next dot until both strings
        // are used up (so a trailing dot adds no empty identifier).
        var a = a.utf8[...], b = b.utf8[...]
        while !a.isEmpty || !b.isEmpty {
            let ap = nextPart(&a), bp = nextPart(&b)
            let d = comparePart(ap, bp)
            if d != 0 { return d }
        }
        return 0
    }

    private static func nextPart(_ s: inout Substring.UTF8View) -> Substring.UTF8View {
        guard let i = s.firstIndex(of: SemverText.dot) else {
            defer { s = s[s.endIndex...] }
            return s
        }
        defer { s = s[s.index(after: i)...] }
        return s[..<i]
    }

    /// `comparePrePart`: numeric identifiers compare as numbers and rank below
    /// alphanumeric ones, which compare bytewise. An identifier too big for uint64 is
    /// treated as alphanumeric.
    static func comparePart(_ s: Substring.UTF8View, _ o: Substring.UTF8View) -> Int {
        if s.elementsEqual(o) { return 0 }
        if s.isEmpty { return -1 }
        if o.isEmpty { return 1 }
        let sn = number(s), on = number(o)
        switch (sn, on) {
        case (nil, nil): return o.lexicographicallyPrecedes(s) ? 1 : -1
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (.some(let x), .some(let y)): return x > y ? 1 : -1
        }
    }

    private static func number(_ s: Substring.UTF8View) -> UInt64? {
        var n: UInt64 = 0
        for c in s {
            guard SemverText.isDigit(c) else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (r, o2) = m.addingReportingOverflow(UInt64(c &- 48))
            if o1 || o2 { return nil }
            n = r
        }
        return n
    }
}
