import EmbeddedAPIServer
import KubeClient
import XCTest

/// The embedded API server never compresses, so gzip is proven against a bare
/// `HTTPServer` whose handler does what kube-apiserver does for large answers: gzip the
/// body when the request's `Accept-Encoding` allows it.
final class GzipTransportTests: TransportTestCase {
    /// `{"kind":"Status","message":"this body travelled gzipped"}`, gzipped (mtime 0).
    static let plain = #"{"kind":"Status","message":"this body travelled gzipped"}"#
    static let gzipped: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xff, 0xab, 0x56, 0xca, 0xce, 0xcc, 0x4b, 0x51, 0xb2, 0x52, 0x0a,
        0x2e, 0x49, 0x2c, 0x29, 0x2d, 0x56, 0xd2, 0x51, 0xca, 0x4d, 0x2d, 0x2e, 0x4e, 0x4c, 0x4f, 0x05, 0x0a, 0x95, 0x64, 0x64,
        0x16, 0x2b, 0x24, 0xe5, 0xa7, 0x54, 0x2a, 0x94, 0x14, 0x25, 0x96, 0xa5, 0xe6, 0xe4, 0xa4, 0xa6, 0x28, 0xa4, 0x57, 0x65,
        0x16, 0x14, 0xa4, 0xa6, 0x28, 0xd5, 0x02, 0x00, 0x9b, 0xc5, 0x93, 0xd0, 0x39, 0x00, 0x00, 0x00,
    ]

    struct GzippingHandler: HTTPRequestHandler {
        func handle(_ request: HTTPRequest) async -> HTTPResponse {
            guard request.header("accept-encoding")?.contains("gzip") == true else {
                return HTTPResponse(status: 406, body: .bytes(Array("no gzip offered".utf8)))
            }
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
                body: .bytes(GzipTransportTests.gzipped))
        }
    }

    func testAGzippedAnswerArrivesDecompressed() async throws {
        let server = HTTPServer(host: "127.0.0.1", port: 0, handler: GzippingHandler())
        let (ports, portInput) = AsyncStream<Int>.makeStream()
        let serving = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { portInput.finish() }
            try await server.run { portInput.yield($0) }
        }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let bound = await iterator.next()
        let port = try XCTUnwrap(bound)

        let transport = try HTTPTransport(configuration: TransportConfiguration(server: "http://127.0.0.1:\(port)"))
        let response = try await transport.send(TransportRequest(path: "/api"))
        XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self))
        XCTAssertEqual(response.head.headers["content-encoding"], "gzip", "the answer travelled compressed")
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), Self.plain)
    }
}
