import Charts

/// A chart fetched from a repository: the archive bytes and where they came from.
public struct FetchedChart: Sendable {
    public var bytes: [UInt8]
    /// The absolute URL the archive was (or would have been) downloaded from.
    public var url: String
    /// Hex SHA-256 of `bytes`.
    public var digest: String
    /// The file name Helm saves it under: the last element of the URL's path.
    public var fileName: String
    /// The index entry it was resolved from (for OCI and packaged charts: the archive's
    /// Chart.yaml, with the archive's digest).
    public var version: RepoChartVersion
    /// For an OCI chart, the digest of the manifest it was pulled by (what a pin names).
    public var manifestDigest: String? = nil
    /// The archive came from the on-disk cache, not the network.
    public var fromCache = false
}

/// An HTTP(S) chart repository: Helm's `repo.ChartRepository` plus the lookups of
/// `helm pull --repo` (`repo.FindChartInRepoURL`).
///
/// The index is fetched from `<url>/index.yaml` (joined as Helm joins it, keeping a
/// query string) and kept in the cache; archives are verified against the index's
/// digest and cached by content, so a second fetch of the same version does not touch
/// the network.
public struct ChartRepository: Sendable {
    public var url: String
    public var options: HTTPGetterOptions
    public var cache: ChartCache

    public init(url: String, options: HTTPGetterOptions = HTTPGetterOptions(), cache: ChartCache) {
        self.url = url
        self.options = options
        self.cache = cache
        if self.options.credentialsURL == nil { self.options.credentialsURL = url }
    }

    /// The repository URL as errors show it.
    public var displayURL: String { ChartURL(url)?.redacted ?? url }

    /// Where the index lives: Helm's `path.Join(url.Path, "index.yaml")`.
    public var indexURL: String {
        guard let u = ChartURL(url) else { return url + "/index.yaml" }
        return u.joiningPath("index.yaml")
    }

    /// Helm's `DownloadIndexFile`: fetches the index, checks that it decodes, stores it
    /// in the cache, and returns it.
    @discardableResult
    public func refreshIndex() throws(ChartSourceError) -> RepoIndex {
        let bytes: [UInt8]
        do { bytes = try HTTPGetter(options: options).get(indexURL) } catch {
            throw .repositoryUnreachable(url: displayURL, underlying: error)
        }
        let index = try decodeIndex(bytes)
        do { try cache.storeIndex(bytes, forRepository: url) } catch { throw .file(error) }
        return index
    }

    /// The cached index, `nil` when none was fetched yet.
    public func cachedIndex() throws(ChartSourceError) -> RepoIndex? {
        guard let bytes = cache.readIndex(forRepository: url) else { return nil }
        return try decodeIndex(bytes)
    }

    /// The cached index unless `refresh` (or nothing is cached), else a fresh one.
    public func index(refresh: Bool) throws(ChartSourceError) -> RepoIndex {
        if !refresh, let cached = try cachedIndex() { return cached }
        return try refreshIndex()
    }

    private func decodeIndex(_ bytes: [UInt8]) throws(ChartSourceError) -> RepoIndex {
        do { return try RepoIndex.decode(bytes, source: displayURL) } catch {
            throw .invalidIndex(url: displayURL, underlying: error)
        }
    }

    /// The newest version of `name` satisfying `constraint` (empty: newest stable),
    /// as Helm's `IndexFile.Get` picks it.
    public func resolve(_ name: String, constraint: String, in index: RepoIndex) throws(ChartSourceError) -> RepoChartVersion {
        do { return try index.version(of: name, matching: constraint) } catch {
            throw .chartNotFound(name: name, repository: displayURL, underlying: error)
        }
    }

    /// The absolute download URL of an index entry, resolved as `helm pull --repo`
    /// does (`ResolveReferenceURL`: relative to the repository URL with a trailing
    /// slash, keeping its query string).
    public func downloadURL(for version: RepoChartVersion) -> String? {
        guard let first = version.urls.first, let base = ChartURL(url) else { return nil }
        return base.resolvingReference(first)
    }

    /// Downloads (or takes from the cache) the archive of an index entry at
    /// `downloadURL`, checking it against the entry's digest when it has one.
    public func download(_ version: RepoChartVersion, from downloadURL: String) throws(ChartSourceError) -> FetchedChart {
        let expected = Self.plainDigest(version.digest)
        let shown = ChartURL(downloadURL)?.redacted ?? downloadURL
        let fileName = LocalFiles.baseName(ChartURL(downloadURL)?.path ?? downloadURL)
        if !expected.isEmpty, let cached = cache.archive(digest: expected) {
            return FetchedChart(bytes: cached, url: downloadURL, digest: expected, fileName: fileName, version: version)
        }
        let bytes: [UInt8]
        do { bytes = try HTTPGetter(options: options).get(downloadURL) } catch {
            throw .download(url: shown, underlying: error)
        }
        let actual = RepoIndex.digest(of: bytes)
        if !expected.isEmpty && actual != expected {
            throw .digestMismatch(url: shown, expected: expected, actual: actual)
        }
        do { try cache.storeArchive(bytes) } catch { throw .file(error) }
        return FetchedChart(bytes: bytes, url: downloadURL, digest: actual, fileName: fileName, version: version)
    }

    /// `helm pull NAME --repo URL --version CONSTRAINT`, without the write: resolve
    /// against the (optionally refreshed) index and download.
    public func fetch(_ name: String, constraint: String = "", refresh: Bool = true) throws(ChartSourceError) -> FetchedChart {
        let index = try index(refresh: refresh)
        let version = try resolve(name, constraint: constraint, in: index)
        guard let target = downloadURL(for: version) else {
            throw .chartNotFound(name: name, repository: displayURL, underlying: .noChartVersion(name: name, constraint: constraint))
        }
        return try download(version, from: target)
    }

    /// An index digest without an algorithm prefix, lowercased.
    static func plainDigest(_ digest: String) -> String {
        let d = digest.hasPrefix("sha256:") ? String(digest.dropFirst(7)) : digest
        return d.lowercased()
    }
}
