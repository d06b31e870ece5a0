import ChartSources
import Charts
import Foundation
import XCTest

/// `ChartFetcher` against a real registry (Debian's docker-registry on loopback) holding
/// charts pushed by real Helm (helm-python-sdk).
final class ChartFetcherOCITests: XCTestCase {
    var registry: LocalRegistry!
    var cacheDir: TemporaryDirectory!
    var pushed: [String: Data] = [:]

    override func setUpWithError() throws {
        registry = try LocalRegistry()
        cacheDir = try TemporaryDirectory()
        for version in ["1.0.0", "1.2.0", "2.0.0", "2.1.0-rc.1", "1.3.0+build.7"] {
            pushed[version] = try registry.push("demo", version, values: "v: \"\(version)\"")
        }
    }

    override func tearDown() {
        registry?.stop()
        registry = nil
    }

    func makeFetcher() -> ChartFetcher { ChartFetcher(cache: ChartCache(root: cacheDir.path)) }

    func request(_ version: String, name: String = "demo", digest: String? = nil) -> ChartFetchRequest {
        ChartFetchRequest(repository: registry.chartsURL, name: name, version: version, digest: digest, plainHTTP: true)
    }

    func testFetchByExactVersionReturnsTheArchiveHelmPushed() async throws {
        let fetched = try await makeFetcher().fetch(request("1.2.0"))
        XCTAssertEqual(fetched.version.version, "1.2.0")
        XCTAssertEqual(fetched.version.name, "demo")
        XCTAssertEqual(Data(fetched.bytes), pushed["1.2.0"])
        XCTAssertEqual(fetched.url, "\(registry.chartsURL)/demo:1.2.0")
        XCTAssertEqual(fetched.manifestDigest, try registry.manifestDigest("demo", tag: "1.2.0"))
    }

    func testFetchByConstraintPicksTheHighestMatchingTag() async throws {
        let fetched = try await makeFetcher().fetch(request(">=1.0.0 <2.0.0"))
        XCTAssertEqual(fetched.version.version, "1.3.0+build.7")
    }

    func testEmptyVersionPicksTheNewestStableTag() async throws {
        let fetched = try await makeFetcher().fetch(request(""))
        XCTAssertEqual(fetched.version.version, "2.0.0")
    }

    func testBuildMetadataVersionIsPulledFromHelmsUnderscoreTag() async throws {
        let fetched = try await makeFetcher().fetch(request("1.3.0+build.7"))
        XCTAssertEqual(fetched.url, "\(registry.chartsURL)/demo:1.3.0_build.7")
        XCTAssertEqual(Data(fetched.bytes), pushed["1.3.0+build.7"])
    }

    func testTheArchiveIsWhatHelmPullDownloads() async throws {
        let fetched = try await makeFetcher().fetch(request("~1.0"))
        let out = try TemporaryDirectory()
        try HelmPython.run("""
            \(registry.helmClient)
                c.pull(\(pyString(registry.chartsURL + "/demo")), version='1.0.0', destination=\(pyString(out.path)), plain_http=True)
            """)
        XCTAssertEqual(Data(fetched.bytes), out.read("demo-1.0.0.tgz"))
    }

    func testMatchingDigestPinIsAccepted() async throws {
        let digest = try registry.manifestDigest("demo", tag: "2.0.0")
        let fetched = try await makeFetcher().fetch(request("2.0.0", digest: digest))
        XCTAssertEqual(fetched.manifestDigest, digest)
    }

    func testReferenceWithDigestIsPulledByDigest() async throws {
        let digest = try registry.manifestDigest("demo", tag: "1.0.0")
        let req = ChartFetchRequest(source: .oci(reference: "\(registry.chartsURL)/demo@\(digest)", version: ""), plainHTTP: true)
        let fetched = try await makeFetcher().fetch(req)
        XCTAssertEqual(fetched.version.version, "1.0.0")
    }

    func testMismatchedDigestPinFailsNamingBothDigests() async throws {
        let wrong = "sha256:" + String(repeating: "0", count: 64)
        let actual = try registry.manifestDigest("demo", tag: "2.0.0")
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(request("2.0.0", digest: wrong))
            XCTFail("a wrong pin was accepted")
        } catch {
            guard case .digestPinMismatch(let reference, let pinned, let got) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reference, "\(registry.chartsURL)/demo:2.0.0")
            XCTAssertEqual(pinned, wrong)
            XCTAssertEqual(got, actual)
            XCTAssertTrue(error.description.contains(wrong), error.description)
        }
    }

    func testUnknownChartFailsNamingTheReference() async throws {
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(request("1.0.0", name: "nosuchchart"))
            XCTFail("an unknown chart was fetched")
        } catch {
            guard case .ociNotFound(let reference, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reference, "\(registry.chartsURL)/nosuchchart")
            XCTAssertTrue(error.description.contains("\(registry.chartsURL)/nosuchchart"), error.description)
        }
    }

    func testUnknownTagFailsNamingTheReference() async throws {
        let req = ChartFetchRequest(source: .oci(reference: "\(registry.chartsURL)/demo:9.9.9", version: ""), plainHTTP: true)
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(req)
            XCTFail("an unknown tag was fetched")
        } catch {
            guard case .ociNotFound(let reference, let what) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reference, "\(registry.chartsURL)/demo:9.9.9")
            XCTAssertTrue(what.contains("9.9.9"), what)
        }
    }

    func testConstraintWithoutMatchingTagFailsListingTheTags() async throws {
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(request(">=3.0.0"))
            XCTFail("no tag should match")
        } catch {
            guard case .noMatchingVersion(let reference, let constraint, let available) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reference, "\(registry.chartsURL)/demo")
            XCTAssertEqual(constraint, ">=3.0.0")
            XCTAssertEqual(available.first, "2.1.0-rc.1")
        }
    }

    func testUnreachableRegistryFailsWithTransportError() async throws {
        let port = try LocalRegistry.freePort()  // nothing listens there
        let req = ChartFetchRequest(repository: "oci://127.0.0.1:\(port)/charts", name: "demo", version: "1.0.0", plainHTTP: true)
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(req)
            XCTFail("fetched from nowhere")
        } catch {
            guard case .registryUnreachable(let reference, let underlying) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reference, "oci://127.0.0.1:\(port)/charts/demo")
            guard case .transport = underlying else { return XCTFail("\(underlying)") }
        }
    }

    func testSecondFetchIsServedFromTheCache() async throws {
        let fetcher = makeFetcher()
        let first = try await fetcher.fetch(request("1.0.0"))
        let second = try await fetcher.fetch(request("1.0.0"))
        XCTAssertFalse(first.fromCache)
        XCTAssertTrue(second.fromCache)
        XCTAssertEqual(first.bytes, second.bytes)
        let stats = await fetcher.statistics
        XCTAssertEqual(stats.archiveDownloads, 1)
        XCTAssertEqual(stats.archiveCacheHits, 1)
    }

    func testConcurrentFetchesOfTheSameChartShareOneDownload() async throws {
        let fetcher = makeFetcher()
        let req = request("1.2.0")
        let digests = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await fetcher.fetch(req).digest } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        XCTAssertEqual(Set(digests).count, 1)
        let stats = await fetcher.statistics
        XCTAssertEqual(stats.archiveDownloads, 1)
        XCTAssertEqual(stats.archiveDownloads + stats.archiveCacheHits + stats.coalesced >= 8, true)
    }

    func testPlainHTTPMustBeAskedFor() async throws {
        var req = request("1.0.0")
        req.plainHTTP = false
        do throws(ChartSourceError) {
            _ = try await makeFetcher().fetch(req)
            XCTFail("https to a plain-http registry succeeded")
        } catch {
            guard case .registryUnreachable = error else { return XCTFail("\(error)") }
        }
    }
}

/// Basic and token authentication against real registries.
final class ChartFetcherOCIAuthTests: XCTestCase {
    var cacheDir: TemporaryDirectory!
    /// Stopped in `tearDown`, on the main thread: `Process.waitUntilExit` from an async
    /// test's task can wait forever for a termination that is delivered on the main thread.
    var registries: [LocalRegistry] = []

    override func setUpWithError() throws { cacheDir = try TemporaryDirectory() }

    override func tearDown() {
        for r in registries { r.stop() }
        registries = []
    }

    func start(_ auth: LocalRegistry.Auth) throws -> LocalRegistry {
        let r = try LocalRegistry(auth: auth)
        registries.append(r)
        return r
    }

    func fetch(_ registry: LocalRegistry, _ credentials: ChartSourceCredentials) async throws(ChartSourceError) -> FetchedChart {
        let fetcher = ChartFetcher(cache: ChartCache(root: cacheDir.path))
        return try await fetcher.fetch(
            ChartFetchRequest(repository: registry.chartsURL, name: "secret", version: "0.1.0", credentials: credentials, plainHTTP: true))
    }

    func testBasicAuthWithGoodCredentials() async throws {
        let registry = try start( .basic(username: "robot", password: "s3cret-pw"))
        let archive = try registry.push("secret", "0.1.0")
        let fetched = try await fetch(registry, ChartSourceCredentials(username: "robot", password: "s3cret-pw"))
        XCTAssertEqual(Data(fetched.bytes), archive)
    }

    func testBasicAuthWithBadPasswordIsRefusedWithoutEchoingIt() async throws {
        let registry = try start( .basic(username: "robot", password: "s3cret-pw"))
        try registry.push("secret", "0.1.0")
        do throws(ChartSourceError) {
            _ = try await fetch(registry, ChartSourceCredentials(username: "robot", password: "wrong-pw"))
            XCTFail("a wrong password was accepted")
        } catch {
            guard case .unauthorized(_, let host, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(host, registry.host)
            XCTAssertFalse(error.description.contains("wrong-pw"), error.description)
        }
    }

    func testBasicAuthRegistryWithoutCredentialsSaysCredentialsAreNeeded() async throws {
        let registry = try start( .basic(username: "robot", password: "s3cret-pw"))
        do throws(ChartSourceError) {
            _ = try await fetch(registry, .anonymous)
            XCTFail("an anonymous pull was accepted")
        } catch {
            guard case .unauthorized(_, _, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("none were given"), reason)
        }
    }

    func testTokenAuthGetsABearerTokenFromTheRealm() async throws {
        let registry = try start( .token(username: "robot", password: "t0ken-pw"))
        let archive = try registry.push("secret", "0.1.0")
        let fetched = try await fetch(registry, ChartSourceCredentials(username: "robot", password: "t0ken-pw"))
        XCTAssertEqual(Data(fetched.bytes), archive)
    }

    func testTokenAuthWithBadPasswordIsRefused() async throws {
        let registry = try start( .token(username: "robot", password: "t0ken-pw"))
        try registry.push("secret", "0.1.0")
        do throws(ChartSourceError) {
            _ = try await fetch(registry, ChartSourceCredentials(username: "robot", password: "nope"))
            XCTFail("a wrong password was accepted")
        } catch {
            guard case .unauthorized(_, _, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("token service"), reason)
            XCTAssertFalse(error.description.contains("nope"), error.description)
        }
    }
}
