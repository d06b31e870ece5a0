import KubeObjects

/// `/version`, discovery, `/openapi/v3` and `/openapi/v2`, built from the catalog as it is now (a CRD
/// created a moment ago is already listed). OpenAPI documents are serialized once per
/// registry revision.
actor DocumentEndpoints {
    private let catalog: ResourceCatalog
    private var openAPI = OpenAPIDocumentCache()

    init(catalog: ResourceCatalog) {
        self.catalog = catalog
    }

    func version() -> HTTPResponse {
        Responses.json(200, VersionInfo.current.json)
    }

    func discovery(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        let registry = await catalog.registry
        let address = request.header("host") ?? "127.0.0.1"
        guard let answer = DiscoveryDocuments(registry: registry, serverAddress: address)
            .response(path: request.path, accept: request.header("accept"))
        else { throw APIError.pathNotFound }
        return Responses.json(200, answer.body, contentType: answer.contentType)
    }

    /// The v3 root, or one group-version document (`path` after `/openapi/v3/`).
    func openAPIV3(_ path: String?) async throws(APIError) -> HTTPResponse {
        let registry = await catalog.registry
        let document: OpenAPIDocumentCache.Document?
        if let path {
            document = openAPI.document(urlPath: path, in: registry)
        } else {
            document = openAPI.root(for: registry)
        }
        guard let document else { throw APIError.pathNotFound }
        return HTTPResponse(
            status: 200,
            headers: [("Content-Type", "application/json"), ("Cache-Control", "no-cache, private"), ("Etag", "\"\(document.hash)\"")],
            body: .bytes(document.body))
    }

    /// The Swagger 2.0 document, as JSON or as gnostic protobuf (`Accept`). A request whose
    /// `If-None-Match` names the current document gets 304, as from kube-apiserver.
    func openAPIV2(_ request: HTTPRequest) async -> HTTPResponse {
        let registry = await catalog.registry
        let documents = openAPI.swagger(for: registry)
        let type = OpenAPIV2MediaType.negotiate(accept: request.header("accept"))
        let document = type == .protobuf ? documents.protobuf : documents.json
        let etag = "\"\(document.hash)\""
        var headers: [(name: String, value: String)] = [("Cache-Control", "no-cache, private"), ("Etag", etag), ("Vary", "Accept")]
        if let match = request.header("if-none-match"), match.split(separator: ",").contains(where: { $0.trimmingPrefix(" ") == etag }) {
            return HTTPResponse(status: 304, headers: headers)
        }
        headers.insert(("Content-Type", type.contentType), at: 0)
        return HTTPResponse(status: 200, headers: headers, body: .bytes(document.body))
    }
}
