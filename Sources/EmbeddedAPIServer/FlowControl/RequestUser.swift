/// Who a request acts as (kube-apiserver's `user.Info`): flow control classifies by it and
/// authorization decides on it. The authenticated caller, or whom it impersonates.
public struct RequestUser: Sendable, Equatable {
    public var name: String
    public var groups: [String]
    /// Only impersonation (`Impersonate-Uid`) sets it: no authenticator here knows one.
    public var uid: String?
    /// `Impersonate-Extra-<key>` values, keys lower-cased as kube-apiserver keeps them.
    public var extra: [String: [String]]

    public init(name: String, groups: [String], uid: String? = nil, extra: [String: [String]] = [:]) {
        self.name = name
        self.groups = groups
        self.uid = uid
        self.extra = extra
    }

    /// The group whose members every authorizer allows everything (`system:masters`).
    public static let privilegedGroup = "system:masters"

    public var isPrivileged: Bool { groups.contains(Self.privilegedGroup) }

    /// - plain HTTP: the old insecure port's user, `system:unsecured` in `system:masters`
    ///   (plain HTTP is loopback development and the benchmarks, never limited);
    /// - a client certificate: CN and O, as kube-apiserver reads them;
    /// - a bearer token: this server's tokens stand in for service account tokens (the
    ///   in-cluster configuration) but name no account, so all of them are one user
    ///   (`bearerTokenUserName`; the built-in policy makes it a cluster administrator);
    /// - no credentials: `system:anonymous`.
    public init(_ caller: Authenticator.Caller?) {
        switch caller {
        case .plainHTTP, nil:
            self.init(name: "system:unsecured", groups: ["system:masters", "system:authenticated"])
        case .clientCertificate(let commonName, let organizations):
            self.init(name: commonName, groups: organizations + ["system:authenticated"])
        case .bearerToken:
            self.init(name: Self.bearerTokenUserName, groups: ["system:serviceaccounts", "system:authenticated"])
        case .anonymous:
            self.init(name: "system:anonymous", groups: ["system:unauthenticated"])
        }
    }

    /// The user every configured bearer token authenticates as.
    public static let bearerTokenUserName = "system:serviceaccount:bearer-token"
}
