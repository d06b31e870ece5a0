/// One HTTP request to the configured server, relative to its base URL.
public struct TransportRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    public var method: Method
    /// The path below the server's base URL, starting with `/` and already percent-encoded
    /// where needed (`/api/v1/namespaces/default/pods`).
    public var path: String
    /// Query parameters, percent-encoded by the transport (`watch=1`, `labelSelector=a in (b)`).
    public var query: [(name: String, value: String)]
    public var headers: TransportHeaders
    public var body: [UInt8]?
    /// Overrides the configuration's `requestTimeout` for this request (from connect to
    /// last byte); for `stream`, the only total limit (nil: none).
    public var timeout: Duration?

    public init(
        method: Method = .get, path: String, query: [(name: String, value: String)] = [], headers: TransportHeaders = [:],
        body: [UInt8]? = nil, timeout: Duration? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
