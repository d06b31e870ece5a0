import KubeObjects

/// One change to one object, as watches deliver it.
public struct WatchEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    public var kind: Kind
    public var resource: GroupResource
    public var key: ObjectKey
    /// The object after the change (for DELETED, its last state carrying the deletion's
    /// resourceVersion).
    public var object: JSONValue
    public var resourceVersion: UInt64
}

/// An open watch: the events it replays (synthetic ADDEDs or retained history) and the
/// live ones that follow. Ending the stream (the client leaves) unregisters it.
public struct WatchSubscription: Sendable {
    public var initial: [WatchEvent]
    public var events: AsyncStream<WatchEvent>
    /// The store's resourceVersion when the watch started: after `initial`, the client
    /// is in sync up to here (the watch-list bookmark reports it).
    public var startResourceVersion: UInt64
}
