/// How to authenticate to a chart repository or registry, held in memory: the controller
/// reads them from a Secret (`username`/`password`, `ca.crt`, `tls.crt`/`tls.key`) and
/// nothing is written to disk.
///
/// `description` never shows the password or the key, so a value printed by mistake
/// leaks nothing; errors never carry these values at all.
public struct ChartSourceCredentials: Sendable, Hashable, CustomStringConvertible {
    public var username: String
    public var password: String
    /// PEM bundle of CAs trusted instead of the system's.
    public var caPEM: [UInt8]?
    /// PEM client certificate and key for mutual TLS.
    public var certificatePEM: [UInt8]?
    public var privateKeyPEM: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    /// Send the username/password to other hosts an index points archives at (Helm's
    /// `pass_credentials_all`); off, so a password reaches only the repository's origin.
    public var passCredentialsAll: Bool

    public init(
        username: String = "", password: String = "", caPEM: [UInt8]? = nil, certificatePEM: [UInt8]? = nil,
        privateKeyPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false, passCredentialsAll: Bool = false
    ) {
        self.username = username
        self.password = password
        self.caPEM = caPEM
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.passCredentialsAll = passCredentialsAll
    }

    public static let anonymous = ChartSourceCredentials()

    public var hasBasicAuth: Bool { !username.isEmpty || !password.isEmpty }

    public var description: String {
        var parts: [String] = []
        if hasBasicAuth { parts.append("username: \(username), password: <redacted>") }
        if caPEM != nil { parts.append("custom CA") }
        if certificatePEM != nil { parts.append("client certificate") }
        if insecureSkipTLSVerify { parts.append("insecure") }
        return parts.isEmpty ? "anonymous" : parts.joined(separator: ", ")
    }
}
