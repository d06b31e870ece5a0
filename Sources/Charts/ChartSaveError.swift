/// Why a chart could not be written as an archive or a folder; `description` is
/// Helm's wording where Helm has one.
public enum ChartSaveError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `chart validation: …` (the chart's metadata fails Helm's `Validate`).
    case validation(String)
    /// The chart's name is a path (`"a/b" is not a valid chart name`).
    case invalidName(String)
    /// values.schema.json is not JSON.
    case invalidSchema(chart: String)
    /// The destination exists and is not a directory.
    case notADirectory(String)
    /// The file system refused (`open X: permission denied`, `stat X: …`).
    case io(path: String, reason: String)
    /// Building the archive failed (a name no tar format holds, a zlib failure).
    case archive(String)
    /// `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds.
    case invalidSourceDateEpoch(String)

    public var description: String {
        switch self {
        case .validation(let m): return "chart validation: " + m
        case .invalidName(let n): return "\(ChartValidation.goQuote(n)) is not a valid chart name"
        case .invalidSchema: return "invalid JSON in values.schema.json"
        case .notADirectory(let p): return "is not a directory: \(p)"
        case .io(_, let reason): return reason
        case .archive(let m): return m
        case .invalidSourceDateEpoch(let v):
            return "SOURCE_DATE_EPOCH must be a non-negative whole number of seconds, not \(ChartValidation.goQuote(v))"
        }
    }
}
