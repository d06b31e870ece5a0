/// Why TLS material could not be made, read or written; says which file or part and why.
public enum TLSMaterialError: Error, CustomStringConvertible, Sendable, Equatable {
    /// PEM that does not parse, or a key that does not belong to its certificate.
    case unreadable(what: String, reason: String)
    /// A file or directory that could not be read or written.
    case file(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let what, let reason): "cannot use the \(what): \(reason)"
        case .file(let path, let reason): "\(path): \(reason)"
        }
    }
}
