import Foundation

/// Everything a transport needs to reach one API server as one user, resolved from the
/// kubeconfig (or the pod's service account) once, at start-up. Printing it is safe: the
/// secret parts are `Sensitive`.
public struct ClientConfig: Sendable {
    /// Where the configuration came from.
    public enum Origin: Sendable, Equatable {
        /// A kubeconfig context (nil: no context, only overrides such as `--server`).
        case kubeconfig(context: String?)
        /// The pod's service account.
        case inCluster
    }

    /// The API server's base URL (`https://host:port`, possibly with a path prefix).
    public var server: URL
    /// PEM certificates the server's chain is checked against; nil means the system roots.
    public var certificateAuthorityPEM: Data?
    /// A client certificate from the kubeconfig (an exec plugin may supply one per
    /// credential instead; see `RequestCredential.clientCertificate`).
    public var clientCertificate: ClientCertificate?
    /// Where the per-request credential comes from.
    public var credentials: CredentialSource
    public var insecureSkipTLSVerify: Bool
    /// The name checked against the server certificate (and sent as SNI) instead of the host.
    public var tlsServerName: String?
    /// A proxy for every request to this cluster (`http`, `https` or `socks5`); nil means the
    /// usual environment variables decide.
    public var proxyURL: URL?
    public var disableCompression: Bool
    /// The namespace commands default to.
    public var namespace: String
    public var origin: Origin
    /// Whom every request acts as (the user's `as`, `as-uid`, `as-groups`, `as-user-extra`,
    /// or `--as`); nil acts as the authenticated user.
    public var impersonate: Impersonation?

    public init(
        server: URL, certificateAuthorityPEM: Data? = nil, clientCertificate: ClientCertificate? = nil,
        credentials: CredentialSource = .none, insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil,
        proxyURL: URL? = nil, disableCompression: Bool = false, namespace: String = "default",
        origin: Origin = .kubeconfig(context: nil), impersonate: Impersonation? = nil
    ) {
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificate = clientCertificate
        self.credentials = credentials
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
        self.namespace = namespace
        self.origin = origin
        self.impersonate = impersonate
    }
}

/// A PEM certificate and its PEM private key.
extension ClientCertificate {
    /// From PEM files or kubeconfig data, as read.
    public init(certificatePEM: Data, privateKeyPEM: Data) {
        self.init(certificatePEM: [UInt8](certificatePEM), privateKeyPEM: [UInt8](privateKeyPEM))
    }
}
