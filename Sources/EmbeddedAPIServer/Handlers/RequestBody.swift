import KubeObjects

/// Request bodies as clients send them: JSON with or without a Content-Type (the Python
/// client sends none), YAML, and Kubernetes protobuf for the kinds Helm's storage and
/// kubectl's generators encode that way. Anything else is 415, as upstream.
enum RequestBody {
    static let acceptedMediaTypes = ["application/json", "application/yaml", KubernetesProtobuf.mediaType]

    static func mediaType(_ request: HTTPRequest) -> String {
        let raw = request.header("content-type") ?? ""
        return raw.split(separator: ";").first.map { String($0).trimmingSpaces.lowercased() } ?? ""
    }

    /// The body as an object (create, update).
    static func object(_ request: HTTPRequest) throws(APIError) -> JSONValue {
        let type = mediaType(request)
        switch type {
        case "", "application/json", "*/*":
            return try json(request.body)
        case "application/yaml", "application/x-yaml", "text/yaml":
            do {
                return try JSONValue.parseYAML(String(decoding: request.body, as: UTF8.self))
            } catch {
                throw APIError.badRequest("error decoding YAML: \(error)")
            }
        case KubernetesProtobuf.mediaType:
            do {
                return try KubernetesProtobuf.decode(request.body)
            } catch {
                throw APIError.unsupportedMediaType(type, accepted: ["application/json", "application/yaml"])
            }
        default:
            throw APIError.unsupportedMediaType(type, accepted: acceptedMediaTypes)
        }
    }

    static func json(_ body: [UInt8]) throws(APIError) -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw APIError.badRequest("couldn't get version/kind; json parse error: \(error.message)")
        }
    }

    /// DeleteOptions from the body (JSON or protobuf, possibly empty) and the query.
    static func deleteOptions(_ request: HTTPRequest) throws(APIError) -> DeleteOptions {
        var options = DeleteOptions()
        if !request.body.isEmpty {
            let json: JSONValue
            if mediaType(request) == KubernetesProtobuf.mediaType {
                do {
                    json = try KubernetesProtobuf.decode(request.body)
                } catch {
                    throw APIError.badRequest("unable to decode DeleteOptions: \(error)")
                }
            } else {
                json = try self.json(request.body)
            }
            options = try DeleteOptions(json: json)
        }
        if let p = request.query("propagationPolicy"), !p.isEmpty {
            options.propagation = try DeleteOptions(json: ["propagationPolicy": .string(p)]).propagation
        }
        if request.query("orphanDependents") == "true" && options.propagation == nil { options.propagation = .orphan }
        if request.queryAll("dryRun").contains("All") { options.dryRun = true }
        if let g = request.query("gracePeriodSeconds"), let n = Int64(g) { options.gracePeriodSeconds = n }
        return options
    }
}
