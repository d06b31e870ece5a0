/// One answered request, as the access log records it: what the research captures were
/// made of (method, path, query, the client, the body's media type, the status), and
/// never a body, which may hold Secrets.
public struct AccessLogEntry: Sendable {
    public var method: String
    public var path: String
    public var query: String
    public var userAgent: String
    public var contentType: String
    public var status: Int
    public var milliseconds: Double

    /// `PATCH /api/v1/namespaces/x/configmaps/a?fieldManager=kubectl 200 1.2ms (application/apply-patch+yaml) kubectl/v1.37.1`
    public var line: String {
        let q = query.isEmpty ? "" : "?" + query
        let ms = (milliseconds * 10).rounded() / 10
        let type = contentType.isEmpty ? "" : " (\(contentType))"
        return "\(method) \(path)\(q) \(status) \(ms)ms\(type) \(userAgent)"
    }
}

/// Hands every answered request to `record` (streamed answers when they start).
struct AccessLoggingHandler: HTTPRequestHandler {
    let wrapped: any HTTPRequestHandler
    let record: @Sendable (AccessLogEntry) -> Void

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let start = ContinuousClock.now
        let response = await wrapped.handle(request)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        record(AccessLogEntry(
            method: request.method, path: request.path,
            query: request.query.map { $0.value.isEmpty ? $0.name : "\($0.name)=\($0.value)" }.joined(separator: "&"),
            userAgent: request.header("user-agent") ?? "", contentType: request.header("content-type") ?? "",
            status: response.status, milliseconds: ms))
        return response
    }
}
