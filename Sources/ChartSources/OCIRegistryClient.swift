import Charts
import Synchronization
import Values

/// The read side of Helm's registry client over the distribution API: list a chart's
/// tags, get a manifest, get a blob; with anonymous, basic and token authentication.
///
/// Authentication is negotiated as registries expect (and as oras, under Helm, does):
/// the request goes out anonymously (or with what the last challenge needed); a `401`
/// carries `WWW-Authenticate`, and the client answers `Basic` with the credentials, or
/// `Bearer realm=…,service=…,scope=…` by getting a token from the realm (with the
/// credentials, when it has some) and retrying with it. The scheme learnt is kept for
/// the client's next requests. Blocking (libcurl): used from `BlockingWorkers` only.
final class OCIRegistryClient: @unchecked Sendable {
    let registry: String
    let credentials: ChartSourceCredentials
    let plainHTTP: Bool
    let exchange: HTTPExchange
    /// The `Authorization` value the registry accepted last, per scope. Never printed.
    /// Locked: requests that share a resolution may fetch blobs from different threads.
    private let authorization = Mutex<[String: String]>([:])

    init(registry: String, credentials: ChartSourceCredentials, plainHTTP: Bool, exchange: HTTPExchange) {
        self.registry = registry
        self.credentials = credentials
        self.plainHTTP = plainHTTP
        var e = exchange
        e.credentials = credentials
        self.exchange = e
    }

    var baseURL: String { (plainHTTP ? "http://" : "https://") + registry }

    /// Every tag of `reference`'s repository, following `Link: <…>; rel="next"` pages.
    func tags(_ reference: OCIReference) throws(ChartSourceError) -> [String] {
        var url = baseURL + "/v2/\(reference.repository)/tags/list"
        var tags: [String] = []
        for _ in 0..<100 {
            let response = try get(url, reference: reference, accept: "application/json", what: "repository \(reference.repository)")
            guard case .map(let m, _)? = try? JSON.decode(String(decoding: response.body, as: UTF8.self)) else {
                throw .registry(reference: reference.description, url: url, status: response.status, message: "tag list is not JSON")
            }
            if case .list(let items, _)? = m["tags"] {
                for case .string(let t) in items { tags.append(t) }
            }
            guard let link = response.header("link"), let next = Self.nextLink(link) else { return tags }
            url = next.hasPrefix("/") ? baseURL + next : next
        }
        return tags
    }

    /// The manifest bytes for a tag or digest, and their digest (computed here: the
    /// registry's `Docker-Content-Digest` header is only a claim).
    func manifest(_ reference: OCIReference, tagOrDigest: String) throws(ChartSourceError) -> (bytes: [UInt8], digest: String) {
        let url = baseURL + "/v2/\(reference.repository)/manifests/\(tagOrDigest)"
        let response = try get(
            url, reference: reference, accept: OCIManifest.manifestMediaType,
            what: tagOrDigest.hasPrefix("sha256:") ? "manifest \(tagOrDigest)" : "tag \(tagOrDigest)")
        return (response.body, "sha256:" + RepoIndex.digest(of: response.body))
    }

    func blob(_ reference: OCIReference, digest: String) throws(ChartSourceError) -> [UInt8] {
        let url = baseURL + "/v2/\(reference.repository)/blobs/\(digest)"
        return try get(url, reference: reference, accept: "*/*", what: "blob \(digest)").body
    }

    // MARK: - Requests with authentication

    private func get(_ url: String, reference: OCIReference, accept: String, what: String) throws(ChartSourceError) -> HTTPExchange.Response {
        let scope = "repository:\(reference.repository):pull"
        var response = try send(url, reference: reference, accept: accept, authorization: authorization.withLock { $0[scope] })
        if response.status == 401 {
            let header = try authorize(response, scope: scope, reference: reference)
            authorization.withLock { $0[scope] = header }
            response = try send(url, reference: reference, accept: accept, authorization: header)
            if response.status == 401 {
                throw .unauthorized(
                    reference: reference.description, registry: registry,
                    reason: credentials.hasBasicAuth ? "the credentials were refused" : "the registry requires credentials and none were given")
            }
        }
        switch response.status {
        case 200..<300: return response
        case 403:
            throw .unauthorized(reference: reference.description, registry: registry, reason: "access to \(reference.repository) is denied")
        case 404:
            throw .ociNotFound(reference: reference.description, what: "\(what)\(Self.errorMessage(response.body).map { " (\($0))" } ?? "")")
        default:
            throw .registry(reference: reference.description, url: url, status: response.status, message: Self.errorMessage(response.body) ?? "")
        }
    }

    private func send(_ url: String, reference: OCIReference, accept: String, authorization: String?) throws(ChartSourceError) -> HTTPExchange.Response {
        var headers = [("Accept", accept)]
        if let authorization { headers.append(("Authorization", authorization)) }
        do { return try exchange.get(url, headers: headers) } catch {
            throw .registryUnreachable(reference: reference.description, underlying: error)
        }
    }

    /// The `Authorization` value that answers a 401's challenge.
    private func authorize(_ response: HTTPExchange.Response, scope: String, reference: OCIReference) throws(ChartSourceError) -> String {
        let denied = { (reason: String) in ChartSourceError.unauthorized(reference: reference.description, registry: self.registry, reason: reason) }
        guard let header = response.header("www-authenticate"), let challenge = OCIAuthChallenge(header: header) else {
            throw denied("401 without a WWW-Authenticate challenge")
        }
        switch challenge.scheme {
        case "basic":
            guard credentials.hasBasicAuth else { throw denied("the registry requires credentials and none were given") }
            return basicAuthorization
        case "bearer":
            return "Bearer " + (try token(challenge, scope: scope, reference: reference))
        default:
            throw denied("unsupported authentication scheme \"\(challenge.scheme)\"")
        }
    }

    private var basicAuthorization: String {
        var out: [UInt8] = []
        StdBase64.appendEncoded(Array("\(credentials.username):\(credentials.password)".utf8), to: &out)
        return "Basic " + String(decoding: out, as: UTF8.self)
    }

    /// The distribution token flow: GET `realm?service=…&scope=…` (with basic
    /// credentials when there are some; anonymous tokens otherwise) → `{"token": …}`
    /// (or the OAuth2 spelling `access_token`).
    private func token(_ challenge: OCIAuthChallenge, scope: String, reference: OCIReference) throws(ChartSourceError) -> String {
        let denied = { (reason: String) in ChartSourceError.unauthorized(reference: reference.description, registry: self.registry, reason: reason) }
        guard let realm = challenge.realm, let realmURL = ChartURL(realm), realmURL.scheme == "https" || realmURL.scheme == "http" else {
            throw denied("the Bearer challenge has no usable realm")
        }
        var query: [String] = []
        if let service = challenge.parameters["service"] { query.append("service=" + Self.percentEncoded(service)) }
        query.append("scope=" + Self.percentEncoded(challenge.parameters["scope"] ?? scope))
        let url = realm + (realm.contains("?") ? "&" : "?") + query.joined(separator: "&")
        var headers: [(String, String)] = [("Accept", "application/json")]
        if credentials.hasBasicAuth { headers.append(("Authorization", basicAuthorization)) }
        let response: HTTPExchange.Response
        do { response = try exchange.get(url, headers: headers) } catch {
            throw .registryUnreachable(reference: reference.description, underlying: error)
        }
        guard response.status == 200 else {
            throw denied(
                response.status == 401 || response.status == 403
                    ? "the token service \(realmURL.redacted) refused the credentials"
                    : "the token service \(realmURL.redacted) answered \(response.status)")
        }
        guard case .map(let m, _)? = try? JSON.decode(String(decoding: response.body, as: UTF8.self)) else {
            throw denied("the token service's answer is not JSON")
        }
        for key in ["token", "access_token"] {
            if case .string(let t)? = m[key], !t.isEmpty { return t }
        }
        throw denied("the token service's answer has no token")
    }

    // MARK: - Helpers

    /// The first message of a distribution error body (`{"errors":[{"code":…,"message":…}]}`).
    static func errorMessage(_ body: [UInt8]) -> String? {
        guard case .map(let m, _)? = try? JSON.decode(String(decoding: body, as: UTF8.self)),
            case .list(let errors, _)? = m["errors"], case .map(let first, _)? = errors.first
        else { return nil }
        var parts: [String] = []
        if case .string(let code)? = first["code"] { parts.append(code) }
        if case .string(let message)? = first["message"] { parts.append(message) }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }

    /// `<url>; rel="next"` from a `Link` header.
    static func nextLink(_ header: String) -> String? {
        for part in header.split(separator: ",") {
            guard part.contains("rel=\"next\"") || part.contains("rel=next"),
                let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close
            else { continue }
            return String(part[part.index(after: open)..<close])
        }
        return nil
    }

    static func percentEncoded(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
            default: out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
