/// Settings given explicitly (kubectl's global flags), which beat the kubeconfig's. Nil
/// leaves the kubeconfig's value.
public struct ConfigOverrides: Sendable, Equatable {
    /// `--context`: must exist.
    public var context: String?
    /// `--cluster`, `--user`: replace the context's; must exist.
    public var cluster: String?
    public var user: String?
    /// `--namespace`.
    public var namespace: String?
    /// `--server`.
    public var server: String?
    /// `--token`: replaces the user's token, token file, basic auth and exec plugin.
    public var token: String?
    /// `--certificate-authority` (a path): replaces the cluster's CA and insecure setting.
    public var certificateAuthority: String?
    /// `--insecure-skip-tls-verify`.
    public var insecureSkipTLSVerify: Bool?
    /// `--tls-server-name`.
    public var tlsServerName: String?
    /// `--as`, `--as-uid`, `--as-group` (repeatable): replace the user's `as…` fields.
    public var impersonate: String?
    public var impersonateUID: String?
    public var impersonateGroups: [String]

    public init(
        context: String? = nil, cluster: String? = nil, user: String? = nil, namespace: String? = nil,
        server: String? = nil, token: String? = nil, certificateAuthority: String? = nil,
        insecureSkipTLSVerify: Bool? = nil, tlsServerName: String? = nil, impersonate: String? = nil,
        impersonateUID: String? = nil, impersonateGroups: [String] = []
    ) {
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.server = server
        self.token = token
        self.certificateAuthority = certificateAuthority
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.impersonate = impersonate
        self.impersonateUID = impersonateUID
        self.impersonateGroups = impersonateGroups
    }
}

extension Optional where Wrapped == String {
    /// kubectl treats an empty flag as an absent one.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
