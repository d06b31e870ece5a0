import KubeObjects

/// What the next reconcile of a HelmRelease would do to the cluster (`rudder diff`): each
/// object of the release as it is now and as the API server says it would be after the
/// apply (a server-side dry run, so defaulting, admission and other managers' fields are
/// the server's own), and the objects that would be pruned.
public struct ReleasePlan: Sendable {
    public enum Action: String, Sendable {
        case create, update, delete, unchanged
    }

    public struct Change: Sendable {
        public var object: ObjectIdentity
        public var action: Action
        /// The object as it is, normalised (nil when absent).
        public var live: JSONValue?
        /// The object as it would be, normalised (nil when it would be deleted).
        public var planned: JSONValue?
    }

    /// The revision the reconcile would record, nil when the release is as the spec asks.
    public var revision: Int?
    /// Why: `install`, `upgrade`, `rollback to N`, or `none`.
    public var reason: String
    public var changes: [Change]

    public var hasChanges: Bool { changes.contains { $0.action != .unchanged } }

    /// An object without what every write changes (managed fields, resourceVersion,
    /// generation, uid, timestamps) and without status, so only a real change shows.
    static func normalised(_ object: JSONValue) -> JSONValue {
        guard case .object(var fields) = object else { return object }
        fields["status"] = nil
        if case .object(var metadata)? = fields["metadata"] {
            for key in ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp"] { metadata[key] = nil }
            fields["metadata"] = .object(metadata)
        }
        return .object(fields)
    }
}
