import EmbeddedAPIServer
import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The transport alone, with a handler that echoes what it was given.
final class HTTPServerTests: XCTestCase {
    struct Echo: HTTPRequestHandler {
        func handle(_ request: HTTPRequest) async -> HTTPResponse {
            if request.path == "/stream" {
                let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
                for i in 0..<3 { continuation.yield(Array("{\"n\":\(i)}\n".utf8)) }
                continuation.finish()
                return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: .stream(stream))
            }
            let text = "\(request.method) \(request.path) q=\(request.query("labelSelector") ?? "-") ct=\(request.header("content-type") ?? "-") body=\(String(decoding: request.body, as: UTF8.self))"
            return HTTPResponse(status: 201, headers: [("Content-Type", "text/plain")], body: .bytes(Array(text.utf8)))
        }
    }

    func withServer(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let server = HTTPServer(handler: Echo())
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { portContinuation.finish() }
            try await server.run { portContinuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { return XCTFail("server did not bind") }
        defer { task.cancel() }
        try await body(port)
    }

    static func fetch(_ url: String, method: String = "GET", body: String? = nil, contentType: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let body { request.httpBody = Data(body.utf8) }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    func testRequestsReachTheHandlerDecoded() async throws {
        try await withServer { port in
            let (status, text) = try await Self.fetch(
                "http://127.0.0.1:\(port)/api/v1/namespaces/x/configmaps?labelSelector=app%3Dweb%2Ctier+in+(a)",
                method: "POST", body: "{\"a\":1}", contentType: "application/json")
            XCTAssertEqual(status, 201)
            XCTAssertEqual(text, "POST /api/v1/namespaces/x/configmaps q=app=web,tier in (a) ct=application/json body={\"a\":1}")
        }
    }

    func testStreamedAnswersArriveWhole() async throws {
        try await withServer { port in
            let (status, text) = try await Self.fetch("http://127.0.0.1:\(port)/stream")
            XCTAssertEqual(status, 200)
            XCTAssertEqual(text, "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n")
        }
    }
}
