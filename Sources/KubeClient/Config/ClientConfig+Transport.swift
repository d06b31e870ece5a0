import Foundation

extension TransportConfiguration {
    /// What the transport needs from a resolved client configuration.
    public init(_ config: ClientConfig) {
        var server = config.server.absoluteString
        while server.hasSuffix("/") { server.removeLast() }
        self.init(server: server)
        certificateAuthorityPEM = config.certificateAuthorityPEM.map { [UInt8]($0) }
        clientCertificate = config.clientCertificate
        credentials = config.credentials
        impersonate = config.impersonate
        insecureSkipTLSVerify = config.insecureSkipTLSVerify
        tlsServerName = config.tlsServerName
        proxy = config.proxyURL?.absoluteString
        compression = !config.disableCompression
    }
}
