/// The two parsers of Masterminds/semver v3.5.0, on UTF-8 bytes.
extension SemverVersion {
    /// `NewVersion` (with `CoerceNewVersion` at its default, true).
    ///
    /// The shape is checked first (metadata after the first `+`, prerelease after the
    /// first `-` of what remains, then one to three non-empty digit runs); any mismatch
    /// is `invalid semantic version`. Only then are segments converted (a range error
    /// wins over a bad prerelease) and prerelease leading zeros refused.
    static func parseCoercing(_ b: UnsafeBufferPointer<UInt8>, original: String) throws(SemverError) -> SemverVersion {
        if b.count > maxLength { throw .versionTooLong }
        var start = 0, end = b.count
        if end > 0 && b[0] == SemverText.lowerV { start = 1 }
        var meta = end..<end
        if let plus = SemverText.firstIndex(of: SemverText.plus, in: b, start..<end) {
            meta = plus + 1..<end
            end = plus
            guard SemverText.validIdentifiers(b, meta) else { throw .invalidSemanticVersion }
        }
        var pre = end..<end
        if let dash = SemverText.firstIndex(of: SemverText.dash, in: b, start..<end) {
            pre = dash + 1..<end
            end = dash
            guard SemverText.validIdentifiers(b, pre) else { throw .invalidSemanticVersion }
        }
        // Up to three segments, kept in locals to avoid allocating.
        var numbers: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var ranges: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)
        var count = 0
        var segStart = start
        var i = start
        while i <= end {
            if i == end || b[i] == SemverText.dot {
                let seg = segStart..<i
                guard count < 3, !seg.isEmpty, SemverText.allDigits(b, seg) else { throw .invalidSemanticVersion }
                switch count {
                case 0: ranges.0 = seg
                case 1: ranges.1 = seg
                default: ranges.2 = seg
                }
                count += 1
                segStart = i + 1
            }
            i += 1
        }
        func number(_ seg: Range<Int>) throws(SemverError) -> UInt64 {
            guard let n = SemverText.parseUInt64(b, seg) else { throw .versionSegmentOutOfRange(SemverText.string(b, seg)) }
            return n
        }
        numbers.0 = try number(ranges.0)
        if count > 1 { numbers.1 = try number(ranges.1) }
        if count > 2 { numbers.2 = try number(ranges.2) }
        if !pre.isEmpty { try SemverText.validatePrerelease(b, pre) }
        return SemverVersion(major: numbers.0, minor: numbers.1, patch: numbers.2,
                             prerelease: SemverText.string(b, pre), metadata: SemverText.string(b, meta),
                             original: original)
    }

    /// `StrictNewVersion`: exactly two dots split off major and minor; metadata, then
    /// prerelease, are taken from the rest and validated; then every numeric part must
    /// be digits without a leading zero. An empty part reaches `strconv.ParseUint`,
    /// whose "invalid syntax" error is returned bare, as Go does.
    static func parseStrict(_ b: UnsafeBufferPointer<UInt8>, original: String) throws(SemverError) -> SemverVersion {
        if b.count == 0 { throw .emptyString }
        if b.count > maxLength { throw .versionTooLong }
        guard let dot1 = SemverText.firstIndex(of: SemverText.dot, in: b, 0..<b.count),
              let dot2 = SemverText.firstIndex(of: SemverText.dot, in: b, dot1 + 1..<b.count)
        else { throw .invalidSemanticVersion }
        var end = b.count
        var meta = end..<end
        if let plus = SemverText.firstIndex(of: SemverText.plus, in: b, dot2 + 1..<end) {
            meta = plus + 1..<end
            end = plus
            try SemverText.validateMetadata(b, meta)
        }
        var pre = end..<end
        if let dash = SemverText.firstIndex(of: SemverText.dash, in: b, dot2 + 1..<end) {
            pre = dash + 1..<end
            end = dash
            try SemverText.validatePrerelease(b, pre)
        }
        let parts = [0..<dot1, dot1 + 1..<dot2, dot2 + 1..<end]
        for p in parts {
            guard SemverText.allDigits(b, p) else { throw .invalidCharacters }
            if p.count > 1 && b[p.lowerBound] == UInt8(ascii: "0") { throw .segmentStartsZero }
        }
        var numbers: [UInt64] = []
        for p in parts {
            guard let n = SemverText.parseUInt64(b, p) else {
                throw .strictSegment(SemverText.string(b, p), outOfRange: !p.isEmpty)
            }
            numbers.append(n)
        }
        return SemverVersion(major: numbers[0], minor: numbers[1], patch: numbers[2],
                             prerelease: SemverText.string(b, pre), metadata: SemverText.string(b, meta),
                             original: original)
    }
}
