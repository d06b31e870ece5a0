import KubeObjects

/// The four PATCH bodies, by media type (`RequestBody.mediaType` strips parameters;
/// `apply-patch+cbor` is not served).
public enum PatchType: String, Sendable, CaseIterable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"

    /// What a CR accepts (no strategic merge) and a built-in kind accepts.
    static func accepted(strategic: Bool) -> [String] {
        allCases.filter { strategic || $0 != .strategic }.map(\.rawValue)
    }

    /// The patched object; `schema` drives strategic merge.
    func apply(_ body: [UInt8], to object: JSONValue, schema: ObjectSchema) throws(APIError) -> JSONValue {
        switch self {
        case .json:
            let patch: JSONPatch
            do {
                patch = try JSONPatch(decoding: try Self.parse(body))
            } catch let e as JSONPatchError {
                throw APIError(code: e.statusCode, reason: e.statusCode == 400 ? "BadRequest" : "Invalid", message: e.statusMessage)
            } catch {
                throw APIError.badRequest("error decoding patch: \(error)")
            }
            do {
                return try patch.apply(to: object)
            } catch {
                throw APIError(code: error.statusCode, reason: error.statusCode == 400 ? "BadRequest" : "Invalid", message: error.statusMessage)
            }
        case .merge:
            do {
                return try MergePatch.apply(try Self.parse(body), to: object)
            } catch let e as MergePatchError {
                throw APIError.badRequest(e.description)
            } catch {
                throw APIError.badRequest("error decoding patch: \(error)")
            }
        case .strategic:
            do {
                return try StrategicMergePatch.apply(try Self.parse(body), to: object, schema: schema)
            } catch let e as StrategicMergePatchError {
                throw APIError(code: 422, reason: "Invalid", message: e.description)
            } catch {
                throw APIError.badRequest("error decoding patch: \(error)")
            }
        case .apply:
            throw APIError.badRequest("apply patches are handled by server-side apply")
        }
    }

    static func parse(_ body: [UInt8]) throws(APIError) -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw APIError.badRequest("error decoding patch: \(error.message)")
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
