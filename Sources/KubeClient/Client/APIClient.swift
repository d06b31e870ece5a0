import KubeObjects

/// One connection to one API server as one user: requests go through client-side
/// throttling (by default only until the server shows it does priority and fairness, see
/// `RequestThrottle`), are counted in metrics, retried where the server asks for it
/// (`Retry-After` on 429 and 5xx, as client-go does) and, for a credential that can be
/// refreshed, once after a 401. Everything above (resource clients, discovery, watchers)
/// shares one `APIClient` and so one connection pool.
///
/// Errors: a non-2xx answer throws `KubeAPIError`; no answer throws `TransportError`; an
/// answer that is not the JSON it should be throws `ResponseDecodingError`.
public final class APIClient: Sendable {
    public struct Options: Sendable {
        /// Client-side limiting: by default 50 requests/s after a burst of 300, until the
        /// server shows API Priority and Fairness.
        public var throttle: RequestThrottle.Mode = .automatic(qps: 50, burst: 300)
        /// Retries of one request the server asked to repeat (Retry-After), or of a read
        /// that lost its connection.
        public var maximumRetries = 10
        /// Longest pause a Retry-After may impose.
        public var maximumRetryDelay: Duration = .seconds(30)

        public init() {}
    }

    public let transport: HTTPTransport
    /// The namespace a kubeconfig context or the pod chose (commands default to it).
    public let defaultNamespace: String
    public let options: Options
    /// The client-side limit: its mode, whether the server was seen to do flow control,
    /// and how many requests waited.
    public let throttle: RequestThrottle
    /// Whom this client's requests act as, over the transport configuration's own
    /// `impersonate`; nil leaves that (or the authenticated user).
    public let impersonation: Impersonation?
    private let metrics: RequestMetrics

    public init(configuration: TransportConfiguration, defaultNamespace: String = "default", options: Options = Options()) throws {
        transport = try HTTPTransport(configuration: configuration)
        self.defaultNamespace = defaultNamespace
        self.options = options
        throttle = RequestThrottle(mode: options.throttle)
        impersonation = nil
        metrics = RequestMetrics()
    }

    private init(sharing client: APIClient, impersonation: Impersonation) {
        transport = client.transport
        defaultNamespace = client.defaultNamespace
        options = client.options
        throttle = client.throttle
        metrics = client.metrics
        self.impersonation = impersonation
    }

    /// A client acting as `impersonation` on every request (the controller acts as a
    /// release's service account: `client.impersonating(.serviceAccount(namespace:name:))`).
    /// It shares this client's transport (so its connections), throttle and metrics and only
    /// adds headers, so making one per reconcile costs nothing. The server decides whether
    /// the authenticated user may impersonate; a refusal is a 403 `KubeAPIError`.
    public func impersonating(_ impersonation: Impersonation) -> APIClient {
        APIClient(sharing: self, impersonation: impersonation)
    }

    public convenience init(_ config: ClientConfig, options: Options = Options()) throws {
        try self.init(configuration: TransportConfiguration(config), defaultNamespace: config.namespace, options: options)
    }

    /// Sends `request` and returns its 2xx answer.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await perform(request) { (try await self.transport.send($0), nil) }.response
    }

    /// Sends `request` and decodes a JSON answer.
    public func json(_ request: TransportRequest) async throws -> JSONValue {
        let response = try await send(request)
        return try Self.decode(response.body, request: request)
    }

    /// Sends `request` and returns the body as it streams in (a watch), once the server
    /// answered 2xx. The stream's errors are `TransportError`s.
    public func stream(_ request: TransportRequest) async throws -> AsyncThrowingStream<[UInt8], Error> {
        let outcome = try await perform(request) { request in
            let (head, body) = try await self.transport.stream(request)
            guard (200..<300).contains(head.status) else {
                // An error answer is small: read it whole for its Status.
                var bytes: [UInt8] = []
                for try await chunk in body where bytes.count < 1 << 20 { bytes += chunk }
                return (TransportResponse(head: head, body: bytes), nil)
            }
            return (TransportResponse(head: head, body: []), body)
        }
        return outcome.stream ?? AsyncThrowingStream { nil }
    }

    static func decode(_ body: [UInt8], request: TransportRequest) throws -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw ResponseDecodingError(request: "\(request.method.rawValue) \(request.path)", message: error.message)
        }
    }

    private func perform(
        _ request: TransportRequest,
        _ exchange: (TransportRequest) async throws -> (TransportResponse, AsyncThrowingStream<[UInt8], Error>?)
    ) async throws -> (response: TransportResponse, stream: AsyncThrowingStream<[UInt8], Error>?) {
        var request = request
        if let impersonation { request.headers = impersonation.applied(to: request.headers) }
        let verb = request.method.rawValue
        var attempt = 0
        var refreshedCredential = false
        var backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(5), jitter: 0.5)
        while true {
            try await throttle.acquire()
            let started = ContinuousClock.now
            let response: TransportResponse
            let stream: AsyncThrowingStream<[UInt8], Error>?
            do {
                (response, stream) = try await exchange(request)
            } catch let error as TransportError {
                metrics.record(verb: verb, code: "<error>", duration: ContinuousClock.now - started)
                // A read lost on the way (a restarting server, a reset connection) is safe to
                // repeat; a write may have happened, so it is the caller's to decide.
                guard Self.isRetryable(error, method: request.method), attempt < options.maximumRetries else { throw error }
                attempt += 1
                metrics.recordRetry(verb: verb, code: "<error>")
                try await Task.sleep(for: backoff.next())
                continue
            }
            throttle.observe(response.head.headers)
            let status = response.status
            metrics.record(verb: verb, code: String(status), duration: ContinuousClock.now - started)
            if (200..<300).contains(status) { return (response, stream) }

            let error = KubeAPIError(
                status: status, body: response.body, retryAfterHeader: response.head.headers["Retry-After"],
                request: "\(verb) \(request.path)")
            if status == 401, !refreshedCredential, transport.configuration.credentials.canRefresh {
                // An expired exec credential or a rotated token: ask again, once.
                refreshedCredential = true
                await transport.configuration.credentials.invalidate()
                continue
            }
            // Any verb, writes included, as client-go does: a 429 means the server (its
            // priority and fairness) refused the request before doing anything; client-go
            // repeats a 5xx that carries Retry-After the same way.
            if let seconds = error.retryAfter, status == 429 || (500..<600).contains(status), attempt < options.maximumRetries {
                attempt += 1
                metrics.recordRetry(verb: verb, code: String(status))
                try await Task.sleep(for: min(.seconds(max(seconds, 0)) + .milliseconds(Int.random(in: 0...100)), options.maximumRetryDelay))
                continue
            }
            throw error
        }
    }

    private static func isRetryable(_ error: TransportError, method: TransportRequest.Method) -> Bool {
        guard method == .get || method == .head else { return false }
        switch error.kind {
        case .connectionRefused, .connectionLost, .timeout, .other: return true
        case .nameResolution, .tls, .cancelled, .responseTooLarge, .invalidRequest, .credentials: return false
        }
    }
}

/// An answer that should have been JSON and was not.
public struct ResponseDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    public var request: String
    public var message: String

    public var description: String { "\(request): the answer is not valid JSON: \(message)" }
}
