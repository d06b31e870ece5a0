/// The status line and headers of an answer. Any status is an answer, not an error:
/// interpreting 4xx/5xx (a Kubernetes `Status`, 410 Gone, 429 Retry-After) is the caller's.
public struct TransportResponseHead: Sendable, Equatable {
    public var status: Int
    public var headers: TransportHeaders
    /// `1.1` or `2`, as negotiated (HTTP/2 through ALPN where the server offers it).
    public var httpVersion: String

    public init(status: Int, headers: TransportHeaders, httpVersion: String) {
        self.status = status
        self.headers = headers
        self.httpVersion = httpVersion
    }
}

/// A whole answer, body decompressed if the server sent it gzipped.
public struct TransportResponse: Sendable, Equatable {
    public var head: TransportResponseHead
    public var body: [UInt8]

    public init(head: TransportResponseHead, body: [UInt8]) {
        self.head = head
        self.body = body
    }

    public var status: Int { head.status }
}
