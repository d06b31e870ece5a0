/// The operators Masterminds/semver accepts, by their spelling.
enum SemverConstraintOperator: String, Sendable {
    case none = "", equal = "=", notEqual = "!=", greater = ">", less = "<"
    case greaterOrEqual = ">=", greaterOrEqualAlt = "=>", lessOrEqual = "<=", lessOrEqualAlt = "=<"
    case tilde = "~", tildeArrow = "~>", caret = "^"

    init?(text: (UInt8, UInt8?)) {
        let (a, b) = text
        switch (a, b) {
        case (UInt8(ascii: "!"), UInt8(ascii: "=")?): self = .notEqual
        case (UInt8(ascii: ">"), UInt8(ascii: "=")?): self = .greaterOrEqual
        case (UInt8(ascii: "="), UInt8(ascii: ">")?): self = .greaterOrEqualAlt
        case (UInt8(ascii: "<"), UInt8(ascii: "=")?): self = .lessOrEqual
        case (UInt8(ascii: "="), UInt8(ascii: "<")?): self = .lessOrEqualAlt
        case (UInt8(ascii: "~"), UInt8(ascii: ">")?): self = .tildeArrow
        case (UInt8(ascii: "="), nil): self = .equal
        case (UInt8(ascii: ">"), nil): self = .greater
        case (UInt8(ascii: "<"), nil): self = .less
        case (UInt8(ascii: "~"), nil): self = .tilde
        case (UInt8(ascii: "^"), nil): self = .caret
        default: return nil
        }
    }
}

/// Why a version failed one constraint (Masterminds' `failReason`); ``SemverConstraints/validate(_:)``
/// turns it into the library's message.
enum SemverFailReason: Sendable {
    case prerelease, equal, notEqual, lessThan, lessThanEqual, greaterThan, greaterThanEqual
    case major, majorMinor, caretMinor, caretMinorZero, caretPatch

    func message(_ v: SemverVersion, _ orig: String) -> String {
        let q = SemverText.quote(v.description), c = SemverText.quote(orig)
        switch self {
        case .prerelease: return "\(q) is a prerelease version and the constraint is only looking for release versions"
        case .equal: return "\(q) is equal to \(c)"
        case .notEqual: return "\(q) is not equal to \(c)"
        case .lessThan: return "\(q) is less than \(c)"
        case .lessThanEqual: return "\(q) is less than or equal to \(c)"
        case .greaterThan: return "\(q) is greater than \(c)"
        case .greaterThanEqual: return "\(q) is greater than or equal to \(c)"
        case .major: return "\(q) does not have same major version as \(c)"
        case .majorMinor: return "\(q) does not have same major and minor version as \(c)"
        case .caretMinor:
            return "\(q) does not have same minor version as \(c). Expected minor versions to match when constraint major version is 0"
        case .caretMinorZero: return "\(q) does not have same minor version as \(c)"
        case .caretPatch:
            return "\(q) does not equal \(c). Expect version and constraint to equal when major and minor versions are 0"
        }
    }
}

/// One comparison of a constraint string (`>=1.2`, `~1.x`, `!=2.0.0-rc.1`).
///
/// A wildcard (`x`, `X`, `*`) or a missing segment makes the constraint "dirty": the
/// version compared against fills those segments with 0 (`1.x` holds `1.0.0`), and
/// each operator then widens its test to the whole wildcard range.
struct SemverConstraint: Sendable {
    let op: SemverConstraintOperator
    /// The version as written (`orig`), used in messages and `String()`.
    let orig: String
    /// The version compared against (`con`).
    let version: SemverVersion
    /// A wildcard or missing segment somewhere (`dirty`).
    let dirty: Bool
    /// The minor segment is a wildcard or missing (`1`, `1.x`).
    let minorDirty: Bool
    /// The patch segment is a wildcard or missing (`1.2`, `1.2.x`).
    let patchDirty: Bool

    /// `parseConstraint`: builds the version the way Masterminds formats it before
    /// calling `NewVersion` (`0.0.0-pre`, `MAJOR.0.0-pre`, `MAJOR.MINOR.0-pre`, or the
    /// text as written when all three segments are numbers, metadata included).
    /// Any failure of that parse is `constraint parser error`.
    init(_ item: SemverConstraintGrammar.Item, in b: UnsafeBufferPointer<UInt8>) throws(SemverError) {
        let m = item.version
        func text(_ r: Range<Int>?) -> String { r.map { SemverText.string(b, $0) } ?? "" }
        func isX(_ r: Range<Int>?) -> Bool {
            guard let r, r.count == 1 else { return false }
            return b[r.lowerBound] == UInt8(ascii: "x") || b[r.lowerBound] == UInt8(ascii: "X") || b[r.lowerBound] == UInt8(ascii: "*")
        }
        let pre = text(m.dashedPrerelease)
        let versionText: String
        var dirty = false, minorDirty = false, patchDirty = false
        if isX(m.major) {
            dirty = true
            versionText = "0.0.0" + pre
        } else if m.minor == nil || isX(m.minor) {
            dirty = true
            minorDirty = true
            versionText = text(m.major) + ".0.0" + pre
        } else if m.patch == nil || isX(m.patch) {
            dirty = true
            patchDirty = true
            versionText = text(m.major) + "." + text(m.minor) + ".0" + pre
        } else {
            versionText = text(m.text)
        }
        do {
            version = try SemverVersion(versionText)
        } catch {
            throw .constraintParser
        }
        op = item.op
        orig = text(m.text)
        self.dirty = dirty
        self.minorDirty = minorDirty
        self.patchDirty = patchDirty
    }

    /// Checks `v`; nil when it passes, else the reason. `includePrerelease` says whether
    /// the constraint's `||` group opted in to prereleases.
    func failure(_ v: SemverVersion, includePrerelease: Bool) -> SemverFailReason? {
        // Every operator first refuses prereleases unless the group asked for them.
        if !v.prerelease.isEmpty && !includePrerelease { return .prerelease }
        switch op {
        case .none, .equal: return tildeOrEqual(v)
        case .notEqual: return notEqual(v)
        case .greater: return greater(v)
        case .less: return v.compare(to: version) < 0 ? nil : .greaterThanEqual
        case .greaterOrEqual, .greaterOrEqualAlt: return v.compare(to: version) >= 0 ? nil : .lessThan
        case .lessOrEqual, .lessOrEqualAlt: return lessOrEqual(v)
        case .tilde, .tildeArrow: return tilde(v)
        case .caret: return caret(v)
        }
    }

    /// `=` and no operator: a wildcard opts in to tilde, otherwise plain equality.
    private func tildeOrEqual(_ v: SemverVersion) -> SemverFailReason? {
        if dirty { return tilde(v) }
        return v == version ? nil : .notEqual
    }

    private func notEqual(_ v: SemverVersion) -> SemverFailReason? {
        if dirty {
            if version.major != v.major { return nil }
            if version.minor != v.minor && !minorDirty { return nil }
            if minorDirty { return .equal }
            if version.patch != v.patch && !patchDirty { return nil }
            if patchDirty {
                if !v.prerelease.isEmpty || !version.prerelease.isEmpty {
                    return SemverVersion.comparePrerelease(v.prerelease, version.prerelease) != 0 ? nil : .equal
                }
                return .equal
            }
        }
        return v == version ? .equal : nil
    }

    /// `>`: with wildcards the whole wildcard range must be exceeded (`>1` needs 2.0.0).
    private func greater(_ v: SemverVersion) -> SemverFailReason? {
        if !dirty { return v.compare(to: version) == 1 ? nil : .lessThanEqual }
        if v.major > version.major { return nil }
        if v.major < version.major || minorDirty { return .lessThanEqual }
        if patchDirty { return v.minor > version.minor ? nil : .lessThanEqual }
        return v.compare(to: version) == 1 ? nil : .lessThanEqual
    }

    /// `<=`: with wildcards the whole wildcard range is included (`<=1.2` takes 1.2.9).
    private func lessOrEqual(_ v: SemverVersion) -> SemverFailReason? {
        if !dirty { return v.compare(to: version) <= 0 ? nil : .greaterThan }
        if v.major > version.major { return .greaterThan }
        if v.major == version.major && v.minor > version.minor && !minorDirty { return .greaterThan }
        return nil
    }

    /// `~`, `~>`: at least the version, same major, and same minor unless the minor is
    /// a wildcard. `~0.0.0` (and `~*`) accept everything.
    private func tilde(_ v: SemverVersion) -> SemverFailReason? {
        if v < version { return .lessThan }
        if version.major == 0 && version.minor == 0 && version.patch == 0 && !minorDirty && !patchDirty { return nil }
        if v.major != version.major { return .major }
        if v.minor != version.minor && !minorDirty { return .majorMinor }
        return nil
    }

    /// `^`: at least the version and below the next "significant" bump, npm-style:
    /// `^1.2.3` < 2.0.0, `^0.2.3` < 0.3.0, `^0.0.3` only 0.0.3, `^0.0` < 0.1.0, `^0` < 1.0.0.
    private func caret(_ v: SemverVersion) -> SemverFailReason? {
        if v < version { return .lessThan }
        if version.major > 0 || minorDirty { return v.major == version.major ? nil : .major }
        if v.major > 0 { return .major }
        if version.minor > 0 || patchDirty { return v.minor == version.minor ? nil : .caretMinor }
        if v.minor > 0 { return .caretMinorZero }
        return version.patch == v.patch ? nil : .caretPatch
    }
}
