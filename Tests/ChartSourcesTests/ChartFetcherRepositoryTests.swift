import ChartSources
import Charts
import Foundation
import XCTest

/// `ChartFetcher` on HTTP(S) repositories: charts packaged by real Helm, the index
/// written by Rudder's `RepoIndex`, served by `python3 -m http.server`.
final class ChartFetcherRepositoryTests: XCTestCase {
    var repo: TemporaryDirectory!
    var cacheDir: TemporaryDirectory!
    var server: LocalHTTPServer?
    let clock = TestClock()

    override func setUpWithError() throws {
        repo = try TemporaryDirectory()
        cacheDir = try TemporaryDirectory()
        try RepositoryFixture.make(in: repo.path, charts: [("alpha", "0.1.0"), ("alpha", "0.2.0"), ("beta", "1.0.0")])
        // Rudder's own index (`rudder repo index`) replaces the one Helm wrote.
        var index = try RepoIndex.indexDirectory(repo.path, baseURL: "")
        index.sortEntries()
        try RepoIndexFile.write(index, to: repo.path + "/index.yaml")
        server = try LocalHTTPServer(serving: repo.path)
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    func makeFetcher(freshness: Duration = .seconds(300)) -> ChartFetcher {
        var configuration = ChartFetcher.Configuration()
        configuration.indexFreshness = freshness
        let clock = self.clock
        return ChartFetcher(cache: ChartCache(root: cacheDir.path), configuration: configuration, now: { clock.now })
    }

    func request(_ name: String, _ version: String = "", digest: String? = nil, credentials: ChartSourceCredentials = .anonymous) -> ChartFetchRequest {
        ChartFetchRequest(repository: server!.url, name: name, version: version, digest: digest, credentials: credentials)
    }

    func indexDigest(_ name: String, _ version: String) throws -> String {
        try RepoIndexFile.load(repo.path + "/index.yaml").version(of: name, matching: version).digest
    }

    func testFetchResolvesTheConstraintAgainstTheIndex() async throws {
        let fetched = try await makeFetcher().fetch(request("alpha", "~0.1"))
        XCTAssertEqual(fetched.version.version, "0.1.0")
        XCTAssertEqual(Data(fetched.bytes), repo.read("alpha-0.1.0.tgz"))
        XCTAssertEqual(fetched.digest, try indexDigest("alpha", "0.1.0"))
        XCTAssertEqual(fetched.url, server!.url + "/alpha-0.1.0.tgz")
    }

    func testFreshIndexAndCachedArchiveNeedNoNetwork() async throws {
        let fetcher = makeFetcher()
        _ = try await fetcher.fetch(request("alpha"))
        server?.stop()
        let again = try await fetcher.fetch(request("alpha"))
        XCTAssertTrue(again.fromCache)
        XCTAssertEqual(again.version.version, "0.2.0")
        let stats = await fetcher.statistics
        XCTAssertEqual(stats.indexDownloads, 1)
    }

    func testStaleIndexIsAskedForAgain() async throws {
        let fetcher = makeFetcher(freshness: .seconds(60))
        _ = try await fetcher.fetch(request("alpha"))
        server?.stop()
        clock.advance(by: .seconds(61))
        do throws(ChartSourceError) {
            _ = try await fetcher.fetch(request("alpha"))
            XCTFail("a stale index was used without asking the repository")
        } catch {
            guard case .repositoryUnreachable = error else { return XCTFail("\(error)") }
        }
    }

    func testStaleIndexIsRevalidatedWithoutDownloadingItAgain() async throws {
        let fetcher = makeFetcher(freshness: .zero)
        _ = try await fetcher.fetch(request("alpha"))
        _ = try await fetcher.fetch(request("beta"))
        let stats = await fetcher.statistics
        XCTAssertEqual(stats.indexDownloads, 1)
        XCTAssertEqual(stats.indexNotModified, 1)
    }

    func testConcurrentFetchesShareTheIndexAndTheArchive() async throws {
        let fetcher = makeFetcher()
        let req = request("alpha", "0.2.0")
        let count = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await fetcher.fetch(req).bytes.count } }
            return try await group.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        }
        XCTAssertEqual(count, 8)
        let stats = await fetcher.statistics
        XCTAssertEqual(stats.indexDownloads, 1)
        XCTAssertEqual(stats.archiveDownloads, 1)
    }

    func testMatchingDigestPinIsAccepted() async throws {
        let digest = try indexDigest("beta", "1.0.0")
        let fetched = try await makeFetcher().fetch(request("beta", digest: "sha256:" + digest))
        XCTAssertEqual(fetched.digest, digest)
    }

    func testDigestPinTheIndexContradictsFailsBeforeDownloading() async throws {
        let fetcher = makeFetcher()
        let wrong = "sha256:" + String(repeating: "a", count: 64)
        do throws(ChartSourceError) {
            _ = try await fetcher.fetch(request("beta", digest: wrong))
            XCTFail("a wrong pin was accepted")
        } catch {
            guard case .digestPinMismatch(_, let pinned, let actual) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(pinned, wrong)
            XCTAssertEqual(actual, "sha256:" + (try indexDigest("beta", "1.0.0")))
        }
        let stats = await fetcher.statistics
        XCTAssertEqual(stats.archiveDownloads, 0)
    }

    func testMalformedDigestPinIsRefused() async throws {
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(request("beta", digest: "sha256:xyz"))
            XCTFail("a malformed pin was accepted")
        } catch {
            guard case .invalidDigest(_, let digest) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(digest, "sha256:xyz")
        }
    }

    func testUnknownChartNamesTheRepository() async throws {
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(request("gamma"))
            XCTFail("an unknown chart was fetched")
        } catch {
            guard case .chartNotFound(let name, let repository, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "gamma")
            XCTAssertEqual(repository, server!.url)
        }
    }

    func testBasicAuthRepositoryWithGoodCredentials() async throws {
        server?.stop()
        server = try LocalHTTPServer(serving: repo.path, username: "reader", password: "pa55-word")
        let fetched = try await makeFetcher().fetch(
            request("alpha", "0.1.0", credentials: ChartSourceCredentials(username: "reader", password: "pa55-word")))
        XCTAssertEqual(Data(fetched.bytes), repo.read("alpha-0.1.0.tgz"))
    }

    func testBasicAuthRepositoryWithBadCredentialsFailsWithout401Leaks() async throws {
        server?.stop()
        server = try LocalHTTPServer(serving: repo.path, username: "reader", password: "pa55-word")
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(request("alpha", credentials: ChartSourceCredentials(username: "reader", password: "guess")))
            XCTFail("bad credentials were accepted")
        } catch {
            guard case .repositoryUnreachable(_, .status(_, let code, _)) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 401)
            XCTAssertFalse(error.description.contains("guess"), error.description)
        }
    }

    func testIndexesAreKeptApartByCredentials() async throws {
        server?.stop()
        server = try LocalHTTPServer(serving: repo.path, username: "reader", password: "pa55-word")
        let fetcher = makeFetcher()
        _ = try await fetcher.fetch(request("alpha", credentials: ChartSourceCredentials(username: "reader", password: "pa55-word")))
        do throws(ChartSourceError) {
            _ = try await fetcher.fetch(request("alpha"))
            XCTFail("an index fetched with credentials served a request without them")
        } catch {
            guard case .repositoryUnreachable = error else { return XCTFail("\(error)") }
        }
    }
}

/// Packaged charts (a `.tgz` from a ConfigMap or Secret) through the same fetcher.
final class ChartFetcherPackagedTests: XCTestCase {
    func archive() throws -> (bytes: [UInt8], cache: TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        try RepositoryFixture.make(in: dir.path, charts: [("packed", "3.1.4")])
        return (Array(dir.read("packed-3.1.4.tgz") ?? Data()), dir)
    }

    func testPackagedChartIsReadAndCached() async throws {
        let (bytes, dir) = try archive()
        let fetcher = ChartFetcher(cache: ChartCache(root: dir.path + "/cache"))
        let fetched = try await fetcher.fetch(ChartFetchRequest(source: .packaged(archive: bytes, origin: "configmap/apps/charts#packed.tgz")))
        XCTAssertEqual(fetched.version.name, "packed")
        XCTAssertEqual(fetched.version.version, "3.1.4")
        XCTAssertEqual(fetched.fileName, "packed-3.1.4.tgz")
        XCTAssertEqual(ChartCache(root: dir.path + "/cache").archive(digest: fetched.digest), bytes)
    }

    func testPackagedChartPinMismatchNamesTheOrigin() async throws {
        let (bytes, dir) = try archive()
        let fetcher = ChartFetcher(cache: ChartCache(root: dir.path + "/cache"))
        do throws(ChartSourceError) {
            _ = try await fetcher.fetch(
                ChartFetchRequest(source: .packaged(archive: bytes, origin: "secret/apps/c#x.tgz"), digest: "sha256:" + String(repeating: "b", count: 64)))
            XCTFail("a wrong pin was accepted")
        } catch {
            guard case .digestPinMismatch(let origin, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(origin, "secret/apps/c#x.tgz")
        }
    }

    func testBytesThatAreNotAChartAreRefused() async throws {
        let dir = try TemporaryDirectory()
        let fetcher = ChartFetcher(cache: ChartCache(root: dir.path))
        do throws(ChartSourceError) {
            _ = try await fetcher.fetch(ChartFetchRequest(source: .packaged(archive: Array("not a tarball".utf8), origin: "configmap/a/b#c")))
            XCTFail("garbage was accepted as a chart")
        } catch {
            guard case .invalidArchive(let origin, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(origin, "configmap/a/b#c")
        }
    }
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: Duration = .zero
    private let start = ContinuousClock.now

    var now: ContinuousClock.Instant { lock.withLock { start + offset } }
    func advance(by d: Duration) { lock.withLock { offset += d } }
}
