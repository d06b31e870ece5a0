import Charts
import Values

/// HTTP(S) repositories: index.yaml (fresh for `indexFreshness`, then revalidated),
/// Helm's version resolution, and the archive checked against the index's digest.
extension ChartFetcher {
    func fetchFromRepository(
        url: String, name: String, constraint: String, pin: String?, request: ChartFetchRequest
    ) async throws(ChartSourceError) -> FetchedChart {
        let repository = ChartRepository(url: url, cache: cache)
        let index = try await index(url: url, credentials: request.credentials).get()
        let version = try repository.resolve(name, constraint: constraint, in: index)
        guard let downloadURL = repository.downloadURL(for: version) else {
            throw .chartNotFound(name: name, repository: repository.displayURL, underlying: .noChartVersion(name: name, constraint: constraint))
        }
        let shown = ChartURL(downloadURL)?.redacted ?? downloadURL
        let promised = ChartRepository.plainDigest(version.digest)
        // The index already says what the archive's digest is: a pin it contradicts
        // fails before anything is downloaded.
        if let pin, !promised.isEmpty, pin != promised {
            throw .digestPinMismatch(reference: shown, pinned: "sha256:" + pin, actual: "sha256:" + promised)
        }
        let exchange = self.exchange
        let credentials = request.credentials
        let download: @Sendable () -> Result<[UInt8], ChartSourceError> = {
            var headers: [(String, String)] = []
            if let auth = Self.basicAuthorization(credentials, repositoryURL: url, requestURL: downloadURL) {
                headers.append(("Authorization", auth))
            }
            var e = exchange
            e.credentials = credentials
            let response: HTTPExchange.Response
            do throws(HTTPGetterError) { response = try e.get(downloadURL, headers: headers) } catch { return .failure(.download(url: shown, underlying: error)) }
            guard response.status < 400 else {
                return .failure(.download(url: shown, underlying: .status(url: shown, code: response.status, status: Self.statusText(response.status))))
            }
            let actual = RepoIndex.digest(of: response.body)
            if !promised.isEmpty, actual != promised {
                return .failure(.digestMismatch(url: shown, expected: promised, actual: actual))
            }
            if let pin, actual != pin {
                return .failure(.digestPinMismatch(reference: shown, pinned: "sha256:" + pin, actual: "sha256:" + actual))
            }
            return .success(response.body)
        }
        let result: ArchiveResult
        if let key = promised.isEmpty ? pin : promised {
            result = try await archive(digest: key, download: download).get()
        } else {
            // No digest known before downloading: nothing to look up or coalesce on.
            let bytes = try await workers.run(download).get()
            do { try cache.storeArchive(bytes) } catch { throw .file(error) }
            statistics.archiveDownloads += 1
            result = ArchiveResult(bytes: bytes, fromCache: false)
        }
        let fileName = LocalFiles.baseName(ChartURL(downloadURL)?.path ?? downloadURL)
        return FetchedChart(
            bytes: result.bytes, url: downloadURL, digest: RepoIndex.digest(of: result.bytes), fileName: fileName,
            version: version, fromCache: result.fromCache)
    }

    /// The repository's index: the in-memory one while fresh, else fetched (or
    /// revalidated); concurrent callers share one request.
    func index(url: String, credentials: ChartSourceCredentials) async -> Result<RepoIndex, ChartSourceError> {
        let key = IndexKey(url: ChartCache.normalizedRepositoryURL(url), credentials: credentials)
        let previous = indexes[key]
        if let previous, now() - previous.fetchedAt < configuration.indexFreshness { return .success(previous.index) }
        if let running = indexTasks[key] {
            statistics.coalesced += 1
            return await running.value
        }
        let task = Task { await self.downloadIndex(url: url, key: key, previous: previous) }
        indexTasks[key] = task
        let result = await task.value
        indexTasks[key] = nil
        return result
    }

    private func downloadIndex(url: String, key: IndexKey, previous: CachedIndex?) async -> Result<RepoIndex, ChartSourceError> {
        let repository = ChartRepository(url: url, cache: cache)
        let indexURL = repository.indexURL
        let shown = repository.displayURL
        var configured = self.exchange
        configured.credentials = key.credentials
        let exchange = configured
        var headers: [(String, String)] = []
        if let auth = Self.basicAuthorization(key.credentials, repositoryURL: url, requestURL: indexURL) { headers.append(("Authorization", auth)) }
        if let etag = previous?.etag { headers.append(("If-None-Match", etag)) }
        if let modified = previous?.lastModified { headers.append(("If-Modified-Since", modified)) }
        let cache = self.cache
        let sent = headers
        let outcome: Result<(HTTPExchange.Response, RepoIndex?), ChartSourceError> = await workers.run {
            let response: HTTPExchange.Response
            do throws(HTTPGetterError) { response = try exchange.get(indexURL, headers: sent) } catch {
                return .failure(.repositoryUnreachable(url: shown, underlying: error))
            }
            if response.status == 304 { return .success((response, nil)) }
            guard response.status < 400 else {
                let status = HTTPGetterError.status(url: ChartURL(indexURL)?.redacted ?? indexURL, code: response.status, status: Self.statusText(response.status))
                return .failure(.repositoryUnreachable(url: shown, underlying: status))
            }
            let index: RepoIndex
            do throws(RepoIndexError) { index = try RepoIndex.decode(response.body, source: shown) } catch {
                return .failure(.invalidIndex(url: shown, underlying: error))
            }
            // Kept on disk too, for `rudder` commands that read the cache offline.
            try? cache.storeIndex(response.body, forRepository: url)
            return .success((response, index))
        }
        switch outcome {
        case .failure(let e): return .failure(e)
        case .success(let (response, fresh)):
            if fresh == nil, var kept = previous {
                statistics.indexNotModified += 1
                kept.fetchedAt = now()
                indexes[key] = kept
                return .success(kept.index)
            }
            guard let fresh else { return .failure(.repositoryUnreachable(url: shown, underlying: .status(url: shown, code: 304, status: "304 Not Modified"))) }
            statistics.indexDownloads += 1
            indexes[key] = CachedIndex(
                index: fresh, fetchedAt: now(), etag: response.header("etag"), lastModified: response.header("last-modified"))
            return .success(fresh)
        }
    }

    /// Basic credentials for `requestURL` when they may go there: the repository's own
    /// origin, or anywhere with `passCredentialsAll` (Helm's rule).
    static func basicAuthorization(_ credentials: ChartSourceCredentials, repositoryURL: String, requestURL: String) -> String? {
        guard credentials.hasBasicAuth else { return nil }
        if !credentials.passCredentialsAll {
            guard let a = ChartURL(repositoryURL), let b = ChartURL(requestURL), a.sameOrigin(as: b) else { return nil }
        }
        var out: [UInt8] = []
        StdBase64.appendEncoded(Array("\(credentials.username):\(credentials.password)".utf8), to: &out)
        return "Basic " + String(decoding: out, as: UTF8.self)
    }

    static func statusText(_ code: Int) -> String {
        let phrase = HTTPGetter.reasonPhrase(code)
        return phrase.isEmpty ? "\(code)" : "\(code) \(phrase)"
    }
}
