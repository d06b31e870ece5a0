import Sprig
import Values

/// A chart repository's index file (index.yaml): Helm's `repo.IndexFile`
/// (pkg/repo/v1/index.go). Decoding, encoding and the folder scan live beside it
/// (`RepoIndexDecoding`, `RepoIndexEncoding`, `RepoIndexDirectory`).
public struct RepoIndex: Sendable, Equatable {
    /// Always "v1" for indexes Helm writes; decoding refuses an index without one.
    public var apiVersion: String
    /// When the index was generated: RFC 3339 with nanoseconds, as Go marshals a
    /// `time.Time` (`2026-01-02T03:04:05.123456789Z`, trailing zeros trimmed).
    public var generated: String
    /// Chart name → its versions; after `sortEntries` (and decoding) newest first.
    public var entries: [String: [RepoChartVersion]]
    public var annotations: [String: String]
    /// `publicKeys:`, kept so a merge writes them back.
    public var publicKeys: [String]
    /// `serverInfo:` (free-form, e.g. ChartMuseum's `contextPath`), kept as read.
    public var serverInfo: [String: Value]

    /// The zero `time.Time` as Go marshals it: what `created`/`generated` read when absent.
    public static let zeroTime = "0001-01-01T00:00:00Z"

    public init(
        apiVersion: String = "v1", generated: String = RepoIndex.zeroTime,
        entries: [String: [RepoChartVersion]] = [:], annotations: [String: String] = [:],
        publicKeys: [String] = [], serverInfo: [String: Value] = [:]
    ) {
        self.apiVersion = apiVersion
        self.generated = generated
        self.entries = entries
        self.annotations = annotations
        self.publicKeys = publicKeys
        self.serverInfo = serverInfo
    }

    /// Helm's `NewIndexFile()`: apiVersion v1, generated now.
    public static func new(generated: String = RepoIndex.now()) -> RepoIndex {
        RepoIndex(generated: generated)
    }

    /// `time.Now()` as index.yaml records it (`generated`, `created`): local time,
    /// RFC 3339 with nanoseconds.
    public static func now() -> String { GoClock.now().format(GoTimeLayout.rfc3339Nano) }

    /// The digest index.yaml records for an archive: Helm's `provenance.DigestFile`,
    /// plain lowercase SHA-256 hex (Chart.lock and OCI use a `sha256:` prefix; the
    /// index does not).
    public static func digest(of bytes: [UInt8]) -> String { Hex.encode(Hashes.sha256(bytes)) }

    /// Helm's `IndexFile.MustAdd`: validates the metadata (an empty apiVersion reads
    /// as v1), then appends a version whose one URL is `filename` joined to `baseURL`
    /// (only the file's base name is used then), unsorted.
    public mutating func mustAdd(
        _ metadata: ChartMetadata, filename: String, baseURL: String, digest: String, created: String
    ) throws(RepoIndexError) {
        var md = metadata
        if md.apiVersion.isEmpty { md.apiVersion = "v1" }
        do { try ChartValidation.validate(&md) } catch {
            throw .invalidChart(file: filename, reason: "\(error)")
        }
        var url = filename
        if !baseURL.isEmpty {
            let file = String(filename.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
            url = URLPath.join(baseURL, file)
        }
        let cv = RepoChartVersion(metadata: md, urls: [url], created: created, digest: digest)
        entries[md.name, default: []].append(cv)
    }

    /// Helm's `IndexFile.Add`: `mustAdd`, where Helm only logs a chart that fails
    /// validation and leaves it out.
    public mutating func add(_ metadata: ChartMetadata, filename: String, baseURL: String, digest: String, created: String) {
        try? mustAdd(metadata, filename: filename, baseURL: baseURL, digest: digest, created: created)
    }

    /// Helm's `IndexFile.Has`.
    public func has(_ name: String, version: String) -> Bool {
        (try? self.version(of: name, matching: version)) != nil
    }

    /// Helm's `IndexFile.Merge`: every version of `other` this index does not have
    /// (by `has`, so a version string that matches as a constraint counts) is appended.
    public mutating func merge(_ other: RepoIndex) {
        for name in other.entries.keys.sorted() {
            for cv in other.entries[name] ?? [] where !has(cv.metadata.name, version: cv.metadata.version) {
                entries[cv.metadata.name, default: []].append(cv)
            }
        }
    }

    /// Helm's `SortEntries`: each chart's versions newest first by semver precedence;
    /// versions that do not parse go last. Equal versions keep their order (Go's
    /// `sort.Sort` is an insertion sort up to 12 elements, so this matches Helm there).
    public mutating func sortEntries() {
        for name in entries.keys {
            entries[name] = Self.sortedNewestFirst(entries[name] ?? [])
        }
    }

    static func sortedNewestFirst(_ list: [RepoChartVersion]) -> [RepoChartVersion] {
        let keyed = list.enumerated().map { (i, cv) in (i, try? SemverVersion(cv.metadata.version), cv) }
        return keyed.sorted { a, b in
            switch (a.1, b.1) {
            case (let x?, let y?):
                let c = x.compare(to: y)
                return c != 0 ? c > 0 : a.0 < b.0
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return a.0 < b.0
            }
        }.map(\.2)
    }

    /// Helm's `IndexFile.Get`: an empty or nil constraint is `*` (the newest stable
    /// version); otherwise an exact version string wins, then the first (newest)
    /// version that satisfies the constraint.
    public func version(of name: String, matching constraint: String?) throws(RepoIndexError) -> RepoChartVersion {
        guard let versions = entries[name] else { throw .noChartName(name) }
        guard !versions.isEmpty else { throw .noChartVersion(name: name, constraint: nil) }
        let text = constraint ?? ""
        let parsed: SemverConstraints
        do { parsed = try SemverConstraints(text.isEmpty ? "*" : text) } catch {
            throw .invalidConstraint(text, reason: "\(error)")
        }
        if !text.isEmpty, let exact = versions.first(where: { $0.metadata.version == text }) { return exact }
        for cv in versions {
            guard let v = try? SemverVersion(cv.metadata.version) else { continue }
            if parsed.check(v) { return cv }
        }
        throw .noChartVersion(name: name, constraint: text)
    }
}

/// One version of a chart in an index: Helm's `repo.ChartVersion`, the chart's
/// metadata plus where to download it.
public struct RepoChartVersion: Sendable, Equatable {
    public var metadata: ChartMetadata
    public var urls: [String]
    /// RFC 3339 with nanoseconds (`RepoIndex.zeroTime` when the index had none).
    public var created: String
    /// Plain hex SHA-256 of the archive.
    public var digest: String
    public var removed: Bool
    /// Fields Helm 3 keeps only so a strict reader accepts old indexes (`checksum`,
    /// `tillerVersion`, `url`; `engine` is `metadata.engine`), written back as read.
    public var deprecatedFields: [String: String]

    public init(
        metadata: ChartMetadata, urls: [String], created: String = RepoIndex.zeroTime, digest: String = "",
        removed: Bool = false, deprecatedFields: [String: String] = [:]
    ) {
        self.metadata = metadata
        self.urls = urls
        self.created = created
        self.digest = digest
        self.removed = removed
        self.deprecatedFields = deprecatedFields
    }

    public var name: String { metadata.name }
    public var version: String { metadata.version }
}
