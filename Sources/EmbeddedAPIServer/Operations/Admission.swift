import KubeObjects

/// Kind-specific checks and server-set fields applied to every object about to be stored
/// (after the endpoint's resets, before managedFields are recorded).
extension ResourceRules {
    /// Returns the warnings to send back (`Warning` headers). `old` is the stored object
    /// on an update, for the CRD's transition rules.
    func admit(_ object: inout JSONValue, old: JSONValue? = nil, fieldValidation: FieldValidation) throws(APIError) -> [String] {
        if groupResource == Cluster.crds {
            try admitCRD(&object)
        }
        if let validator = custom?.validator {
            switch validator.process(object, old: old, fieldValidation: fieldValidation) {
            case .success(let processed):
                object = processed.object
                return processed.warnings
            case .failure(let error):
                throw error.apiError(
                    kind: resource.kind, group: resource.group, version: resource.version, name: object.metadataName ?? "")
            }
        }
        return []
    }

    /// A CRD the server can serve, with the status a real apiextensions-apiserver reports
    /// once it serves it (`kubectl wait --for=condition=Established` relies on it).
    private func admitCRD(_ object: inout JSONValue) throws(APIError) {
        let name = object.metadataName ?? ""
        let parsed: CustomResourceDefinition
        do {
            parsed = try CustomResourceDefinition(object)
        } catch {
            throw APIError.invalid(
                kind: resource.kind, group: resource.group, name: name,
                causes: [(error.field, "FieldValueInvalid", error.reason)])
        }
        let expected = "\(parsed.plural).\(parsed.group)"
        if name != expected {
            throw APIError.invalid(
                kind: resource.kind, group: resource.group, name: name,
                causes: [("metadata.name", "FieldValueInvalid",
                          "Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group")])
        }
        var structural: [(String, String, String)] = []
        for (i, v) in (object[path: ["spec", "versions"]]?.arrayValue ?? []).enumerated() {
            guard let schema = v[path: ["schema", "openAPIV3Schema"]] else { continue }
            let at = "spec.versions[\(i)].schema.openAPIV3Schema"
            structural += StructuralSchema.structuralCauses(schema, at: at).map(\.apiCause)
            structural += CELValidator.ruleCauses(schema, at: at).map(\.apiCause)
        }
        if !structural.isEmpty {
            throw APIError.invalid(kind: resource.kind, group: resource.group, name: name, causes: structural)
        }
        let storage = parsed.versions.filter(\.storage)
        if storage.count != 1 {
            throw APIError.invalid(
                kind: resource.kind, group: resource.group, name: name,
                causes: [("spec.versions", "FieldValueInvalid",
                          "Invalid value: \(storage.count == 0 ? "[]" : "..."): must have exactly one version marked as storage version")])
        }
        let now = ServerClock().timestamp
        let previous = (object[path: ["status", "conditions"]]?.arrayValue ?? [])
        func condition(_ type: String, _ reason: String, _ message: String) -> JSONValue {
            let since = previous.first { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" }?["lastTransitionTime"]
            return ["type": .string(type), "status": "True", "lastTransitionTime": since ?? .string(now),
                    "reason": .string(reason), "message": .string(message)]
        }
        var stored = (object[path: ["status", "storedVersions"]]?.arrayValue ?? []).compactMap(\.stringValue)
        if let v = storage.first?.name, !stored.contains(v) { stored.append(v) }
        object["status"] = [
            "acceptedNames": object[path: ["spec", "names"]] ?? .emptyObject,
            "conditions": [
                condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                condition("Established", "InitialNamesAccepted", "the initial names have been accepted"),
            ],
            "storedVersions": .array(stored.map(JSONValue.string)),
        ]
    }
}
