import NIOSSL

/// How `HTTPServer` serves TLS, as PEM text so that callers need not import NIOSSL.
///
/// Client certificates are *optional* but verified when presented: a client authenticates
/// with a certificate signed by `clientCertificateAuthorityPEM`, or presents none and sends a
/// bearer token instead (the `Authenticator` decides). A presented certificate that does not
/// chain to that CA (or lacks the clientAuth usage) fails the handshake, as with kube-apiserver.
public struct TLSServerConfiguration: Sendable, Equatable {
    /// The serving certificate first, then any intermediates.
    public var certificateChainPEM: String
    public var privateKeyPEM: String
    /// The roots client certificates must chain to; nil accepts no client certificates
    /// (bearer tokens only).
    public var clientCertificateAuthorityPEM: String?

    public init(certificateChainPEM: String, privateKeyPEM: String, clientCertificateAuthorityPEM: String?) {
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
        self.clientCertificateAuthorityPEM = clientCertificateAuthorityPEM
    }

    /// The NIOSSL context, built once per `HTTPServer.run`.
    func makeContext() throws(TLSMaterialError) -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(Array(certificateChainPEM.utf8))
        } catch {
            throw .unreadable(what: "serving certificate chain", reason: "\(error)")
        }
        guard !chain.isEmpty else { throw .unreadable(what: "serving certificate chain", reason: "no certificate in the PEM") }
        do {
            key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        } catch {
            throw .unreadable(what: "serving private key", reason: "\(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // kube-apiserver's floor; every client we serve speaks 1.2 or 1.3.
        configuration.minimumTLSVersion = .tlsv12
        // HTTP/2 is not served: offering only http/1.1 makes Go clients (which offer h2
        // first) settle on HTTP/1.1 rather than fail.
        configuration.applicationProtocols = ["http/1.1"]
        if let clientCertificateAuthorityPEM {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(Array(clientCertificateAuthorityPEM.utf8))
            } catch {
                throw .unreadable(what: "client certificate authority", reason: "\(error)")
            }
            configuration.trustRoots = .certificates(roots)
            configuration.certificateVerification = .optionalVerification
        } else {
            configuration.certificateVerification = .none
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .unreadable(what: "TLS configuration", reason: "\(error)")
        }
    }
}
