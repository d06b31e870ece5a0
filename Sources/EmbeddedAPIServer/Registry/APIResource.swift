import KubeObjects

/// One kind the server serves: how discovery describes it and how URLs and objects name it.
public struct APIResource: Sendable, Hashable {
    public var group: String
    public var version: String
    public var kind: String
    /// The URL segment (`deployments`).
    public var plural: String
    public var singular: String
    public var namespaced: Bool
    public var shortNames: [String]
    public var categories: [String]
    /// `status` and `scale` where the kind has them; a write to the main resource then
    /// ignores `status`, and a write to `/status` touches nothing else.
    public var subresources: [String]
    public var verbs: [String]

    public static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    public init(
        group: String, version: String, kind: String, plural: String, singular: String? = nil,
        namespaced: Bool = true, shortNames: [String] = [], categories: [String] = [], subresources: [String] = [],
        verbs: [String] = APIResource.allVerbs
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
        self.verbs = verbs
    }

    public var groupVersion: GroupVersion { GroupVersion(group: group, version: version) }
    public var groupVersionKind: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }
    public var groupVersionResource: GroupVersionResource {
        GroupVersionResource(group: group, version: version, resource: plural)
    }
    public var hasStatus: Bool { subresources.contains("status") }
}
