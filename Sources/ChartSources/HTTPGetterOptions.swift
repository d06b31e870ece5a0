import Values

/// How one HTTP(S) GET is made: Helm's `getter.Option`s for its HTTP getter
/// (`WithBasicAuth`, `WithPassCredentialsAll`, `WithTLSClientConfig`,
/// `WithInsecureSkipVerifyTLS`, `WithTimeout`, `WithUserAgent`) plus a size limit.
public struct HTTPGetterOptions: Sendable {
    public var username = ""
    /// Never printed: `description` and every error leave it out.
    public var password = ""
    /// Send the credentials to every host, including other hosts a chart URL or a
    /// redirect points at. Off by default, as in Helm (`pass_credentials_all`), so
    /// a repository's password reaches only the repository's own origin.
    public var passCredentialsAll = false
    /// The URL the credentials belong to (the repository URL). Requests to another
    /// origin go without them unless `passCredentialsAll`. `nil`: the request URL.
    public var credentialsURL: String?
    /// PEM bundle of CAs to trust instead of the system's.
    public var caFile = ""
    /// PEM client certificate and key for mutual TLS.
    public var certFile = ""
    public var keyFile = ""
    public var insecureSkipTLSVerify = false
    /// Seconds; 0 means no limit. Helm's HTTP getter times out after 120 s overall
    /// by default, and Go's dialer after 30 s.
    public var connectTimeout: Double = 30
    public var timeout: Double = 120
    public var userAgent = "rudder/" + RudderVersion.string
    /// The largest body accepted, in bytes (Helm refuses repository indexes and charts
    /// above its own limits; a hostile server must not fill memory).
    public var maxBytes = 256 << 20
    /// Redirects followed at most (Go's client stops after 10).
    public var maxRedirects = 10

    public init() {}

    /// Whether these options carry credentials for `url`.
    func sendsCredentials(to url: String) -> Bool {
        if username.isEmpty && password.isEmpty { return false }
        if passCredentialsAll { return true }
        guard let owner = credentialsURL else { return true }
        guard let a = ChartURL(owner), let b = ChartURL(url) else { return false }
        return a.sameOrigin(as: b)
    }
}
