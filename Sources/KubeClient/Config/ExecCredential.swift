import Foundation
import KubeObjects

/// What an exec plugin hands back (`ExecCredential.status`): a bearer token or a client
/// certificate and key, and optionally when they expire.
public struct ExecCredentialStatus: Sendable, Hashable {
    public var token: Sensitive<String>?
    public var clientCertificate: ClientCertificate?
    /// Nil: valid until the server rejects it (client-go caches such credentials until a 401).
    public var expirationTimestamp: Date?

    public init(token: Sensitive<String>? = nil, clientCertificate: ClientCertificate? = nil, expirationTimestamp: Date? = nil) {
        self.token = token
        self.clientCertificate = clientCertificate
        self.expirationTimestamp = expirationTimestamp
    }
}

/// The `client.authentication.k8s.io` wire format both ways.
enum ExecCredentialCodec {
    /// `KUBERNETES_EXEC_INFO`: the request, with the cluster when `provideClusterInfo` is set.
    /// `interactive` is always false: Rudder never gives the plugin a terminal.
    static func request(apiVersion: String, cluster: JSONValue?) -> String {
        var spec: [String: JSONValue] = ["interactive": .bool(false)]
        if let cluster { spec["cluster"] = cluster }
        return JSONValue.object([
            "apiVersion": .string(apiVersion), "kind": .string("ExecCredential"), "spec": .object(spec),
        ]).serialized()
    }

    /// The `spec.cluster` object, shaped as client-go's `clientauthentication/v1.Cluster`.
    static func cluster(
        server: String, tlsServerName: String?, insecureSkipTLSVerify: Bool, certificateAuthorityPEM: Data?,
        proxyURL: String?, disableCompression: Bool
    ) -> JSONValue {
        var fields: [String: JSONValue] = ["server": .string(server)]
        if let tlsServerName { fields["tls-server-name"] = .string(tlsServerName) }
        if insecureSkipTLSVerify { fields["insecure-skip-tls-verify"] = .bool(true) }
        if let certificateAuthorityPEM {
            fields["certificate-authority-data"] = .string(certificateAuthorityPEM.base64EncodedString())
        }
        if let proxyURL { fields["proxy-url"] = .string(proxyURL) }
        if disableCompression { fields["disable-compression"] = .bool(true) }
        return .object(fields)
    }

    /// Reads the plugin's stdout, checking it as client-go's exec authenticator does. Errors
    /// name fields, never their values (stdout holds the secret).
    static func status(
        from stdout: Data, apiVersion: String, command: String
    ) throws(ExecCredentialError) -> ExecCredentialStatus {
        func malformed(_ reason: String) -> ExecCredentialError { .malformedOutput(command: command, reason: reason) }
        guard let document = try? JSONValue.parse([UInt8](stdout)), let root = document.objectValue else {
            throw malformed("stdout is not a JSON object")
        }
        guard root["kind"]?.stringValue == "ExecCredential" else { throw malformed("kind is not ExecCredential") }
        let returned = root["apiVersion"]?.stringValue ?? ""
        guard returned == apiVersion else {
            throw .apiVersionMismatch(command: command, expected: apiVersion, returned: returned)
        }
        guard let status = root["status"], !status.isNull else { throw malformed("there is no status field") }
        guard status.objectValue != nil else { throw malformed("status is not an object") }
        func text(_ field: String) throws(ExecCredentialError) -> String? {
            guard let value = status[field], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw malformed("status.\(field) is not a string") }
            return text.isEmpty ? nil : text
        }
        let token = try text("token")
        let certificate = try text("clientCertificateData")
        let key = try text("clientKeyData")
        var expiry: Date?
        if let timestamp = try text("expirationTimestamp") {
            guard let date = RFC3339.date(timestamp) else {
                throw malformed("status.expirationTimestamp is not an RFC 3339 time")
            }
            expiry = date
        }
        if (certificate == nil) != (key == nil) { throw .certificateWithoutKey(command: command) }
        var clientCertificate: ClientCertificate?
        if let certificate, let key {
            clientCertificate = ClientCertificate(certificatePEM: Data(certificate.utf8), privateKeyPEM: Data(key.utf8))
        }
        guard token != nil || clientCertificate != nil else { throw .noCredential(command: command) }
        return ExecCredentialStatus(
            token: token.map(Sensitive.init), clientCertificate: clientCertificate, expirationTimestamp: expiry)
    }
}

/// Kubernetes' `metav1.Time`: RFC 3339, with or without fractional seconds.
enum RFC3339 {
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
