/// Everything `HTTPTransport` needs to reach one API server: where it is, how to trust it,
/// who we are, and how long to wait. The kubeconfig and in-cluster loaders produce this
/// value; the transport never reads files or the environment for it (except a token file
/// behind `credentials`, and libcurl's proxy variables when `proxy` is nil).
public struct TransportConfiguration: Sendable {
    /// `https://host:port` or `http://host:port`, optionally with a path prefix
    /// (`https://rancher.example/k8s/clusters/c-1`) that every request path is appended to.
    public var server: String
    /// PEM bundle of the CAs the server certificate must chain to; nil trusts the system's.
    public var certificateAuthorityPEM: [UInt8]?
    /// The client certificate and key presented in the TLS handshake; nil for none.
    public var clientCertificate: ClientCertificate?
    /// Skips verification of the server certificate (kubeconfig `insecure-skip-tls-verify`).
    public var insecureSkipTLSVerify = false
    /// The name the server certificate is checked against, and sent as SNI, instead of the
    /// host of `server` (kubeconfig `tls-server-name`).
    public var tlsServerName: String?
    /// Where each request's credential comes from, asked before every request (so rotated
    /// tokens and refreshed exec credentials are picked up). `Authorization` headers go over
    /// https only; an exec plugin's client certificate replaces `clientCertificate`.
    public var credentials: CredentialSource = .none
    /// Act as this user on every request (kubeconfig `as`, `as-groups`…), unless the request
    /// carries its own `Impersonate-User` (an impersonating `APIClient` sets one).
    public var impersonate: Impersonation?
    /// Asks for `Accept-Encoding: gzip` (kubeconfig `disable-compression` turns it off).
    public var compression = true
    /// `http://proxy:3128` (kubeconfig `proxy-url`); nil lets libcurl follow `https_proxy`,
    /// `http_proxy` and `no_proxy` from the environment, as Go's ProxyFromEnvironment does.
    public var proxy: String?
    /// Limit on establishing the connection, TLS included.
    public var connectTimeout: Duration = .seconds(30)
    /// Limit on a whole `send` (connect to last byte); nil for none. Streams are exempt
    /// unless their request sets its own `timeout`: a watch is meant to stay open.
    public var requestTimeout: Duration? = .seconds(60)
    public var userAgent = "rudder (linux) kubeclient"
    /// A `send` answer larger than this fails with `responseTooLarge` instead of exhausting
    /// memory.
    public var maximumResponseBytes = 1 << 30
    /// Bytes a stream may hold for a consumer that lags behind; beyond it the transfer is
    /// paused (the server's TCP window then fills and it slows down) until the consumer
    /// has caught up with half of it.
    public var streamBufferBytes = 1 << 20

    public init(server: String) {
        self.server = server
    }
}

/// A TLS client identity held in memory (kubeconfig `client-certificate-data`/`client-key-data`,
/// or the files' contents): libcurl reads both through CURLOPT_SSLCERT_BLOB/SSLKEY_BLOB.
public struct ClientCertificate: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var certificatePEM: [UInt8]
    public var privateKeyPEM: [UInt8]

    public init(certificatePEM: [UInt8], privateKeyPEM: [UInt8]) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    // The key is a secret: printing or dumping a configuration must not reveal it.
    public var description: String { "ClientCertificate(\(certificatePEM.count) bytes, key redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["certificatePEM": "\(certificatePEM.count) bytes", "privateKeyPEM": "redacted"]) }
}
