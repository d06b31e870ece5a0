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
    /// An `oci://` reference that does not parse (`reason` says why).
    case invalidReference(reference: String, reason: String)
    /// The registry could not be reached or the transfer failed.
    case registryUnreachable(reference: String, underlying: HTTPGetterError)
    /// The registry refused the credentials (or asked for some and none were given).
    case unauthorized(reference: String, registry: String, reason: String)
    /// The registry answered with an error to a request about `reference`.
    case registry(reference: String, url: String, status: Int, message: String)
    /// The repository (chart) or the tag does not exist in the registry.
    case ociNotFound(reference: String, what: String)
    /// No tag of the chart satisfies the version constraint.
    case noMatchingVersion(reference: String, constraint: String, available: [String])
    /// The manifest is not a Helm chart's, or cannot be decoded.
    case invalidManifest(reference: String, reason: String)
    /// What was fetched does not have the digest the request pinned.
    case digestPinMismatch(reference: String, pinned: String, actual: String)
    /// The bytes fetched are not a loadable chart archive.
    case invalidArchive(source: String, reason: String)
    /// A pinned digest that is not `sha256:<64 hex>`.
    case invalidDigest(reference: String, digest: String)

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
        case .invalidReference(let reference, let reason):
            return "invalid OCI reference \"\(reference)\": \(reason)"
        case .registryUnreachable(let reference, let e):
            return "\(reference): registry cannot be reached: \(e)"
        case .unauthorized(let reference, let registry, let reason):
            return "\(reference): unauthorized by registry \(registry): \(reason)"
        case .registry(let reference, let url, let status, let message):
            return "\(reference): registry answered \(status) to GET \(url)" + (message.isEmpty ? "" : ": \(message)")
        case .ociNotFound(let reference, let what):
            return "\(reference): not found: \(what)"
        case .noMatchingVersion(let reference, let constraint, let available):
            let shown = available.isEmpty ? "none" : available.prefix(10).joined(separator: ", ") + (available.count > 10 ? ", …" : "")
            return "\(reference): could not locate a version matching provided version string \(constraint.isEmpty ? "*" : constraint) (tags: \(shown))"
        case .invalidManifest(let reference, let reason):
            return "\(reference): not a Helm chart manifest: \(reason)"
        case .digestPinMismatch(let reference, let pinned, let actual):
            return "\(reference): digest mismatch: pinned \(pinned), fetched \(actual)"
        case .invalidArchive(let source, let reason):
            return "\(source): not a chart archive: \(reason)"
        case .invalidDigest(let reference, let digest):
            return "\(reference): invalid digest \"\(digest)\": want sha256:<64 hex digits>"
        }
    }
}
