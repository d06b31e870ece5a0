import Foundation
import KubeObjects

/// A kubeconfig with one cluster, one user and one context (all named `name`), as
/// `rudder dev --apiserver-only --kubeconfig PATH` hands to kubectl, Helm and the Python
/// client. Credentials are embedded (`*-data`), so the file alone is enough.
public struct Kubeconfig: Sendable, Equatable {
    /// How the user authenticates.
    public enum Credentials: Sendable, Equatable {
        /// None: for plain HTTP (where Go clients would not send any anyway). Over https
        /// kubectl reacts to a user without credentials by prompting for a basic-auth
        /// user name on stdin, so give TLS kubeconfigs a certificate or a token.
        case none
        case clientCertificate(IssuedCertificate)
        case bearerToken(String)
    }

    /// `https://127.0.0.1:PORT` or `http://127.0.0.1:PORT`.
    public var server: String
    /// The CA the server certificate is checked against; nil for plain HTTP.
    public var certificateAuthorityPEM: String?
    public var credentials: Credentials
    /// The cluster, user and context name.
    public var name: String

    public init(server: String, certificateAuthorityPEM: String?, credentials: Credentials, name: String = "rudder") {
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.credentials = credentials
        self.name = name
    }

    /// For a plain-HTTP server on the loopback port.
    public static func plainHTTP(host: String = "127.0.0.1", port: Int) -> Kubeconfig {
        Kubeconfig(server: "http://\(Self.authority(host, port))", certificateAuthorityPEM: nil, credentials: .none)
    }

    /// For a TLS server using `material`, authenticating with `credentials` (by default the
    /// material's administrator client certificate).
    public static func tls(
        host: String = "127.0.0.1", port: Int, material: TLSMaterial, credentials: Credentials? = nil
    ) -> Kubeconfig {
        Kubeconfig(
            server: "https://\(Self.authority(host, port))", certificateAuthorityPEM: material.authority.certificatePEM,
            credentials: credentials ?? .clientCertificate(material.client))
    }

    private static func authority(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The YAML document. Every scalar is written as a double-quoted JSON string, which is
    /// valid YAML whatever the name, token or URL holds.
    public var yaml: String {
        let name = Self.quoted(name)
        var cluster = ["    server: \(Self.quoted(server))"]
        if let certificateAuthorityPEM {
            cluster.append("    certificate-authority-data: \(Self.quoted(Self.base64(certificateAuthorityPEM)))")
        }
        let user: [String]
        switch credentials {
        case .none:
            user = ["  user: {}"]
        case .clientCertificate(let certificate):
            user = [
                "  user:",
                "    client-certificate-data: \(Self.quoted(Self.base64(certificate.certificatePEM)))",
                "    client-key-data: \(Self.quoted(Self.base64(certificate.privateKeyPEM)))",
            ]
        case .bearerToken(let token):
            user = ["  user:", "    token: \(Self.quoted(token))"]
        }
        let lines =
            ["apiVersion: v1", "kind: Config", "preferences: {}", "clusters:", "- name: \(name)", "  cluster:"]
            + cluster
            + ["users:", "- name: \(name)"] + user
            + ["contexts:", "- name: \(name)", "  context:", "    cluster: \(name)", "    user: \(name)"]
            + ["current-context: \(name)"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the file atomically and owner-only (0600): it holds a private key or token,
    /// and kubectl warns about group- or world-readable kubeconfigs.
    public func write(to path: String) throws(TLSMaterialError) {
        try PrivateFile.store(yaml, at: path)
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// A YAML double-quoted scalar: a JSON string is one (YAML's double-quoted escapes are
    /// a superset of JSON's).
    private static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }
}
