/// A semantic version, as Masterminds/semver v3.5.0's `Version` holds it.
///
/// Helm parses chart versions, `kubeVersion` and dependency versions with this type,
/// and Sprig's `semver` returns it to templates. It keeps the text it was parsed from
/// (`Original()`), while ``description`` is the normalised `1.2.3-pre+meta` that
/// `String()` prints (no `v`, missing segments filled with 0).
///
/// Equality and ordering follow semver 2.0 precedence, like Go's `Equal`/`Compare`:
/// build metadata and the original spelling are ignored, so `1.0.0+a == v1.0`.
public struct SemverVersion: Sendable, CustomStringConvertible {
    public let major: UInt64
    public let minor: UInt64
    public let patch: UInt64
    /// The prerelease without its `-` (`beta.1`), or empty.
    public let prerelease: String
    /// The build metadata without its `+`, or empty.
    public let metadata: String
    /// The text the version was parsed from (`Original()`).
    public let original: String

    /// `MaxVersionLen`: longer texts are refused before parsing.
    public static let maxLength = 256

    /// Masterminds' `New`: builds a version from its parts without validating the
    /// prerelease or metadata; the original text is the normalised one.
    public init(major: UInt64, minor: UInt64, patch: UInt64, prerelease: String = "", metadata: String = "") {
        self.init(major: major, minor: minor, patch: patch, prerelease: prerelease, metadata: metadata, original: nil)
    }

    init(major: UInt64, minor: UInt64, patch: UInt64, prerelease: String, metadata: String, original: String?) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.metadata = metadata
        self.original = original ?? SemverVersion.render(major, minor, patch, prerelease, metadata)
    }

    /// `NewVersion`: parses SemVer-ish text, coercing it where Masterminds does: an
    /// optional leading `v`, one to three numeric segments (`1` is `1.0.0`), and leading
    /// zeros in them (`01.2.3` is `1.2.3`). Prerelease numeric identifiers must still
    /// not start with 0.
    public init(_ text: String) throws(SemverError) {
        self = try SemverText.withBytes(text) { b throws(SemverError) in try SemverVersion.parseCoercing(b, original: text) }
    }

    /// `StrictNewVersion`: accepts only a full `MAJOR.MINOR.PATCH[-pre][+meta]` without
    /// `v` or leading zeros, reporting the first problem found.
    public static func strict(_ text: String) throws(SemverError) -> SemverVersion {
        try SemverText.withBytes(text) { b throws(SemverError) in try parseStrict(b, original: text) }
    }

    /// `String()`: `MAJOR.MINOR.PATCH`, then `-pre` and `+meta` when present.
    public var description: String { SemverVersion.render(major, minor, patch, prerelease, metadata) }

    static func render(_ major: UInt64, _ minor: UInt64, _ patch: UInt64, _ pre: String, _ meta: String) -> String {
        var s = "\(major).\(minor).\(patch)"
        if !pre.isEmpty { s += "-" + pre }
        if !meta.isEmpty { s += "+" + meta }
        return s
    }

    /// `originalVPrefix`: increments and setters keep a leading lowercase `v`.
    private var originalVPrefix: String { original.utf8.first == SemverText.lowerV ? "v" : "" }

    private func with(major: UInt64? = nil, minor: UInt64? = nil, patch: UInt64? = nil,
                      prerelease: String? = nil, metadata: String? = nil) -> SemverVersion {
        let ma = major ?? self.major, mi = minor ?? self.minor, pa = patch ?? self.patch
        let pre = prerelease ?? self.prerelease, meta = metadata ?? self.metadata
        return SemverVersion(major: ma, minor: mi, patch: pa, prerelease: pre, metadata: meta,
                             original: originalVPrefix + SemverVersion.render(ma, mi, pa, pre, meta))
    }

    /// `IncPatch`: a prerelease version becomes its release (`1.2.3-rc.1` → `1.2.3`);
    /// otherwise the patch goes up. Prerelease and metadata are dropped either way.
    /// Go panics on overflow, which templates report as an error; so does this.
    public func incrementingPatch() throws(SemverError) -> SemverVersion {
        if !prerelease.isEmpty { return with(prerelease: "", metadata: "") }
        guard patch < .max else { throw .incrementOverflow(segment: "patch") }
        return with(patch: patch + 1, prerelease: "", metadata: "")
    }

    /// `IncMinor`: minor up, patch 0, prerelease and metadata dropped.
    public func incrementingMinor() throws(SemverError) -> SemverVersion {
        guard minor < .max else { throw .incrementOverflow(segment: "minor") }
        return with(minor: minor + 1, patch: 0, prerelease: "", metadata: "")
    }

    /// `IncMajor`: major up, minor and patch 0, prerelease and metadata dropped.
    public func incrementingMajor() throws(SemverError) -> SemverVersion {
        guard major < .max else { throw .incrementOverflow(segment: "major") }
        return with(major: major + 1, minor: 0, patch: 0, prerelease: "", metadata: "")
    }

    /// `SetPrerelease`: validates a non-empty prerelease (given without `-`).
    public func settingPrerelease(_ prerelease: String) throws(SemverError) -> SemverVersion {
        if !prerelease.isEmpty {
            try SemverText.withBytes(prerelease) { b throws(SemverError) in try SemverText.validatePrerelease(b, 0..<b.count) }
        }
        return with(prerelease: prerelease)
    }

    /// `SetMetadata`: validates non-empty metadata (given without `+`).
    public func settingMetadata(_ metadata: String) throws(SemverError) -> SemverVersion {
        if !metadata.isEmpty {
            try SemverText.withBytes(metadata) { b throws(SemverError) in try SemverText.validateMetadata(b, 0..<b.count) }
        }
        return with(metadata: metadata)
    }
}
