import KubeObjects

/// Answers as the API server writes them: JSON bodies, `Status` objects for errors and
/// immediate deletes, and `Warning` headers.
enum Responses {
    static func json(_ status: Int, _ body: JSONValue, warnings: [String] = [], contentType: String = "application/json") -> HTTPResponse {
        var headers: [(name: String, value: String)] = [("Content-Type", contentType), ("Cache-Control", "no-cache, private")]
        for w in warnings {
            // RFC 7234 warn-text is a quoted string.
            let quoted = String(w.flatMap { $0 == "\"" || $0 == "\\" ? ["\\", $0] : [$0] })
            headers.append(("Warning", "299 - \"\(quoted)\""))
        }
        return HTTPResponse(status: status, headers: headers, body: .bytes(body.serializedBytes()))
    }

    static func error(_ error: APIError) -> HTTPResponse {
        var response = json(error.code, error.status)
        if let after = error.retryAfter { response.headers.append(("Retry-After", String(after))) }
        return response
    }

    /// `Status` with `status: Success`, as a delete that removed the object answers.
    static func deleted(_ object: JSONValue, rules: ResourceRules) -> HTTPResponse {
        var details: JSONValue = [
            "name": .string(object.metadataName ?? ""), "kind": .string(rules.resource.plural),
            "uid": object[path: ["metadata", "uid"]] ?? "",
        ]
        if !rules.resource.group.isEmpty { details["group"] = .string(rules.resource.group) }
        return json(200, ["kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Success", "details": details])
    }

    static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: .bytes(Array(text.utf8)))
    }
}
