import KubeObjects

/// The API server's request handler: routes a request to discovery, OpenAPI or a
/// resource endpoint, and turns every failure into a `Status` answer.
public struct APIHandler: HTTPRequestHandler {
    public let cluster: Cluster
    let resources: ResourceEndpoint

    public init(cluster: Cluster, watchSettings: WatchSettings = WatchSettings()) {
        self.cluster = cluster
        self.resources = ResourceEndpoint(cluster: cluster, watchSettings: watchSettings)
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
        default:
            throw APIError.pathNotFound
        }
    }
}
