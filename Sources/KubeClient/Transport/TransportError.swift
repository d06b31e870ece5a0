/// A request that got no HTTP answer. Every status code, 4xx and 5xx included, is an
/// answer (`TransportResponse`), not an error. The context names the method and the URL
/// without credentials or query (label selectors and continue tokens stay out of logs);
/// tokens and keys never appear.
public struct TransportError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Nothing accepted the connection (refused, unreachable, no route).
        case connectionRefused
        /// The host name (or the proxy's) did not resolve.
        case nameResolution
        /// The connect timeout or the request timeout ran out.
        case timeout
        /// The TLS handshake failed: untrusted or mismatched server certificate, a refused
        /// or unusable client certificate, unreadable PEM.
        case tls
        /// The connection broke before the answer was complete (a restarted server, a
        /// dropped watch).
        case connectionLost
        /// The calling task was cancelled, or the stream's consumer went away.
        case cancelled
        /// The answer exceeded `TransportConfiguration.maximumResponseBytes`.
        case responseTooLarge(limit: Int)
        /// The request or the configuration cannot be sent (a malformed server URL, a
        /// header with a line break).
        case invalidRequest
        /// The bearer token source failed.
        case credentials
        /// Any other libcurl failure, by its CURLcode.
        case other(curlCode: Int)
    }

    public var kind: Kind
    /// `GET`, `PATCH`…
    public var method: String
    /// Scheme, host, port and path; no user info, no query.
    public var url: String
    /// What went wrong, in libcurl's words or ours.
    public var message: String

    public init(kind: Kind, method: String, url: String, message: String) {
        self.kind = kind
        self.method = method
        self.url = url
        self.message = message
    }

    public var description: String { "\(method) \(url): \(message)" }
}
