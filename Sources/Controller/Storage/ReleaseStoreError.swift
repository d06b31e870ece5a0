import KubeClient

/// What went wrong with release storage, naming the storage object. Never carries the
/// payload or values: records hold the user's values, which may be secrets.
public enum ReleaseStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No such record (Helm's `ErrReleaseNotFound`).
    case notFound(object: String)
    /// The record exists already (Helm's `ErrReleaseExists`): another writer holds this
    /// revision. Creating a record is the release lock, as in Helm.
    case alreadyExists(object: String)
    /// The record is there but is not a release.
    case malformedRecord(object: String, reason: ReleaseDecodingError)
    /// The release cannot be written as a record.
    case encoding(object: String, reason: String)
    /// Helm stores release names as label values, so they must be one.
    case invalidName(String)
    /// The API server refused the request.
    case api(operation: String, object: String, error: KubeAPIError)
    /// The request did not get an answer (connection, TLS, timeout).
    case transport(operation: String, object: String, message: String)

    public var description: String {
        switch self {
        case .notFound(let object): return "release record \(object) not found"
        case .alreadyExists(let object): return "release record \(object) already exists"
        case .malformedRecord(let object, let reason): return "release record \(object) is malformed: \(reason)"
        case .encoding(let object, let reason): return "cannot write release record \(object): \(reason)"
        case .invalidName(let name):
            return "invalid release name \"\(name)\": it must be a valid label value (at most 63 characters: letters, digits, '-', '_', '.', starting and ending with a letter or digit)"
        case .api(let operation, let object, let error): return "\(operation) release record \(object): \(error.message)"
        case .transport(let operation, let object, let message): return "\(operation) release record \(object): \(message)"
        }
    }

    /// The record named, for callers that act on it (delete a malformed record).
    public var object: String? {
        switch self {
        case .notFound(let o), .alreadyExists(let o), .malformedRecord(let o, _), .encoding(let o, _): return o
        case .api(_, let o, _), .transport(_, let o, _): return o
        case .invalidName: return nil
        }
    }
}
