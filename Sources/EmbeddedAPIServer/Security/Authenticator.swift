import Crypto

/// Decides who sent a request, as kube-apiserver's authenticator chain does: a verified
/// client certificate (user = CN) first, then a bearer token; a request with no credentials
/// is anonymous or refused. Plain HTTP is never authenticated, because Go clients (kubectl,
/// Helm) send no `Authorization` header over `http://` even with a token configured.
public struct Authenticator: Sendable {
    /// Tokens accepted in `Authorization: Bearer …`. Empty strings are never accepted.
    public var bearerTokens: [String]
    /// Whether a TLS request with no credentials at all passes (as `system:anonymous`).
    /// A wrong token is refused regardless, as kube-apiserver refuses it.
    public var allowsAnonymous: Bool

    public init(bearerTokens: [String] = [], allowsAnonymous: Bool = false) {
        self.bearerTokens = bearerTokens
        self.allowsAnonymous = allowsAnonymous
    }

    /// The caller of `request`, or `APIError.unauthorized`.
    public func authenticate(_ request: HTTPRequest) throws(APIError) -> Caller {
        guard case .tls(let commonName, let organizations) = request.peer else { return .plainHTTP }
        if let commonName { return .clientCertificate(commonName: commonName, organizations: organizations) }
        if let token = Self.bearerToken(in: request.header("authorization")) {
            guard accepts(token) else { throw .unauthorized }
            return .bearerToken
        }
        guard allowsAnonymous else { throw .unauthorized }
        return .anonymous
    }

    /// The token of `Bearer <token>` (scheme case-insensitive, as client-go's server side
    /// parses it); nil for no header, another scheme or an empty token, which count as no
    /// credentials rather than wrong ones.
    static func bearerToken(in header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.trimmingASCIISpaces().split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }

    /// Compares digests, not the tokens, and visits every configured token, so neither the
    /// position of the first differing byte nor which token matched shows in the timing.
    func accepts(_ token: String) -> Bool {
        let offered = Array(SHA256.hash(data: Array(token.utf8)))
        var matched: UInt8 = 0
        for candidate in bearerTokens {
            let expected = Array(SHA256.hash(data: Array(candidate.utf8)))
            var difference: UInt8 = candidate.isEmpty ? 1 : 0
            for i in 0..<expected.count { difference |= expected[i] ^ offered[i] }
            matched |= difference == 0 ? 1 : 0
        }
        return matched == 1
    }

    /// Who an authenticated request comes from.
    public enum Caller: Sendable, Equatable {
        /// Plain HTTP, where no authentication happens.
        case plainHTTP
        /// A verified client certificate; the CN is the user name, each O a group.
        case clientCertificate(commonName: String, organizations: [String] = [])
        /// One of the accepted bearer tokens.
        case bearerToken
        /// TLS without credentials, allowed by `allowsAnonymous`.
        case anonymous
    }
}

extension String {
    fileprivate func trimmingASCIISpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
