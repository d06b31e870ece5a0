import Foundation

/// Everything a TLS-serving embedded API server and its clients need: the CA, the serving
/// certificate for the loopback names, and an administrator's client certificate.
public struct TLSMaterial: Sendable {
    public var authority: CertificateAuthority
    public var server: IssuedCertificate
    public var client: IssuedCertificate

    public init(authority: CertificateAuthority, server: IssuedCertificate, client: IssuedCertificate) {
        self.authority = authority
        self.server = server
        self.client = client
    }

    /// Fresh material: a new CA, a serving certificate for `hosts`, a client certificate
    /// for `rudder-admin` in `system:masters`.
    public static func generate(hosts: [String] = ["127.0.0.1", "::1", "localhost"]) throws -> TLSMaterial {
        try issued(by: .generate(), hosts: hosts)
    }

    /// Material whose CA lives in `directory` (`ca.crt`, `ca.key`, created owner-only when
    /// missing or within a day of expiry), so that a restarted server is still trusted by
    /// kubeconfigs written before. Leaf certificates are issued afresh each time: the CA
    /// is what clients pin, and any certificate it signed stays acceptable.
    public static func loadOrGenerate(
        in directory: String, hosts: [String] = ["127.0.0.1", "::1", "localhost"], now: Date = Date()
    ) throws -> TLSMaterial {
        let certificatePath = directory + "/ca.crt"
        let keyPath = directory + "/ca.key"
        if let certificatePEM = try PrivateFile.load(certificatePath), let keyPEM = try PrivateFile.load(keyPath) {
            let authority = try CertificateAuthority(certificatePEM: certificatePEM, privateKeyPEM: keyPEM)
            if authority.notValidAfter > now + 86_400 {
                return try issued(by: authority, hosts: hosts, now: now)
            }
        }
        let authority = try CertificateAuthority.generate(now: now)
        try PrivateFile.makeDirectory(directory)
        // The key first: a certificate without its key is never left behind for reuse.
        try PrivateFile.store(authority.privateKeyPEM, at: keyPath)
        try PrivateFile.store(authority.certificatePEM, at: certificatePath)
        return try issued(by: authority, hosts: hosts, now: now)
    }

    private static func issued(by authority: CertificateAuthority, hosts: [String], now: Date = Date()) throws -> TLSMaterial {
        TLSMaterial(
            authority: authority,
            server: try authority.issueServerCertificate(hosts: hosts, now: now),
            client: try authority.issueClientCertificate(now: now))
    }

    /// What `HTTPServer` needs to serve TLS with this material: the serving certificate,
    /// and the CA as the only root client certificates may chain to.
    public var serverConfiguration: TLSServerConfiguration {
        TLSServerConfiguration(
            certificateChainPEM: server.certificatePEM, privateKeyPEM: server.privateKeyPEM,
            clientCertificateAuthorityPEM: authority.certificatePEM)
    }
}
