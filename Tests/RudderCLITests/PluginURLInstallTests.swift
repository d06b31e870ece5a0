import EmbeddedAPIServer
import Foundation
import XCTest

@testable import rudder

/// `rudder plugin install URL`: an archive served over HTTP (by `rudder dev`'s static file
/// server) is downloaded with ChartSources' getter; a page that is no archive is refused.
final class PluginURLInstallTests: XCTestCase {
    func testInstallFromAnHTTPURLAndRefuseANonArchive() async throws {
        let support = try PluginTestBed()
        defer { support.remove() }
        let served = support.root.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try support.makeArchive(of: try support.makePlugin(), at: served.appendingPathComponent("echo-0.1.0.tgz"))
        try "<html>a repository page</html>".write(to: served.appendingPathComponent("page"), atomically: true, encoding: .utf8)

        let server = HTTPServer(handler: StaticFilesHandler(root: served))
        let (bound, announce) = AsyncStream<Int>.makeStream()
        let serving = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { announce.finish() }
            try await server.run { announce.yield($0) }
        }
        defer { serving.cancel() }
        var ports = bound.makeAsyncIterator()
        let next = await ports.next()
        let port = try XCTUnwrap(next)

        // The CLI blocks while it runs: off the cooperative pool, which serves the files.
        func install(_ url: String) async throws -> PluginTestBed.Run {
            try await withCheckedThrowingContinuation { done in
                Thread.detachNewThread {
                    done.resume(with: Result { try support.run(["plugin", "install", url]) })
                }
            }
        }
        let installed = try await install("http://127.0.0.1:\(port)/echo-0.1.0.tgz")
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertEqual(installed.stdout, "Installed plugin: echo\n")
        XCTAssertEqual(
            try String(contentsOfFile: support.home.path + "/echo/" + PluginInstaller.sourceRecord, encoding: .utf8),
            "http://127.0.0.1:\(port)/echo-0.1.0.tgz\n")

        let refused = try await install("http://127.0.0.1:\(port)/page")
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("is not a gzip-compressed tar archive"), refused.stderr)
    }
}
