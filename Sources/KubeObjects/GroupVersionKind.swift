/// An API group and version, as `apiVersion` spells it (`v1`, `apps/v1`).
public struct GroupVersion: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String

    public init(group: String, version: String) {
        self.group = group
        self.version = version
    }

    /// Reads `apiVersion`: `v1` is the core group, `apps/v1` the group `apps`.
    public init?(apiVersion: String) {
        let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1 where !apiVersion.isEmpty: self.init(group: "", version: apiVersion)
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty: self.init(group: String(parts[0]), version: String(parts[1]))
        default: return nil
        }
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var description: String { apiVersion }
}

/// A kind in a group version: what an object says it is.
public struct GroupVersionKind: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    public init(_ gv: GroupVersion, kind: String) {
        self.init(group: gv.group, version: gv.version, kind: kind)
    }

    public var groupVersion: GroupVersion { GroupVersion(group: group, version: version) }
    public var apiVersion: String { groupVersion.apiVersion }
    /// client-go's `GroupVersionKind.String()`: `apps/v1, Kind=Deployment`.
    public var description: String { "\(apiVersion), Kind=\(kind)" }
}

/// A resource (plural, lower case) in a group version: what a URL names.
public struct GroupVersionResource: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var resource: String

    public init(group: String, version: String, resource: String) {
        self.group = group
        self.version = version
        self.resource = resource
    }

    public var groupVersion: GroupVersion { GroupVersion(group: group, version: version) }
    /// `deployments.apps`, as error messages name a resource (the core group has no suffix).
    public var groupResource: String { group.isEmpty ? resource : "\(resource).\(group)" }
    public var description: String { "\(groupVersion.apiVersion), Resource=\(resource)" }
}

extension JSONValue {
    /// `apiVersion` and `kind` of an object, when both are present and well formed.
    public var groupVersionKind: GroupVersionKind? {
        guard let api = self["apiVersion"]?.stringValue, let gv = GroupVersion(apiVersion: api),
            let kind = self["kind"]?.stringValue, !kind.isEmpty
        else { return nil }
        return GroupVersionKind(gv, kind: kind)
    }

    /// `metadata.name`, `metadata.namespace` and friends, read without ceremony.
    public var metadataName: String? { self[path: ["metadata", "name"]]?.stringValue }
    public var metadataNamespace: String? { self[path: ["metadata", "namespace"]]?.stringValue }
    public var metadataUID: String? { self[path: ["metadata", "uid"]]?.stringValue }
    public var metadataResourceVersion: String? { self[path: ["metadata", "resourceVersion"]]?.stringValue }
    /// Set (and not null): the object is being deleted and waits for its finalizers.
    public var hasDeletionTimestamp: Bool { self[path: ["metadata", "deletionTimestamp"]].map { !$0.isNull } ?? false }
}
