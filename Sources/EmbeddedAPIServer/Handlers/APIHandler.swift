import KubeObjects

/// The API server's request handler: routes a request to discovery, OpenAPI or a
/// resource endpoint, and turns every failure into a `Status` answer.
public struct APIHandler: HTTPRequestHandler {
    public let cluster: Cluster
    let resources: ResourceEndpoint
    let documents: DocumentEndpoints

    public init(cluster: Cluster, watchSettings: WatchSettings = WatchSettings()) {
        self.cluster = cluster
        self.resources = ResourceEndpoint(cluster: cluster, watchSettings: watchSettings)
        self.documents = DocumentEndpoints(catalog: cluster.catalog)
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await route(request)
        } catch {
            return Responses.error(error)
        }
    }

    private func route(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        let target = RequestTarget(path: request.path)
        switch target {
        case .resource(let path):
            return try await resources.handle(request, path)
        case .health:
            return Responses.text(200, "ok")
        case .version:
            return await documents.version()
        case .coreAPIVersions, .groupList, .group, .resourceList:
            return try await documents.discovery(request)
        case .openAPIV3Root:
            return try await documents.openAPIV3(nil)
        case .openAPIV3(let path):
            return try await documents.openAPIV3(path)
        case .openAPIV2:
            return await documents.openAPIV2(request)
        case .unknown:
            throw APIError.pathNotFound
        }
    }
}
