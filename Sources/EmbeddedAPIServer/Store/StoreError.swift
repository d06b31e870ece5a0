/// A storage-level failure; the request layer turns it into a `Status` naming the resource.
public enum StoreError: Error, Equatable, Sendable {
    case notFound
    case alreadyExists
    /// A precondition on resourceVersion (or uid) did not hold.
    case conflict
    /// The requested resourceVersion is older than the retained history.
    case expired(requested: UInt64, oldest: UInt64)
}
