import Foundation
import KubeObjects

/// An error answer from the API server, decoded from its `Status` body: the reason and
/// code clients branch on (NotFound, AlreadyExists, Conflict, Expired, Invalid…), the
/// server's message, the causes of a 422 or an SSA conflict, and `Retry-After`.
public struct KubeAPIError: Error, CustomStringConvertible, Sendable, Equatable {
    public var code: Int
    public var reason: String
    public var message: String
    public var causes: [Cause]
    /// Seconds from `Retry-After` (429, 503, some 500s), or `details.retryAfterSeconds`.
    public var retryAfter: Int?
    /// What the request was, for the message (`GET /api/v1/...`); no query, so no secrets.
    public var request: String

    public struct Cause: Sendable, Equatable {
        public var reason: String
        public var message: String
        public var field: String

        public init(reason: String, message: String, field: String) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public init(code: Int, reason: String, message: String, causes: [Cause] = [], retryAfter: Int? = nil, request: String = "") {
        self.code = code
        self.reason = reason
        self.message = message
        self.causes = causes
        self.retryAfter = retryAfter
        self.request = request
    }

    /// Decodes an error answer; a body that is not a `Status` (a proxy's HTML page, an
    /// empty 401 from a Go server) still gives the status code and a reason from it.
    public init(status code: Int, body: [UInt8], retryAfterHeader: String?, request: String) {
        let json = try? JSONValue.parse(body)
        let isStatus = json?["kind"]?.stringValue == "Status"
        let reason = isStatus ? json?["reason"]?.stringValue ?? "" : ""
        var message = isStatus ? json?["message"]?.stringValue ?? "" : ""
        if message.isEmpty {
            let text = String(decoding: body.prefix(512), as: UTF8.self)
            message = text.isEmpty ? "the server responded with status \(code)" : text
        }
        let causes = (json?[path: ["details", "causes"]]?.arrayValue ?? []).map {
            Cause(reason: $0["reason"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "", field: $0["field"]?.stringValue ?? "")
        }
        let retry = retryAfterHeader.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? json?[path: ["details", "retryAfterSeconds"]]?.intValue.map(Int.init)
        self.init(
            code: code, reason: reason.isEmpty ? Self.reason(forCode: code) : reason, message: message, causes: causes,
            retryAfter: retry, request: request)
    }

    /// client-go's `reasonForCode` for bodies without a Status.
    static func reason(forCode code: Int) -> String {
        switch code {
        case 400: return "BadRequest"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 405: return "MethodNotAllowed"
        case 406: return "NotAcceptable"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 413: return "RequestEntityTooLarge"
        case 415: return "UnsupportedMediaType"
        case 422: return "Invalid"
        case 429: return "TooManyRequests"
        case 500: return "InternalError"
        case 503: return "ServiceUnavailable"
        case 504: return "Timeout"
        default: return "Unknown"
        }
    }

    public var description: String { request.isEmpty ? message : "\(request): \(message)" }

    public var isNotFound: Bool { reason == "NotFound" || code == 404 }
    public var isAlreadyExists: Bool { reason == "AlreadyExists" }
    /// A stale resourceVersion, or an SSA conflict (`causes` name the managers).
    public var isConflict: Bool { code == 409 && reason == "Conflict" }
    /// The resourceVersion is too old: relist (410 Expired / Gone).
    public var isGone: Bool { code == 410 || reason == "Expired" || reason == "Gone" }
    public var isInvalid: Bool { code == 422 || reason == "Invalid" }
    public var isForbidden: Bool { code == 403 }
    public var isUnauthorized: Bool { code == 401 }
    /// Worth retrying after a pause: throttling, overload, timeouts, internal errors.
    public var isRetryable: Bool { [429, 500, 502, 503, 504].contains(code) }
}
