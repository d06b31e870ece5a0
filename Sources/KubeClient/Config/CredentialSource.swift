import Foundation

/// Where the credential for each request comes from. Tokens that change (a rotated
/// service-account token, an exec plugin's short-lived token) are asked for per request;
/// the sources cache what they can.
public enum CredentialSource: Sendable, CustomStringConvertible {
    case none
    case bearerToken(Sensitive<String>)
    /// Re-read as it is rotated (in-cluster tokens, `tokenFile`).
    case tokenFile(BearerTokenFile)
    case basicAuth(username: String, password: Sensitive<String>)
    case exec(ExecCredentialPlugin)

    /// The credential to send now.
    public func credential() async throws(CredentialError) -> RequestCredential {
        switch self {
        case .none:
            return .none
        case .bearerToken(let token):
            return .bearerToken(token)
        case .tokenFile(let file):
            do {
                return .bearerToken(try await file.token())
            } catch {
                throw .tokenFile(error)
            }
        case .basicAuth(let username, let password):
            return .basicAuth(username: username, password: password)
        case .exec(let plugin):
            do {
                let status = try await plugin.credential()
                if let token = status.token { return .bearerToken(token) }
                if let certificate = status.clientCertificate { return .clientCertificate(certificate) }
                return .none
            } catch {
                throw .exec(error)
            }
        }
    }

    /// Drops a cached credential after the server answered 401, so that the next request
    /// gets a fresh one (client-go re-runs exec plugins on 401 the same way).
    public func invalidate() async {
        if case .exec(let plugin) = self { await plugin.invalidate() }
    }

    /// Whether asking again after a 401 can yield a different credential.
    public var canRefresh: Bool {
        switch self {
        case .tokenFile, .exec: return true
        case .none, .bearerToken, .basicAuth: return false
        }
    }

    public var description: String {
        switch self {
        case .none: return "none"
        case .bearerToken: return "bearer token"
        case .tokenFile(let file): return "token file \(file.path)"
        case .basicAuth(let username, _): return "basic auth as \(username)"
        case .exec(let plugin): return "exec plugin \(plugin.command)"
        }
    }
}

/// The credential of one request.
public enum RequestCredential: Sendable, Hashable {
    case none
    case bearerToken(Sensitive<String>)
    case basicAuth(username: String, password: Sensitive<String>)
    /// From an exec plugin: replaces the kubeconfig's client certificate for the TLS handshake.
    case clientCertificate(ClientCertificate)

    /// The `Authorization` header value (`Bearer …` or `Basic …`), if this credential has one.
    /// It holds the secret: put it on the wire, never in a log.
    public var authorizationHeader: String? {
        switch self {
        case .bearerToken(let token):
            return "Bearer " + token.value
        case .basicAuth(let username, let password):
            return "Basic " + Data("\(username):\(password.value)".utf8).base64EncodedString()
        case .none, .clientCertificate:
            return nil
        }
    }
}

/// A credential could not be had at request time.
public enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    case tokenFile(BearerTokenFileError)
    case exec(ExecCredentialError)

    public var description: String {
        switch self {
        case .tokenFile(let error): return error.description
        case .exec(let error): return error.description
        }
    }
}
