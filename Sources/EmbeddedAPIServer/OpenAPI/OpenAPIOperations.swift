import KubeObjects

/// The paths and operations the real server publishes for one resource, limited to its verbs:
/// the collection (list, create, deletecollection), the item (read, replace, patch, delete),
/// `/status` when the kind has one, and the all-namespaces list of a namespaced kind.
///
/// Every operation carries `x-kubernetes-group-version-kind` (the resource's kind, also on
/// list and status operations, as on a real server) and `x-kubernetes-action`; every POST,
/// PUT and PATCH takes `fieldValidation`, `fieldManager` and `dryRun`.
///
/// PATCH request bodies list JSON patch, merge patch and apply, but not strategic merge
/// patch. Were it listed, kubectl would compute client-side-apply patches from these coarse
/// schemas (their lists and merge keys are only as complete as `ObjectSchema`); without it,
/// kubectl falls back to its compiled-in schemas, the path captured working against kubectl
/// 1.37. The server still accepts strategic merge patch on built-in kinds.
struct OpenAPIOperations {
    var resource: APIResource
    var names: OpenAPISchemaNames

    func pathItems() -> [(String, JSONValue)] {
        let r = resource
        let prefix = r.group.isEmpty ? "/api/\(r.version)" : "/apis/\(r.group)/\(r.version)"
        let scope = r.namespaced ? "/namespaces/{namespace}" : ""
        let collection = "\(prefix)\(scope)/\(r.plural)"
        let item = collection + "/{name}"
        let scoped = r.namespaced ? "Namespaced" : ""
        let kindName = OpenAPIOperations.operationGroup(r.groupVersion) + scoped + r.kind
        let scopeParams: [JSONValue] = r.namespaced ? [OpenAPIParameters.namespace] : []
        var items: [(String, JSONValue)] = []

        var ops: [String: JSONValue] = [:]
        if can("list") {
            ops["get"] = op("list\(kindName)", "list", "list or watch objects of kind \(r.kind)",
                            params: OpenAPIParameters.list, response: names.list)
        }
        if can("create") {
            ops["post"] = op("create\(kindName)", "post", "create \(article(r.kind)) \(r.kind)",
                             params: OpenAPIParameters.write, body: .object, response: names.kind, created: true)
        }
        if can("deletecollection") {
            ops["delete"] = op("delete\(Self.operationGroup(r.groupVersion))Collection\(scoped)\(r.kind)",
                               "deletecollection", "delete collection of \(r.kind)",
                               params: OpenAPIParameters.list + OpenAPIParameters.delete, response: nil)
        }
        if !ops.isEmpty { items.append((collection, pathItem(ops, scopeParams))) }

        ops = [:]
        if can("get") {
            ops["get"] = op("read\(kindName)", "get", "read the specified \(r.kind)", params: [], response: names.kind)
        }
        if can("update") {
            ops["put"] = op("replace\(kindName)", "put", "replace the specified \(r.kind)",
                            params: OpenAPIParameters.write, body: .object, response: names.kind, created: true)
        }
        if can("patch") {
            ops["patch"] = op("patch\(kindName)", "patch", "partially update the specified \(r.kind)",
                              params: OpenAPIParameters.patch, body: .patch, response: names.kind, created: true)
        }
        if can("delete") {
            ops["delete"] = op("delete\(kindName)", "delete", "delete \(article(r.kind)) \(r.kind)",
                               params: OpenAPIParameters.delete, response: nil)
        }
        let itemParams = [OpenAPIParameters.name] + scopeParams
        if !ops.isEmpty { items.append((item, pathItem(ops, itemParams))) }

        if r.hasStatus {
            let status: [String: JSONValue] = [
                "get": op("read\(kindName)Status", "get", "read status of the specified \(r.kind)",
                          params: [], response: names.kind),
                "put": op("replace\(kindName)Status", "put", "replace status of the specified \(r.kind)",
                          params: OpenAPIParameters.write, body: .object, response: names.kind, created: true),
                "patch": op("patch\(kindName)Status", "patch", "partially update status of the specified \(r.kind)",
                            params: OpenAPIParameters.patch, body: .patch, response: names.kind, created: true),
            ]
            items.append((item + "/status", pathItem(status, itemParams)))
        }

        if r.namespaced, can("list") {
            let all = op("list\(Self.operationGroup(r.groupVersion))\(r.kind)ForAllNamespaces", "list",
                         "list or watch objects of kind \(r.kind)", params: OpenAPIParameters.list, response: names.list)
            items.append(("\(prefix)/\(r.plural)", pathItem(["get": all], [])))
        }
        return items
    }

    private func can(_ verb: String) -> Bool { resource.verbs.contains(verb) }

    private enum Body { case object, patch }

    private func op(
        _ id: String, _ action: String, _ description: String, params: [JSONValue], body: Body? = nil,
        response: String?, created: Bool = false
    ) -> JSONValue {
        var o: JSONValue = [
            "operationId": .string(id),
            "description": .string(description),
            "tags": [.string(Self.tag(resource.groupVersion))],
            "parameters": .array(params),
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": [
                "group": .string(resource.group), "version": .string(resource.version), "kind": .string(resource.kind),
            ],
        ]
        switch body {
        case .object?:
            o["requestBody"] = [
                "content": ["*/*": ["schema": OpenAPISchemaNames.ref(names.kind)]], "required": true,
            ]
        case .patch?:
            let patch: JSONValue = ["schema": OpenAPISchemaNames.ref(OpenAPIMetaSchemas.patch)]
            o["requestBody"] = [
                "content": [
                    "application/apply-patch+yaml": patch, "application/json-patch+json": patch,
                    "application/merge-patch+json": patch,
                ],
                "required": true,
            ]
        case nil: break
        }
        let schema = OpenAPISchemaNames.ref(response ?? OpenAPIMetaSchemas.status)
        let content: JSONValue = ["application/json": ["schema": schema], "application/yaml": ["schema": schema]]
        var responses: JSONValue = ["200": ["description": "OK", "content": content]]
        if created { responses["201"] = ["description": "Created", "content": content] }
        if response == nil { responses["202"] = ["description": "Accepted", "content": content] }
        responses["401"] = ["description": "Unauthorized"]
        o["responses"] = responses
        return o
    }

    private func pathItem(_ ops: [String: JSONValue], _ params: [JSONValue]) -> JSONValue {
        var item = JSONValue.object(ops)
        item["parameters"] = .array(params + [OpenAPIParameters.pretty])
        return item
    }

    private func article(_ kind: String) -> String {
        "aeiouAEIOU".contains(kind.first ?? "x") ? "an" : "a"
    }

    /// The real server's operation-id infix: `CoreV1`, `AppsV1`, `RbacAuthorizationV1`
    /// (`.k8s.io` dropped), `HelmRudderDevV1` for a custom group.
    static func operationGroup(_ gv: GroupVersion) -> String {
        var group = gv.group.isEmpty ? "core" : gv.group
        if group.hasSuffix(".k8s.io") { group.removeLast(".k8s.io".count) }
        return group.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            + gv.version.prefix(1).uppercased() + gv.version.dropFirst()
    }

    /// `core_v1`, `apps_v1`, `rbacAuthorization_v1`.
    static func tag(_ gv: GroupVersion) -> String {
        let g = operationGroup(GroupVersion(group: gv.group, version: ""))
        return g.prefix(1).lowercased() + g.dropFirst() + "_" + gv.version
    }
}
