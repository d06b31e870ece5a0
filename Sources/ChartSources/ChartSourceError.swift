import Charts

/// Why getting a chart failed. Messages follow Helm's wording where Helm has one;
/// URLs are always shown redacted.
public enum ChartSourceError: Error, CustomStringConvertible, Sendable {
    /// Fetching a repository's index failed (Helm: `looks like "URL" is not a valid
    /// chart repository or cannot be reached: …`).
    case repositoryUnreachable(url: String, underlying: HTTPGetterError)
    /// The index was fetched (or read from the cache) but is not a valid index.
    case invalidIndex(url: String, underlying: RepoIndexError)
    /// The repository has no such chart, or no version satisfies the constraint.
    case chartNotFound(name: String, repository: String, underlying: RepoIndexError)
    /// Downloading an archive failed.
    case download(url: String, underlying: HTTPGetterError)
    /// The archive's SHA-256 is not the one the index promised.
    case digestMismatch(url: String, expected: String, actual: String)
    /// An `oci://` reference: OCI registries are not supported yet.
    case ociUnsupported(reference: String)
    /// Reading or writing a local file failed.
    case file(LocalFileError)
    /// `repositories.yaml` could not be parsed.
    case invalidRepositoriesFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .repositoryUnreachable(let url, let e):
            return "looks like \"\(url)\" is not a valid chart repository or cannot be reached: \(e)"
        case .invalidIndex(let url, let e):
            return "invalid index for repository \"\(url)\": \(e)"
        case .chartNotFound(let name, let repository, let e):
            return "chart \"\(name)\" not found in \(repository): \(e)"
        case .download(_, let e):
            return "\(e)"
        case .digestMismatch(let url, let expected, let actual):
            return "digest mismatch for \(url): the repository index says sha256:\(expected), the download is sha256:\(actual)"
        case .ociUnsupported(let reference):
            return "\(reference): OCI registries are not supported yet"
        case .file(let e):
            return e.description
        case .invalidRepositoriesFile(let path, let reason):
            return "couldn't load repositories file (\(path)): \(reason)"
        }
    }
}
