import KubeObjects

/// A resource URL's verbs: get, list, watch, create, update, patch, delete,
/// deletecollection, on the main resource and `/status`.
struct ResourceEndpoint: Sendable {
    let cluster: Cluster
    let watchSettings: WatchSettings

    func handle(_ request: HTTPRequest, _ path: RequestTarget.ResourcePath) async throws(APIError) -> HTTPResponse {
        guard let rules = await cluster.rules(group: path.group, version: path.version, plural: path.plural) else {
            throw APIError.pathNotFound
        }
        if let sub = path.subresource, !(sub == "status" && rules.resource.hasStatus) {
            guard sub == "scale", Cluster.servesScale(rules), let name = path.name else { throw APIError.pathNotFound }
            return try await scale(request, rules, namespace: path.namespace, name: name)
        }
        // A namespaced kind's collection across namespaces, or a cluster kind's.
        if !rules.resource.namespaced && path.namespace != nil { throw APIError.pathNotFound }
        let ns = path.namespace
        // Negotiated before the verb runs, as kube-apiserver's handlers do: an Accept header
        // nothing here can serve is 406 even for a missing object.
        let render = try ResponseRenderer(request, rules: rules)
        switch (request.method, path.name) {
        case ("GET", nil):
            var options = try request.listOptions()
            if path.legacyWatch { options.watch = true }
            if options.watch {
                return try await WatchResponder(cluster: cluster, settings: watchSettings)
                    .respond(rules, namespace: ns, options: options, renderer: render)
            }
            let page = try await cluster.list(rules, namespace: ns, options: options)
            return Responses.json(200, try render.list(page.items, metadata: listMetadata(page), now: cluster.clock.now))
        case ("GET", let name?):
            if path.legacyWatch {
                var options = try request.listOptions()
                options.watch = true
                options.fieldSelector = FieldSelector(requirements: options.fieldSelector.requirements + [
                    FieldSelector.Requirement(field: "metadata.name", operator: .equals, value: name)
                ])
                return try await WatchResponder(cluster: cluster, settings: watchSettings)
                    .respond(rules, namespace: ns, options: options, renderer: render)
            }
            let object = try await cluster.get(rules, namespace: ns, name: name)
            return Responses.json(200, try render.object(object, now: cluster.clock.now))
        case ("POST", nil):
            if rules.resource.namespaced && ns == nil { throw APIError.pathNotFound }
            let result = try await cluster.create(
                rules, namespace: ns, object: try RequestBody.object(request), options: try request.writeOptions())
            return Responses.json(result.status, try render.written(result.object), warnings: result.warnings)
        case ("PUT", let name?):
            let result = try await cluster.update(
                rules, namespace: ns, name: name, subresource: path.subresource, object: try RequestBody.object(request),
                options: try request.writeOptions())
            return Responses.json(result.status, try render.written(result.object), warnings: result.warnings)
        case ("PATCH", let name?):
            let mediaType = RequestBody.mediaType(request)
            guard let type = PatchType(rawValue: mediaType) else {
                throw APIError.unsupportedMediaType(mediaType, accepted: PatchType.accepted(strategic: rules.acceptsStrategicMerge))
            }
            let result = try await cluster.patch(
                rules, namespace: ns, name: name, subresource: path.subresource, type: type, body: request.body,
                options: try request.writeOptions())
            return Responses.json(result.status, try render.written(result.object), warnings: result.warnings)
        case ("DELETE", let name?):
            if path.subresource != nil { throw APIError.methodNotAllowed("the server does not allow this method on the requested resource") }
            switch try await cluster.delete(rules, namespace: ns, name: name, options: try RequestBody.deleteOptions(request)) {
            case .deleted(let o): return Responses.deleted(o, rules: rules)
            case .pending(let o): return Responses.json(200, try render.written(o))
            }
        case ("DELETE", nil):
            let removed = try await cluster.deleteCollection(
                rules, namespace: ns, list: try request.listOptions(), options: try RequestBody.deleteOptions(request))
            return Responses.json(200, try render.writtenList(removed, metadata: .emptyObject))
        default:
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    /// `…/scale`: get, update and patch (not apply) of the autoscaling/v1 Scale view.
    private func scale(_ request: HTTPRequest, _ rules: ResourceRules, namespace: String?, name: String) async throws(APIError)
        -> HTTPResponse
    {
        switch request.method {
        case "GET":
            return Responses.json(200, try await cluster.getScale(rules, namespace: namespace, name: name))
        case "PUT":
            let body = try RequestBody.object(request)
            let result = try await cluster.writeScale(rules, namespace: namespace, name: name, options: try request.writeOptions()) {
                _ throws(APIError) in body
            }
            return Responses.json(result.status, result.object, warnings: result.warnings)
        case "PATCH":
            let mediaType = RequestBody.mediaType(request)
            guard let type = PatchType(rawValue: mediaType), type != .apply else {
                throw APIError.unsupportedMediaType(mediaType, accepted: PatchType.accepted(strategic: true).filter { $0 != PatchType.apply.rawValue })
            }
            let body = request.body
            let result = try await cluster.writeScale(rules, namespace: namespace, name: name, options: try request.writeOptions()) {
                current throws(APIError) in try type.apply(body, to: current, schema: Cluster.scaleSchema)
            }
            return Responses.json(result.status, result.object, warnings: result.warnings)
        default:
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    /// A list's own metadata: where a watch starts, and the paging state.
    private func listMetadata(_ page: Cluster.ListPage) -> JSONValue {
        var metadata: JSONValue = ["resourceVersion": .string(String(page.resourceVersion))]
        if let c = page.continueToken { metadata["continue"] = .string(c) }
        if let n = page.remainingItemCount { metadata["remainingItemCount"] = .int(Int64(n)) }
        return metadata
    }
}
