/// Why a GET failed. Every case carries the URL as `ChartURL.redacted` prints it, so a
/// password in a URL never reaches a message; option passwords are never carried.
public enum HTTPGetterError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Not an `http`/`https` URL, or not parsable.
    case invalidURL(url: String)
    /// The server answered with a status of 400 or more. `status` is the status line's
    /// text (`404 Not Found`), as Go's `resp.Status` holds it.
    case status(url: String, code: Int, status: String)
    /// libcurl could not complete the transfer (DNS, connect, TLS, timeout…).
    case transport(url: String, code: Int32, message: String)
    /// The body exceeded `HTTPGetterOptions.maxBytes`.
    case tooLarge(url: String, limit: Int)

    public var url: String {
        switch self {
        case .invalidURL(let u), .status(let u, _, _), .transport(let u, _, _), .tooLarge(let u, _): return u
        }
    }

    /// Helm's HTTP getter wording: `failed to fetch <url> : 404 Not Found` for a status,
    /// Go's `Get "<url>": <reason>` for a transport failure.
    public var description: String {
        switch self {
        case .invalidURL(let u): return "invalid URL \"\(u)\": only http and https are supported"
        case .status(let u, _, let status): return "failed to fetch \(u) : \(status)"
        case .transport(let u, _, let message): return "Get \"\(u)\": \(message)"
        case .tooLarge(let u, let limit): return "Get \"\(u)\": response body exceeds the limit of \(limit) bytes"
        }
    }
}
