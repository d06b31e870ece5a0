import KubeObjects

/// The discovery documents of one registry state: pure values the request layer serializes.
///
/// Build one per request (it is cheap: it only walks the registry's resource list) or per
/// registry revision. Every builder that takes a group or version answers `nil` for one the
/// registry does not serve, so the caller can answer 404 NotFound.
public struct DiscoveryDocuments: Sendable {
    public let registry: ResourceRegistry
    /// `host:port` clients reach the server at, published in `serverAddressByClientCIDRs`.
    public let serverAddress: String

    public init(registry: ResourceRegistry, serverAddress: String) {
        self.registry = registry
        self.serverAddress = serverAddress
    }

    /// A discovery answer: the body and the exact Content-Type to label it with.
    public struct Response: Sendable, Equatable {
        public var body: JSONValue
        public var contentType: String
    }

    /// The discovery document a GET of `path` asks for, negotiated from `accept` for `/api`
    /// and `/apis`; `nil` when `path` is not a discovery path or names a group or version
    /// that is not served. A trailing slash is tolerated, as Go's mux redirects it.
    public func response(path: String, accept: String?) -> Response? {
        let segments = path.split(separator: "/").map(String.init)
        let legacy = DiscoveryMediaType.legacyContentType
        switch segments.count {
        case 1 where segments[0] == "api" || segments[0] == "apis":
            let isCore = segments[0] == "api"
            switch DiscoveryMediaType.negotiate(accept: accept) {
            case .legacy:
                return Response(body: isCore ? apiVersions() : apiGroupList(), contentType: legacy)
            case .aggregated(let v):
                return Response(
                    body: isCore ? aggregatedCore(version: v) : aggregatedGroups(version: v),
                    contentType: v.contentType)
            }
        case 2 where segments[0] == "api":
            return apiResourceList(GroupVersion(group: "", version: segments[1]))
                .map { Response(body: $0, contentType: legacy) }
        case 2 where segments[0] == "apis":
            return apiGroup(named: segments[1]).map { Response(body: $0, contentType: legacy) }
        case 3 where segments[0] == "apis":
            return apiResourceList(GroupVersion(group: segments[1], version: segments[2]))
                .map { Response(body: $0, contentType: legacy) }
        default:
            return nil
        }
    }

    /// The served groups other than core, each with its versions, preferred first.
    var namedGroups: [(name: String, versions: [String])] {
        registry.groups.filter { !$0.name.isEmpty }
    }

    /// The core group's versions (just `v1`).
    var coreVersions: [String] {
        registry.groups.first { $0.name.isEmpty }?.versions ?? []
    }
}
