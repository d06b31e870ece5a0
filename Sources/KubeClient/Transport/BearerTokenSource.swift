/// Where a request's bearer token comes from. Asked before every request, so an
/// implementation that re-reads or refreshes (a rotated service-account token, an exec
/// credential plugin) is picked up by the next request without rebuilding the transport.
public protocol BearerTokenSource: Sendable {
    /// The token to send, or nil to send none. A thrown error fails the request as
    /// `TransportError.Kind.credentials`; its description must not contain the token.
    func token() async throws -> String?
}

/// A token fixed for the transport's life (kubeconfig `token`).
public struct StaticToken: BearerTokenSource, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    public func token() async throws -> String? { value.isEmpty ? nil : value }

    // A token is a secret: printing or dumping a configuration must not reveal it.
    public var description: String { "StaticToken(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["value": "redacted"]) }
}
