import ChartSources
import Charts
import Foundation
import XCTest

final class ChartRepositoryTests: XCTestCase {
    var repo: TemporaryDirectory!
    var cacheDir: TemporaryDirectory!
    var server: LocalHTTPServer?

    override func setUpWithError() throws {
        repo = try TemporaryDirectory()
        cacheDir = try TemporaryDirectory()
        try RepositoryFixture.make(in: repo.path, charts: [("alpha", "0.1.0"), ("alpha", "0.2.0"), ("alpha", "1.0.0-rc.1")])
        server = try LocalHTTPServer(serving: repo.path)
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    var repository: ChartRepository { ChartRepository(url: server!.url, cache: ChartCache(root: cacheDir.path)) }

    func testFetchPicksTheNewestStableVersionAndMatchesTheArchiveBytes() throws {
        let fetched = try repository.fetch("alpha")
        XCTAssertEqual(fetched.version.version, "0.2.0")
        XCTAssertEqual(fetched.fileName, "alpha-0.2.0.tgz")
        XCTAssertEqual(fetched.url, server!.url + "/alpha-0.2.0.tgz")
        XCTAssertEqual(Data(fetched.bytes), repo.read("alpha-0.2.0.tgz"))
    }

    func testFetchHonoursTheConstraint() throws {
        XCTAssertEqual(try repository.fetch("alpha", constraint: "~0.1").version.version, "0.1.0")
        XCTAssertEqual(try repository.fetch("alpha", constraint: ">=1.0.0-0").version.version, "1.0.0-rc.1")
    }

    func testFetchAgreesWithHelmPull() throws {
        let out = try TemporaryDirectory()
        try HelmPython.run("h.pull('alpha', repo_url='\(server!.url)', version='<0.2.0', destination='\(out.path)')")
        let fetched = try repository.fetch("alpha", constraint: "<0.2.0")
        XCTAssertEqual(out.list("."), [fetched.fileName])
        XCTAssertEqual(out.read(fetched.fileName), Data(fetched.bytes))
    }

    func testAnUnknownChartIsChartNotFound() {
        XCTAssertThrowsError(try repository.fetch("nope")) { error in
            guard case .chartNotFound(let name, _, _) = error as? ChartSourceError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "nope")
        }
    }

    func testAMissingIndexIsReportedAsHelmReportsIt() throws {
        let r = ChartRepository(url: server!.url + "/nowhere", cache: ChartCache(root: cacheDir.path))
        XCTAssertThrowsError(try r.refreshIndex()) { error in
            XCTAssertTrue(
                "\(error)".hasPrefix("looks like \"\(server!.url)/nowhere\" is not a valid chart repository or cannot be reached: failed to fetch \(server!.url)/nowhere/index.yaml : 404"),
                "\(error)")
        }
    }

    func testADigestMismatchIsRefused() throws {
        // Serve a different archive under the name the index vouches for.
        try FileManager.default.removeItem(atPath: repo.path + "/alpha-0.2.0.tgz")
        try FileManager.default.copyItem(atPath: repo.path + "/alpha-0.1.0.tgz", toPath: repo.path + "/alpha-0.2.0.tgz")
        XCTAssertThrowsError(try repository.fetch("alpha")) { error in
            guard case .digestMismatch(let url, _, _) = error as? ChartSourceError else { return XCTFail("\(error)") }
            XCTAssertEqual(url, server!.url + "/alpha-0.2.0.tgz")
        }
    }

    func testACachedArchiveIsServedWithoutTheNetwork() throws {
        let first = try repository.fetch("alpha")
        let r = repository
        server!.stop()
        let again = try r.fetch("alpha", refresh: false)
        XCTAssertEqual(again.bytes, first.bytes)
        XCTAssertNotNil(ChartCache(root: cacheDir.path).archive(digest: first.digest))
    }

    func testTheCacheLocationFollowsTheEnvironment() {
        XCTAssertEqual(ChartCache.defaultRoot(environment: ["RUDDER_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x"].get), "/c")
        XCTAssertEqual(ChartCache.defaultRoot(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"].get), "/x/rudder")
        XCTAssertEqual(ChartCache.defaultRoot(environment: ["HOME": "/h"].get), "/h/.cache/rudder")
    }
}

extension Dictionary where Key == String, Value == String {
    func get(_ key: String) -> String? { self[key] }
}
