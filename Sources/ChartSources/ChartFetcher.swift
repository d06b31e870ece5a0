import Charts

/// The controller's one door to chart sources: HTTP(S) repositories, OCI registries and
/// packaged charts, fetched without blocking the cooperative pool.
///
/// Guarantees:
/// - every libcurl transfer and file write runs on `BlockingWorkers` threads;
/// - a repository's index is fetched at most once per `indexFreshness` (per URL and
///   credentials, so one tenant's credentials never serve another's index), then
///   revalidated with `If-None-Match`/`If-Modified-Since`;
/// - archives live in the content-addressed `ChartCache` shared by every release, and
///   concurrent requests for the same archive (or the same index, or the same OCI
///   resolution) share one transfer;
/// - what is returned has the digest the index or manifest promised, and the
///   request's pinned digest when it has one.
/// Authorization is always checked: a cached archive is only handed out after the
/// index or manifest naming it was obtained with the request's credentials.
public actor ChartFetcher {
    public struct Configuration: Sendable {
        /// How long an index is used without asking the repository again.
        public var indexFreshness: Duration = .seconds(300)
        /// Threads for blocking transfers; also the number of transfers at once.
        public var threads = 4
        public var connectTimeout: Double = 15
        public var timeout: Double = 120
        /// The largest index, manifest or archive accepted.
        public var maxBytes = 64 << 20

        public init() {}
    }

    /// Counters for metrics and tests.
    public struct Statistics: Sendable, Equatable {
        /// Index bodies downloaded (a 304 is not counted).
        public var indexDownloads = 0
        /// Indexes revalidated by a 304 Not Modified.
        public var indexNotModified = 0
        /// Archives (chart blobs) downloaded.
        public var archiveDownloads = 0
        /// Archives served from the on-disk cache.
        public var archiveCacheHits = 0
        /// Requests that joined a transfer already running.
        public var coalesced = 0

        public init() {}
    }

    struct CachedIndex {
        var index: RepoIndex
        var fetchedAt: ContinuousClock.Instant
        var etag: String?
        var lastModified: String?
    }

    struct IndexKey: Hashable {
        var url: String
        var credentials: ChartSourceCredentials
    }

    struct OCIKey: Hashable {
        var reference: String
        var version: String
        var credentials: ChartSourceCredentials
        var plainHTTP: Bool
    }

    public let cache: ChartCache
    public let configuration: Configuration
    let workers: BlockingWorkers
    let now: @Sendable () -> ContinuousClock.Instant
    var indexes: [IndexKey: CachedIndex] = [:]
    var indexTasks: [IndexKey: Task<Result<RepoIndex, ChartSourceError>, Never>] = [:]
    var ociTasks: [OCIKey: Task<Result<OCIResolution, ChartSourceError>, Never>] = [:]
    var archiveTasks: [String: Task<Result<ArchiveResult, ChartSourceError>, Never>] = [:]
    public internal(set) var statistics = Statistics()

    /// `now` is injectable so tests can step past `indexFreshness` without waiting.
    public init(
        cache: ChartCache, configuration: Configuration = Configuration(),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.cache = cache
        self.configuration = configuration
        self.workers = BlockingWorkers(threads: configuration.threads)
        self.now = now
    }

    /// Resolves and downloads (or takes from the cache) the chart `request` names.
    public func fetch(_ request: ChartFetchRequest) async throws(ChartSourceError) -> FetchedChart {
        let pin: String?
        if let digest = request.digest, !digest.isEmpty {
            let plain = ChartRepository.plainDigest(digest)
            guard OCIReference.isDigest("sha256:" + plain) else {
                throw .invalidDigest(reference: request.displayName, digest: digest)
            }
            pin = plain
        } else {
            pin = nil
        }
        switch request.source {
        case .repository(let url, let name, let version):
            return try await fetchFromRepository(url: url, name: name, constraint: version, pin: pin, request: request)
        case .oci(let reference, let version):
            return try await fetchFromRegistry(reference: reference, constraint: version, pin: pin, request: request)
        case .packaged(let archive, let origin):
            return try await fetchPackaged(archive, origin: origin, pin: pin)
        }
    }

    /// Drops the in-memory indexes, so the next fetch of each asks its repository again.
    public func forgetIndexes() { indexes.removeAll() }

    var exchange: HTTPExchange {
        var e = HTTPExchange()
        e.connectTimeout = configuration.connectTimeout
        e.timeout = configuration.timeout
        e.maxBytes = configuration.maxBytes
        return e
    }

    // MARK: - Coalesced archive downloads

    struct ArchiveResult: Sendable {
        var bytes: [UInt8]
        var fromCache: Bool
    }

    /// The archive whose SHA-256 is `hex` (from the cache, or by `download`); concurrent
    /// callers with the same digest share one download. `download` must verify the digest.
    func archive(
        digest hex: String, download: @escaping @Sendable () -> Result<[UInt8], ChartSourceError>
    ) async -> Result<ArchiveResult, ChartSourceError> {
        if let running = archiveTasks[hex] {
            statistics.coalesced += 1
            return await running.value
        }
        let cache = self.cache
        let workers = self.workers
        let task = Task<Result<ArchiveResult, ChartSourceError>, Never> {
            await workers.run {
                if let cached = cache.archive(digest: hex) { return .success(ArchiveResult(bytes: cached, fromCache: true)) }
                switch download() {
                case .failure(let e): return .failure(e)
                case .success(let bytes):
                    do throws(LocalFileError) { try cache.storeArchive(bytes) } catch { return .failure(.file(error)) }
                    return .success(ArchiveResult(bytes: bytes, fromCache: false))
                }
            }
        }
        archiveTasks[hex] = task
        let result = await task.value
        archiveTasks[hex] = nil
        if case .success(let r) = result {
            if r.fromCache { statistics.archiveCacheHits += 1 } else { statistics.archiveDownloads += 1 }
        }
        return result
    }

    /// A packaged chart: checked against the pin, loaded (it must be a chart), cached.
    private func fetchPackaged(_ archive: [UInt8], origin: String, pin: String?) async throws(ChartSourceError) -> FetchedChart {
        let actual = RepoIndex.digest(of: archive)
        if let pin, pin != actual {
            throw .digestPinMismatch(reference: origin, pinned: "sha256:" + pin, actual: "sha256:" + actual)
        }
        let cache = self.cache
        let result: Result<RepoChartVersion, ChartSourceError> = await workers.run {
            let version: RepoChartVersion
            switch Self.chartVersion(of: archive, digest: actual, url: origin, reference: origin) {
            case .failure(let e): return .failure(e)
            case .success(let v): version = v
            }
            do throws(LocalFileError) { try cache.storeArchive(archive) } catch { return .failure(.file(error)) }
            return .success(version)
        }
        let version = try result.get()
        return FetchedChart(
            bytes: archive, url: origin, digest: actual, fileName: "\(version.name)-\(version.version).tgz", version: version)
    }

    /// An index entry made from an archive's own Chart.yaml (OCI and packaged charts have
    /// no index); loading it also proves the bytes are a chart.
    static func chartVersion(of archive: [UInt8], digest: String, url: String, reference: String) -> Result<RepoChartVersion, ChartSourceError> {
        do {
            let chart = try ChartLoader.loadArchive(archive, name: reference)
            return .success(RepoChartVersion(metadata: chart.metadata, urls: [url], digest: digest))
        } catch {
            return .failure(.invalidArchive(source: reference, reason: "\(error)"))
        }
    }
}
