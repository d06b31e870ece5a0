import GoTemplate
import Values

/// A failure of Masterminds/semver v3.5.0, with the exact text Go's error carries.
///
/// Sprig's `semver` and `semverCompare` return these errors unchanged, so templates see
/// them as `error calling semver: invalid semantic version`; the texts below are the
/// library's own (`ErrInvalidSemVer`, `ErrSegmentStartsZero`, the `%q`-quoted
/// `improper constraint: …`, …).
public enum SemverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `ErrInvalidSemVer`: the text is not shaped like a version at all.
    case invalidSemanticVersion
    /// `ErrEmptyString` (only `StrictNewVersion` reports it; `NewVersion` says invalid).
    case emptyString
    /// `ErrInvalidCharacters`: a strict numeric segment holds a non-digit.
    case invalidCharacters
    /// `ErrSegmentStartsZero`: `01` as a strict segment or a numeric prerelease identifier.
    case segmentStartsZero
    /// `ErrInvalidMetadata`
    case invalidMetadata
    /// `ErrInvalidPrerelease`
    case invalidPrerelease
    /// `ErrVersionTooLong`: more than ``SemverVersion/maxLength`` bytes.
    case versionTooLong
    /// `NewVersion`'s wrapped `strconv.ParseUint` range error for a segment.
    case versionSegmentOutOfRange(String)
    /// `StrictNewVersion`'s bare `strconv.ParseUint` error (`outOfRange` false means
    /// "invalid syntax", which an empty segment such as `1..2` produces).
    case strictSegment(String, outOfRange: Bool)
    /// `ErrIncrementOverflow` wrapped with the segment's name (`major`, `minor`, `patch`).
    case incrementOverflow(segment: String)
    /// A constraint group the grammar rejects; carries the whole `||` group.
    case improperConstraint(String)
    /// A constraint whose shape is right but whose version cannot be built (`>=1|2`).
    case constraintParser
    /// `ErrConstraintTooLong`: more than ``SemverConstraints/maxLength`` bytes.
    case constraintTooLong
    /// `ErrTooManyConstraintGroups`: more than ``SemverConstraints/maxGroups`` `||` groups.
    case tooManyConstraintGroups

    public var description: String {
        switch self {
        case .invalidSemanticVersion: return "invalid semantic version"
        case .emptyString: return "version string empty"
        case .invalidCharacters: return "invalid characters in version"
        case .segmentStartsZero: return "version segment starts with 0"
        case .invalidMetadata: return "invalid metadata string"
        case .invalidPrerelease: return "invalid prerelease string"
        case .versionTooLong: return "version string is too long (max \(SemverVersion.maxLength) bytes)"
        case .versionSegmentOutOfRange(let s):
            return "error parsing version segment: strconv.ParseUint: parsing \(SemverText.quote(s)): value out of range"
        case .strictSegment(let s, let outOfRange):
            return "strconv.ParseUint: parsing \(SemverText.quote(s)): " + (outOfRange ? "value out of range" : "invalid syntax")
        case .incrementOverflow(let segment): return "\(segment) version increment would overflow uint64"
        case .improperConstraint(let group): return "improper constraint: \(SemverText.quote(group))"
        case .constraintParser: return "constraint parser error"
        case .constraintTooLong:
            return "constraint string is too long (max \(SemverConstraints.maxLength) bytes)"
        case .tooManyConstraintGroups:
            return "too many constraint groups (max \(SemverConstraints.maxGroups))"
        }
    }
}

/// Byte classes and small text helpers of Masterminds' grammar. The library works on
/// bytes (and its constraint regular expressions on ASCII classes), so all scanning
/// here is on UTF-8 bytes.
enum SemverText {
    static let dot = UInt8(ascii: "."), dash = UInt8(ascii: "-"), plus = UInt8(ascii: "+")
    static let lowerV = UInt8(ascii: "v"), comma = UInt8(ascii: ","), bar = UInt8(ascii: "|")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

    /// `[0-9A-Za-z-]`, the characters of a prerelease or metadata identifier.
    @inline(__always) static func isIdentifier(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20) &- 97 < 26 || b == dash
    }

    /// `[0-9|x|X|\*]`: a constraint segment. The bracket expression in Masterminds'
    /// `cvRegex` literally contains `|`, so `1|2` scans as one (unparsable) segment.
    @inline(__always) static func isConstraintSegment(_ b: UInt8) -> Bool {
        isDigit(b) || b == UInt8(ascii: "x") || b == UInt8(ascii: "X") || b == UInt8(ascii: "*") || b == bar
    }

    /// RE2's `\s`: `[\t\n\f\r ]` (no vertical tab).
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
    }

    /// Go's `strconv.Quote`, as `%q` renders strings in the library's messages.
    static func quote(_ s: String) -> String { GoFmt.sprintf("%q", [.string(s)]) }

    static func string(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        while i < r.upperBound {
            if b[i] == byte { return i }
            i += 1
        }
        return nil
    }

    static func allDigits(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        for i in r where !isDigit(b[i]) { return false }
        return true
    }

    /// `strconv.ParseUint(s, 10, 64)` on bytes already known to be digits; nil when
    /// the value does not fit (or the range is empty).
    static func parseUInt64(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64? {
        if r.isEmpty { return nil }
        var n: UInt64 = 0
        for i in r {
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(b[i] &- 48))
            if o1 || o2 { return nil }
            n = a
        }
        return n
    }

    /// Whether `r` is a series of non-empty dot-separated identifiers (`validIdentifiers`).
    static func validIdentifiers(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var partStart = r.lowerBound
        var i = r.lowerBound
        while i <= r.upperBound {
            if i == r.upperBound || b[i] == dot {
                if i == partStart { return false }
                partStart = i + 1
            } else if !isIdentifier(b[i]) {
                return false
            }
            i += 1
        }
        return true
    }

    /// `validatePrerelease`: valid identifiers, and no numeric identifier with a leading 0.
    static func validatePrerelease(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) throws(SemverError) {
        guard validIdentifiers(b, r) else { throw .invalidPrerelease }
        var partStart = r.lowerBound
        var i = r.lowerBound
        while i <= r.upperBound {
            if i == r.upperBound || b[i] == dot {
                if i - partStart > 1 && b[partStart] == UInt8(ascii: "0") && allDigits(b, partStart..<i) {
                    throw .segmentStartsZero
                }
                partStart = i + 1
            }
            i += 1
        }
    }

    /// `validateMetadata`
    static func validateMetadata(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) throws(SemverError) {
        guard validIdentifiers(b, r) else { throw .invalidMetadata }
    }

    /// Runs `body` over the string's UTF-8 bytes without copying native strings.
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws(SemverError) -> R) throws(SemverError) -> R {
        var s = s
        let result: Result<R, SemverError> = s.withUTF8 { b in
            do throws(SemverError) { return .success(try body(b)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
