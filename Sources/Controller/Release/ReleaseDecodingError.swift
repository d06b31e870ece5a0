/// Why a stored payload is not a release. Messages never quote the payload: a release
/// carries its values, which may hold secrets.
public enum ReleaseDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The storage object has no `release` key.
    case missingPayload
    /// The payload (or a base64 field in it) is not standard base64.
    case base64(field: String)
    /// The payload starts as gzip but does not inflate.
    case gzip(String)
    /// Not JSON, or JSON that is not an object.
    case json(String)
    /// A field of the wrong type: `info.status: expected a string, found a number`.
    case field(path: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .missingPayload: return "no \"release\" key"
        case .base64(let field): return "\(field) is not valid base64"
        case .gzip(let reason): return "the payload is not valid gzip: \(reason)"
        case .json(let reason): return "the payload is not a release JSON object: \(reason)"
        case .field(let path, let expected, let found): return "\(path): expected \(expected), found \(found)"
        }
    }
}
