import KubeObjects

/// An error the server answers with a `kind: Status` body. The reasons and messages are
/// the API server's own, because kubectl and Helm print `message` verbatim and branch on
/// `reason` and `code`.
public struct APIError: Error, CustomStringConvertible, Sendable, Equatable {
    public var code: Int
    public var reason: String
    public var message: String
    public var details: JSONValue?
    /// Seconds the client should wait (429/503/500 fault injection).
    public var retryAfter: Int?
    /// The Status's `metadata.continue` (a 410 for a compacted continue token carries one).
    public var continueToken: String?

    public init(code: Int, reason: String, message: String, details: JSONValue? = nil, retryAfter: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
        self.retryAfter = retryAfter
    }

    public var description: String { message }

    /// The `Status` object.
    public var status: JSONValue {
        var s: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if let details { s["details"] = details }
        if let continueToken { s[path: ["metadata", "continue"]] = .string(continueToken) }
        if reason.isEmpty { s["reason"] = nil }
        return s
    }

    private static func details(_ resource: GroupVersionResource, name: String?) -> JSONValue {
        var d: JSONValue = ["kind": .string(resource.resource)]
        if let name, !name.isEmpty { d["name"] = .string(name) }
        if !resource.group.isEmpty { d["group"] = .string(resource.group) }
        return d
    }

    public static func notFound(_ resource: GroupVersionResource, name: String) -> APIError {
        APIError(
            code: 404, reason: "NotFound", message: "\(resource.groupResource) \"\(name)\" not found",
            details: details(resource, name: name))
    }

    public static func alreadyExists(_ resource: GroupVersionResource, name: String) -> APIError {
        APIError(
            code: 409, reason: "AlreadyExists", message: "\(resource.groupResource) \"\(name)\" already exists",
            details: details(resource, name: name))
    }

    public static func conflict(_ resource: GroupVersionResource, name: String, _ why: String) -> APIError {
        APIError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(resource.groupResource) \"\(name)\": \(why)",
            details: details(resource, name: name))
    }

    public static let modifiedSinceRead =
        "the object has been modified; please apply your changes to the latest version and try again"

    /// 422 with one cause per invalid field (`metadata.name: Required value`).
    public static func invalid(
        kind: String, group: String, name: String, causes: [(field: String, type: String, message: String)]
    ) -> APIError {
        let text = causes.map { "\($0.field): \($0.message)" }
        let joined = text.count == 1 ? text[0] : "[" + text.joined(separator: ", ") + "]"
        var d: JSONValue = [
            "name": .string(name), "kind": .string(kind),
            "causes": .array(causes.map { ["reason": .string($0.type), "message": .string($0.message), "field": .string($0.field)] }),
        ]
        if !group.isEmpty { d["group"] = .string(group) }
        let subject = group.isEmpty ? kind : "\(kind).\(group)"
        return APIError(code: 422, reason: "Invalid", message: "\(subject) \"\(name)\" is invalid: \(joined)", details: d)
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    public static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    public static func methodNotAllowed(_ message: String) -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: message)
    }

    public static func unsupportedMediaType(_ contentType: String, accepted: [String]) -> APIError {
        APIError(
            code: 415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - accepted media types include: "
                + accepted.joined(separator: ", "))
    }

    /// An unknown path: the server's generic 404.
    public static let pathNotFound = APIError(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource",
        details: .emptyObject)
}
