import KubeObjects

/// Failures a test can order from a running server, to prove clients survive what real
/// API servers do to them: a share of requests answered 500 or 429 with `Retry-After`,
/// slow answers (each request held for a while, as an overloaded server holds them),
/// the listener closed for a while (connections refused), a restart that drops every
/// connection and keeps the data, and (through the store) every watch dropped at once.
public actor FaultInjector {
    private var failureRate = 0.0
    private var failureStatus = 500
    private var retryAfter: Int?
    private var exempt: Set<String> = []
    private var delay: Duration = .zero
    private var delayExempt: Set<String> = []
    private var random = SystemRandomNumberGenerator()
    private let outageInput: AsyncStream<Duration>.Continuation
    /// Outages ordered, in order; the server's listener loop consumes them.
    nonisolated let outages: AsyncStream<Duration>

    public init() {
        (outages, outageInput) = AsyncStream<Duration>.makeStream(bufferingPolicy: .unbounded)
    }

    /// Answers `fraction` (0…1) of API requests with `status` (500 InternalError or 429
    /// TooManyRequests) and `Retry-After: retryAfter`. Paths starting with an `exempt`
    /// prefix (say, `/version`) are spared. 0 turns it off.
    public func failRequests(fraction: Double, status: Int = 500, retryAfter: Int? = 1, exempt: [String] = []) {
        failureRate = min(1, max(0, fraction))
        failureStatus = status
        self.retryAfter = retryAfter
        self.exempt = Set(exempt)
    }

    /// Holds every API request for `delay` before answering it (paths starting with an
    /// `exempt` prefix are answered at once). `.zero` turns it off.
    public func delayRequests(by delay: Duration, exempt: [String] = []) {
        self.delay = max(.zero, delay)
        delayExempt = Set(exempt)
    }

    /// How long to hold a request for `path`.
    func delay(for path: String) -> Duration {
        guard delay > .zero, !delayExempt.contains(where: { path.hasPrefix($0) }) else { return .zero }
        return delay
    }

    /// Closes the listener and every connection; the server listens again on the same
    /// port after `duration` (until then connections are refused).
    public func refuseConnections(for duration: Duration) {
        outageInput.yield(duration)
    }

    /// Drops every connection and listens again at once, with all objects and history kept.
    public func restart() {
        outageInput.yield(.zero)
    }

    /// The failure to answer `path` with, if one is due.
    func failure(for path: String) -> APIError? {
        guard failureRate > 0, !exempt.contains(where: { path.hasPrefix($0) }) else { return nil }
        guard Double.random(in: 0..<1, using: &random) < failureRate else { return nil }
        if failureStatus == 429 {
            return APIError(code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
                            details: ["retryAfterSeconds": .int(Int64(retryAfter ?? 1))], retryAfter: retryAfter)
        }
        return APIError(code: failureStatus, reason: "InternalError",
                        message: "Internal error occurred: injected fault", retryAfter: retryAfter)
    }

    func finish() { outageInput.finish() }
}

/// Puts the fault injector in front of the API.
struct FaultInjectingHandler: HTTPRequestHandler {
    let faults: FaultInjector
    let wrapped: any HTTPRequestHandler

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if let failure = await faults.failure(for: request.path) { return Responses.error(failure) }
        let delay = await faults.delay(for: request.path)
        if delay > .zero { try? await Task.sleep(for: delay) }
        return await wrapped.handle(request)
    }
}
