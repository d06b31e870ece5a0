/// Why an index could not be read or queried; `description` is Helm's wording.
public enum RepoIndexError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `ErrEmptyIndexYaml`.
    case empty(source: String)
    /// `ErrNoAPIVersion`.
    case noAPIVersion(source: String)
    /// The bytes are neither a JSON nor a YAML index (`reason` is Go's decoder text,
    /// e.g. `error unmarshaling JSON: while decoding JSON: json: unknown field "foo"`).
    case malformed(source: String, reason: String)
    /// `ErrNoChartName`: the index has no chart of that name.
    case noChartName(String)
    /// `ErrNoChartVersion` (no constraint) or `no chart version found for NAME-CONSTRAINT`.
    case noChartVersion(name: String, constraint: String?)
    /// The version constraint does not parse.
    case invalidConstraint(String, reason: String)
    /// `MustAdd`'s `validate failed for FILE: …`.
    case invalidChart(file: String, reason: String)

    public var description: String {
        switch self {
        case .empty: return "empty index.yaml file"
        case .noAPIVersion: return "no API version specified"
        case .malformed(_, let reason): return reason
        case .noChartName: return "no chart name found"
        case .noChartVersion(let name, let constraint):
            guard let constraint else { return "no chart version found" }
            return "no chart version found for \(name)-\(constraint)"
        case .invalidConstraint(_, let reason): return reason
        case .invalidChart(let file, let reason): return "validate failed for \(file): \(reason)"
        }
    }
}
