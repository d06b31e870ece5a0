/// What a URL path names, before any lookup: a discovery or OpenAPI document, or a
/// resource URL (`/api/v1/namespaces/x/configmaps/y/status`) split into its parts.
enum RequestTarget: Equatable {
    case version
    case health(String)
    case coreAPIVersions  // /api
    case groupList  // /apis
    case group(String)  // /apis/<group>
    case resourceList(group: String, version: String)  // /api/v1, /apis/<g>/<v>
    case openAPIV3Root
    case openAPIV3(String)  // "api/v1", "apis/apps/v1"
    case openAPIV2
    case resource(ResourcePath)
    case unknown

    struct ResourcePath: Equatable {
        var group: String
        var version: String
        var namespace: String?
        var plural: String
        var name: String?
        var subresource: String?
        /// The deprecated `/watch/` prefix form.
        var legacyWatch = false
    }

    init(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.first {
        case "version" where parts.count == 1:
            self = .version
        case "healthz", "livez", "readyz":
            self = .health(parts[0])
        case "openapi":
            if parts.count >= 2, parts[1] == "v2" { self = parts.count == 2 ? .openAPIV2 : .unknown; return }
            guard parts.count >= 2, parts[1] == "v3" else { self = .unknown; return }
            self = parts.count == 2 ? .openAPIV3Root : .openAPIV3(parts.dropFirst(2).joined(separator: "/"))
        case "api":
            if parts.count == 1 { self = .coreAPIVersions; return }
            self = Self.resourceTarget(group: "", version: parts[1], rest: Array(parts.dropFirst(2)))
        case "apis":
            if parts.count == 1 { self = .groupList; return }
            if parts.count == 2 { self = .group(parts[1]); return }
            self = Self.resourceTarget(group: parts[1], version: parts[2], rest: Array(parts.dropFirst(3)))
        default:
            self = .unknown
        }
    }

    private static func resourceTarget(group: String, version: String, rest: [String]) -> RequestTarget {
        var rest = rest
        if rest.isEmpty { return .resourceList(group: group, version: version) }
        var legacyWatch = false
        if rest.first == "watch" {
            legacyWatch = true
            rest.removeFirst()
            if rest.isEmpty { return .unknown }
        }
        var path = ResourcePath(group: group, version: version, plural: rest[0], legacyWatch: legacyWatch)
        // namespaces/<ns>/<plural>/… unless it is the namespace itself (or its status/finalize).
        if rest[0] == "namespaces", rest.count >= 3, !["status", "finalize"].contains(rest[2]) {
            path.namespace = rest[1]
            rest.removeFirst(2)
            path.plural = rest[0]
        }
        if rest.count >= 2 { path.name = rest[1] }
        if rest.count >= 3 { path.subresource = rest[2] }
        if rest.count > 3 { return .unknown }
        return .resource(path)
    }
}
