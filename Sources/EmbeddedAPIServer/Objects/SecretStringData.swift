import KubeObjects

/// Secret `stringData` is write-only. A real server decodes every body into the internal
/// Secret, whose v1 conversion merges each `stringData` key into `data` (base64 of the
/// string's UTF-8, taking precedence over a `data` value under the same key); the internal
/// type has no `stringData`, so it is never stored, returned or sent on a watch.
///
/// Where the conversion happens relative to field management matters, as upstream:
/// create, update and the JSON/merge/strategic patches record managedFields on the
/// converted object (the writer owns `f:data`), while server-side apply computes ownership
/// on the applied v1 object first, so the applier owns `f:stringData` keys and no `f:data`
/// — which is why dropping a `stringData` key from a later apply leaves its `data` key
/// behind on a real cluster (kubernetes/kubernetes#108008), and here too.
extension ResourceRules {
    var isSecret: Bool { resource.group.isEmpty && resource.kind == "Secret" }

    /// Folds `stringData` into `data` for a Secret; anything else is left alone.
    func mergeStringData(_ object: inout JSONValue) throws(APIError) {
        guard isSecret, let stringData = object["stringData"] else { return }
        object["stringData"] = nil
        let entries: [String: JSONValue]
        switch stringData {
        case .null:
            return
        case .object(let o):
            entries = o
        default:
            throw Self.undecodable("cannot unmarshal \(Self.goJSONType(stringData)) into Go struct field Secret.stringData of type map[string]string")
        }
        guard !entries.isEmpty else { return }
        var data = object["data"]?.objectValue ?? [:]
        for (key, value) in entries {
            switch value {
            // Go decodes a JSON null into a string as "".
            case .null: data[key] = .string("")
            case .string(let s): data[key] = .string(Base64.encode(Array(s.utf8)))
            default:
                // The error names the JSON type only, never the value: it may be a secret.
                throw Self.undecodable("cannot unmarshal \(Self.goJSONType(value)) into Go struct field Secret.stringData of type string")
            }
        }
        object["data"] = .object(data)
    }

    private static func undecodable(_ reason: String) -> APIError {
        APIError.badRequest("Secret in version \"v1\" cannot be handled as a Secret: json: \(reason)")
    }

    /// The JSON type name Go's encoding/json puts in an UnmarshalTypeError.
    private static func goJSONType(_ value: JSONValue) -> String {
        switch value {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .bool: return "bool"
        case .null: return "null"
        default: return "number"
        }
    }
}
