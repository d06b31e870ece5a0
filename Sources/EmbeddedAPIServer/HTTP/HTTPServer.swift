import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// HTTP/1.1, plain or over TLS, on a loopback port over SwiftNIO's async channels: reads
/// whole requests, hands them to the API layer, writes whole answers or streams chunked
/// ones (watches) until the producer ends or the client goes away.
public final class HTTPServer: Sendable {
    public let host: String
    private let requestedPort: Int
    private let handler: any HTTPRequestHandler
    /// Request bodies above this are refused (a real server's limit is 3 MiB for etcd
    /// objects; manifests and release Secrets stay far below).
    public static let maxBodySize = 16 << 20

    /// Serves TLS when set, plain HTTP otherwise.
    public let tls: TLSServerConfiguration?

    public init(
        host: String = "127.0.0.1", port: Int = 0, tls: TLSServerConfiguration? = nil, handler: any HTTPRequestHandler
    ) {
        self.host = host
        self.requestedPort = port
        self.tls = tls
        self.handler = handler
    }

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// Binds and serves until the calling task is cancelled. `onBound` receives the
    /// port actually bound (useful with port 0). An unusable TLS configuration throws
    /// `TLSMaterialError` before anything is bound.
    public func run(onBound: @Sendable (Int) async -> Void = { _ in }) async throws {
        let sslContext = try tls?.makeContext()
        let ledger = ConnectionLedger<HTTPServerRequestPart, HTTPServerResponsePart>()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: requestedPort) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    let id = try ledger.admit { try Connection(wrappingChannelSynchronously: channel) }
                    return ConnectionBox(id: id, channel: channel)
                }
            }
        await onBound(server.channel.localAddress?.port ?? requestedPort)
        do {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await box in connections {
                        group.addTask { await self.serve(box, from: ledger) }
                    }
                }
            }
        } catch {
            await ledger.shut()
            throw error
        }
        await ledger.shut()
    }

    /// An accepted connection as the listener hands it over; the ledger owns the
    /// `NIOAsyncChannel` itself, so dropping a box never drops an unfinished writer.
    struct ConnectionBox: Sendable {
        let id: Int
        let channel: Channel
    }

    private func serve(_ box: ConnectionBox, from ledger: ConnectionLedger<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        guard let connection = ledger.claim(box.id) else { return }
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body: [UInt8] = []
                var tooLarge = false
                var peer: PeerIdentity?
                for try await part in inbound {
                    switch part {
                    case .head(let h):
                        head = h
                        body = []
                        tooLarge = false
                    case .body(var buffer):
                        if body.count + buffer.readableBytes > Self.maxBodySize {
                            tooLarge = true
                        } else if let bytes = buffer.readBytes(length: buffer.readableBytes) {
                            body.append(contentsOf: bytes)
                        }
                    case .end:
                        guard let h = head else { continue }
                        head = nil
                        let response: HTTPResponse
                        if tooLarge {
                            response = HTTPResponse(
                                status: 413, headers: [("Content-Type", "text/plain")],
                                body: .bytes(Array("request entity too large".utf8)))
                        } else {
                            if peer == nil {
                                peer = tls == nil ? .plainHTTP : await PeerIdentity.ofTLSConnection(box.channel)
                            }
                            let request = HTTPRequest(
                                method: h.method.rawValue, target: h.uri,
                                headers: h.headers.map { ($0.name, $0.value) }, body: body, peer: peer ?? .plainHTTP)
                            response = await handler.handle(request)
                        }
                        let keepAlive = try await write(response, for: h, to: outbound, channel: box.channel)
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            // A client that hangs up mid-request or mid-watch is routine, not an error.
        }
    }

    /// Writes one answer; returns whether the connection may carry another request.
    private func write(
        _ response: HTTPResponse, for request: HTTPRequestHead,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, channel: Channel
    ) async throws -> Bool {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        let status = HTTPResponseStatus(statusCode: response.status)
        switch response.body {
        case .bytes(let bytes):
            headers.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
            var head = HTTPResponseHead(version: request.version, status: status, headers: headers)
            head.headers.add(name: "Date", value: HTTPDate.now)
            try await outbound.write(.head(head))
            if !bytes.isEmpty {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
            }
            try await outbound.write(.end(nil))
            return request.isKeepAlive
        case .stream(let chunks):
            headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            var head = HTTPResponseHead(version: request.version, status: status, headers: headers)
            head.headers.add(name: "Date", value: HTTPDate.now)
            try await outbound.write(.head(head))
            // Stream until the producer ends, or stop when the client closes the connection
            // (detected even while no event is pending).
            // `closeFuture.get()` ignores cancellation, so the close is relayed through a
            // stream whose iteration ends when the group is cancelled.
            let (closed, closing) = AsyncStream<Never>.makeStream()
            channel.closeFuture.whenComplete { _ in closing.finish() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await chunk in chunks {
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk))))
                    }
                    try await outbound.write(.end(nil))
                }
                group.addTask {
                    for await _ in closed {}
                    throw CancellationError()
                }
                _ = try await group.next()
                group.cancelAll()
            }
            return request.isKeepAlive
        }
    }
}
