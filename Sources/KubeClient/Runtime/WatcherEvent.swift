import KubeObjects

/// What a watcher reports (kube-rs's `watcher::Event`): the state of a whole list after a
/// (re)list, then one change at a time. A relist after a 410 or a restart is one `.restarted`
/// carrying every current object, so a cache can drop what vanished during the gap.
public enum WatcherEvent: Sendable {
    case restarted([JSONValue], resourceVersion: String)
    case applied(JSONValue)
    case deleted(JSONValue)
    /// The stream is in sync up to here (no change): the resume point.
    case bookmark(resourceVersion: String)
}

/// Where a cached object is: namespace (empty for cluster-scoped kinds) and name.
public struct ObjectRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String = "", name: String) {
        self.namespace = namespace
        self.name = name
    }

    public init?(_ object: JSONValue) {
        guard let name = object.metadataName, !name.isEmpty else { return nil }
        self.init(namespace: object.metadataNamespace ?? "", name: name)
    }

    public var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }

    public static func < (a: ObjectRef, b: ObjectRef) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
}
