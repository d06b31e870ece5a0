import KubeObjects

/// What discovery says about one resource: the kind it serves, the URL segment, and
/// whether objects live in namespaces.
public struct ResourceMapping: Sendable, Hashable {
    public var kind: GroupVersionKind
    public var resource: GroupVersionResource
    public var isNamespaced: Bool
    public var singular: String
    public var shortNames: [String]
    public var verbs: [String]
    /// `status`, `scale`…
    public var subresources: [String]

    public init(
        kind: GroupVersionKind, resource: GroupVersionResource, isNamespaced: Bool, singular: String = "", shortNames: [String] = [],
        verbs: [String] = [], subresources: [String] = []
    ) {
        self.kind = kind
        self.resource = resource
        self.isNamespaced = isNamespaced
        self.singular = singular
        self.shortNames = shortNames
        self.verbs = verbs
        self.subresources = subresources
    }
}

/// A kind (or resource name) the server does not serve, even after discovery was refreshed.
public struct UnknownResourceError: Error, CustomStringConvertible, Sendable, Equatable {
    public var what: String

    public var description: String { "the server does not serve \(what) (no matching resource in API discovery)" }
}
