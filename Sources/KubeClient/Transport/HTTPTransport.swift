/// HTTP to one Kubernetes API server over libcurl, as async functions.
///
/// All requests share one libcurl multi handle driven by its own thread
/// (`CurlMultiLoop`): connections are kept and reused, HTTP/2 multiplexes everything over
/// one connection where the server offers it, and no libcurl call blocks a task. A
/// cancelled task's transfer is removed at once, which closes its connection or stream,
/// so a cancelled watch frees its server-side watcher.
///
/// Any HTTP status is an answer; `TransportError` means there was none.
public final class HTTPTransport: Sendable {
    public let configuration: TransportConfiguration
    private let setup: EasyHandleSetup
    private let loop: CurlMultiLoop

    /// Fails with `invalidRequest` for a server URL that is not `http(s)://host[:port][/prefix]`.
    public init(configuration: TransportConfiguration) throws(TransportError) {
        guard let endpoint = ServerEndpoint(configuration.server) else {
            throw TransportError(kind: .invalidRequest, method: "", url: "", message: "the server URL is not http(s)://host[:port][/path]")
        }
        guard let loop = CurlMultiLoop() else {
            throw TransportError(kind: .other(curlCode: -1), method: "", url: endpoint.shownURL(path: "/"), message: "libcurl could not be initialised")
        }
        self.configuration = configuration
        self.setup = EasyHandleSetup(configuration: configuration, endpoint: endpoint)
        self.loop = loop
    }

    deinit {
        loop.stopWhenIdle()
    }

    /// Sends `request` and returns the whole answer (gzip already undone).
    public func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        let transfer = try await prepare(request, delivery: .whole)
        let loop = self.loop
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.awaitWhole(continuation)
                loop.submit(.add(transfer))
            }
        } onCancel: {
            loop.submit(.cancel(transfer, transfer.error(.cancelled, "cancelled")))
        }
        return try result.get()
    }

    /// Sends `request` and returns as soon as the status and headers are in; the body
    /// arrives chunk by chunk as the server writes it (a watch), never buffered whole.
    /// Reading slower than the server writes pauses the transfer once
    /// `streamBufferBytes` wait unread. Cancelling the reading task, or dropping the
    /// stream, ends the transfer and closes its connection.
    public func stream(
        _ request: TransportRequest
    ) async throws(TransportError) -> (head: TransportResponseHead, body: AsyncThrowingStream<[UInt8], Error>) {
        let buffer = ChunkBuffer(limit: configuration.streamBufferBytes)
        let transfer = try await prepare(request, delivery: .stream(buffer))
        let loop = self.loop
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.awaitHead(continuation)
                loop.submit(.add(transfer))
            }
        } onCancel: {
            loop.submit(.cancel(transfer, transfer.error(.cancelled, "cancelled")))
        }
        let head = try result.get()
        let reader = BodyReader(buffer: buffer, transfer: transfer, loop: loop)
        return (head, AsyncThrowingStream { try await reader.next() })
    }

    private func prepare(_ request: TransportRequest, delivery: EasyTransfer.Delivery) async throws(TransportError) -> EasyTransfer {
        let shown = { (kind: TransportError.Kind, message: String) in
            TransportError(kind: kind, method: request.method.rawValue, url: self.setup.endpoint.shownURL(path: request.path), message: message)
        }
        if Task.isCancelled { throw shown(.cancelled, "cancelled") }
        let credential: RequestCredential
        do {
            credential = try await configuration.credentials.credential()
        } catch {
            throw shown(.credentials, error.description)
        }
        return try setup.transfer(for: request, credential: credential, delivery: delivery)
    }
}

/// What the body stream of `HTTPTransport.stream` reads through. Owned by the stream
/// alone, so when the stream is dropped unfinished, `deinit` ends the transfer.
private final class BodyReader: Sendable {
    let buffer: ChunkBuffer
    let transfer: EasyTransfer
    let loop: CurlMultiLoop

    init(buffer: ChunkBuffer, transfer: EasyTransfer, loop: CurlMultiLoop) {
        self.buffer = buffer
        self.transfer = transfer
        self.loop = loop
    }

    deinit {
        cancel()
    }

    func next() async throws -> [UInt8]? {
        while true {
            let outcome = await withTaskCancellationHandler {
                await withCheckedContinuation { buffer.take($0) }
            } onCancel: {
                cancel()
            }
            switch outcome {
            case .chunk(let bytes, let resume):
                if resume { loop.submit(.resume(transfer)) }
                if !bytes.isEmpty { return bytes }
            case .end:
                return nil
            case .failed(let error):
                throw error
            }
        }
    }

    private func cancel() {
        let error = transfer.error(.cancelled, "cancelled")
        buffer.cancel(error)
        loop.submit(.cancel(transfer, error))
    }
}
