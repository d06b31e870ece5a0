/// Why `dependency update|build` failed; `description` is Helm's wording.
public enum DependencyError: Error, CustomStringConvertible, Sendable {
    /// Helm's own message, for the failures it words itself (kept as text because the
    /// user sees exactly that).
    case helm(String)
    /// A chart source failed (repository, download, digest, OCI).
    case source(ChartSourceError)
    /// A chart could not be loaded.
    case chart(path: String, reason: String)
    /// A file operation failed.
    case file(LocalFileError)

    public var description: String {
        switch self {
        case .helm(let m): return m
        case .source(let e): return e.description
        case .chart(_, let reason): return reason
        case .file(let e): return e.description
        }
    }
}
