import Foundation

/// A kubeconfig user entry (client-go's `AuthInfo`): how to prove who we are.
public struct KubeconfigUser: Sendable, Equatable {
    /// Paths; relative ones are resolved against the kubeconfig's folder when it is read.
    public var clientCertificate: String?
    public var clientKey: String?
    /// PEM bytes (base64 in the file).
    public var clientCertificateData: Data?
    public var clientKeyData: Sensitive<Data>?
    public var token: Sensitive<String>?
    /// A file holding the token, re-read as it rotates (`tokenFile`).
    public var tokenFile: String?
    public var username: String?
    public var password: Sensitive<String>?
    public var exec: ExecPluginConfiguration?
    /// The name of a legacy `auth-provider` (gcp, azure, oidc). Kept only so that choosing
    /// such a user fails with a clear error instead of silently going anonymous.
    public var authProvider: String?
    /// `as`, `as-uid`, `as-groups`, `as-user-extra`: act as this user (client-go reads
    /// the others only when `as` is set).
    public var impersonate: String?
    public var impersonateUID: String?
    public var impersonateGroups: [String]
    public var impersonateUserExtra: [String: [String]]

    public init(
        clientCertificate: String? = nil, clientKey: String? = nil, clientCertificateData: Data? = nil,
        clientKeyData: Sensitive<Data>? = nil, token: Sensitive<String>? = nil, tokenFile: String? = nil,
        username: String? = nil, password: Sensitive<String>? = nil, exec: ExecPluginConfiguration? = nil,
        authProvider: String? = nil, impersonate: String? = nil, impersonateUID: String? = nil,
        impersonateGroups: [String] = [], impersonateUserExtra: [String: [String]] = [:]
    ) {
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.clientCertificateData = clientCertificateData
        self.clientKeyData = clientKeyData
        self.token = token
        self.tokenFile = tokenFile
        self.username = username
        self.password = password
        self.exec = exec
        self.authProvider = authProvider
        self.impersonate = impersonate
        self.impersonateUID = impersonateUID
        self.impersonateGroups = impersonateGroups
        self.impersonateUserExtra = impersonateUserExtra
    }
}
