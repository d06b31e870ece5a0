import EmbeddedAPIServer
import KubeObjects
import XCTest

/// The access log records each answered request (method, path, query, status, client),
/// so request sequences can be asserted, and never a body.
final class AccessLogTests: XCTestCase {
    actor Entries {
        var all: [AccessLogEntry] = []
        func add(_ e: AccessLogEntry) { all.append(e) }
    }

    func testEveryAnsweredRequestIsLoggedWithoutItsBody() async throws {
        let entries = Entries()
        var configuration = APIServer.Configuration()
        configuration.workloadSimulator = nil
        configuration.accessLog = { e in Task { await entries.add(e) } }
        let server = APIServer(configuration: configuration)
        let ports = AsyncStream<Int>.makeStream()
        let task = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { ports.continuation.finish() }
            try await server.run { port in ports.continuation.yield(port) }
        }
        defer { task.cancel() }
        var it = ports.stream.makeAsyncIterator()
        let bound = await it.next()
        let port = try XCTUnwrap(bound)
        _ = try await RawHTTP.get(port: port, path: "/api/v1/namespaces/default/secrets/missing?limit=5", retryFor: .seconds(5))
        var logged: [AccessLogEntry] = []
        for _ in 0..<500 where logged.isEmpty {
            logged = await entries.all
            if logged.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        }
        let entry = try XCTUnwrap(logged.first)
        XCTAssertEqual(entry.method, "GET")
        XCTAssertEqual(entry.path, "/api/v1/namespaces/default/secrets/missing")
        XCTAssertEqual(entry.query, "limit=5")
        XCTAssertEqual(entry.status, 404)
        XCTAssertTrue(entry.line.hasPrefix("GET /api/v1/namespaces/default/secrets/missing?limit=5 404 "), entry.line)
    }
}
