/// Where an object lives: its group and resource (all served versions of a kind share one
/// storage, as in a real server), namespace (empty for cluster-scoped kinds) and name.
public struct GroupResource: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var group: String
    public var resource: String

    public init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }

    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }

    public static func < (a: GroupResource, b: GroupResource) -> Bool {
        (a.group, a.resource) < (b.group, b.resource)
    }
}

public struct ObjectKey: Hashable, Sendable, Comparable {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Lists are ordered by namespace then name, as etcd's key order gives them.
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.namespace, a.name) < (b.namespace, b.name)
    }
}
