/// Why a chart could not be loaded. `description` is worded as Helm words it (the text
/// users see after `Error: `); the cases carry the context for callers that branch.
public enum ChartLoadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `validation: …` from Helm's `Metadata.Validate`.
    case validation(String)
    /// A file of the chart could not be parsed (`cannot load Chart.yaml: …`).
    case invalidFile(file: String, reason: String)
    /// The chart has no Chart.yaml.
    case missingChartYAML
    /// A path that is not a chart directory (`no Chart.yaml exists in directory …`).
    case notAChart(path: String, reason: String)
    /// A `.helmignore` rule Helm refuses.
    case invalidIgnoreRule(rule: String, reason: String)
    /// Reading the filesystem failed, or a file is not loadable as it is.
    case io(path: String, reason: String)
    /// The archive is not a gzip stream, is corrupt or truncated, or breaks a rule
    /// (absolute or parent paths, size limits).
    case archive(name: String, reason: String)
    /// A subchart under `charts/` failed to load.
    case subchart(name: String, parent: String, underlying: Box)

    /// Indirection so the enum can nest itself.
    public final class Box: Sendable, Equatable {
        public let error: ChartLoadError
        init(_ error: ChartLoadError) { self.error = error }
        public static func == (a: Box, b: Box) -> Bool { a.error == b.error }
    }

    public var description: String {
        switch self {
        case .validation(let m): return "validation: " + m
        case .invalidFile(let file, let reason): return "cannot load \(file): \(reason)"
        case .missingChartYAML: return "Chart.yaml file is missing"
        case .notAChart(_, let reason): return reason
        case .invalidIgnoreRule(_, let reason): return reason
        case .io(_, let reason): return reason
        case .archive(let name, let reason):
            // Helm names the file only for a bad gzip header; naming it always is
            // clearer and keeps Helm's wording of the problem itself.
            return name.isEmpty ? reason : "\(name): \(reason)"
        case .subchart(let name, let parent, let underlying):
            return "error unpacking subchart \(name) in \(parent): \(underlying.error)"
        }
    }

    /// The innermost error, past subchart wrapping.
    public var root: ChartLoadError {
        if case .subchart(_, _, let b) = self { return b.error.root }
        return self
    }
}
