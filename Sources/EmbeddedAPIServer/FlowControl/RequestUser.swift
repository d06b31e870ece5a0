/// The user flow control classifies by: kube-apiserver's `user.Info` name and groups, as
/// far as this server's authenticator knows them.
public struct RequestUser: Sendable, Equatable {
    public var name: String
    public var groups: [String]

    public init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups
    }

    /// - plain HTTP: the old insecure port's user, `system:unsecured` in `system:masters`
    ///   (plain HTTP is loopback development and the benchmarks, never limited);
    /// - a client certificate: CN and O, as kube-apiserver reads them;
    /// - a bearer token: this server's tokens stand in for service account tokens (the
    ///   in-cluster configuration) but name no account, so all of them are one user;
    /// - no credentials: `system:anonymous`.
    public init(_ caller: Authenticator.Caller?) {
        switch caller {
        case .plainHTTP, nil:
            self.init(name: "system:unsecured", groups: ["system:masters", "system:authenticated"])
        case .clientCertificate(let commonName, let organizations):
            self.init(name: commonName, groups: organizations + ["system:authenticated"])
        case .bearerToken:
            self.init(name: "system:serviceaccount:bearer-token", groups: ["system:serviceaccounts", "system:authenticated"])
        case .anonymous:
            self.init(name: "system:anonymous", groups: ["system:unauthenticated"])
        }
    }
}
