import Foundation

/// A kubeconfig cluster entry: where the API server is and how to trust it.
public struct KubeconfigCluster: Sendable, Equatable {
    public var server: String?
    /// A path to a PEM bundle; relative paths are resolved against the kubeconfig's folder when
    /// the file is read, as client-go's `ResolveLocalPaths` does.
    public var certificateAuthority: String?
    /// PEM bytes (base64 in the file).
    public var certificateAuthorityData: Data?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var proxyURL: String?
    public var disableCompression: Bool

    public init(
        server: String? = nil, certificateAuthority: String? = nil, certificateAuthorityData: Data? = nil,
        insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil,
        disableCompression: Bool = false
    ) {
        self.server = server
        self.certificateAuthority = certificateAuthority
        self.certificateAuthorityData = certificateAuthorityData
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
    }
}
