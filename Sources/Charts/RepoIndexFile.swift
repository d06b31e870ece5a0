/// index.yaml on disk: Helm's `LoadIndexFile` and `IndexFile.WriteFile`.
public enum RepoIndexFile {
    /// Reads and decodes `path`; failures read `error loading PATH: …` as Helm's do.
    public static func load(_ path: String, warn: (String) -> Void = { _ in }) throws(RepoIndexFileError) -> RepoIndex {
        let bytes: [UInt8]
        do { bytes = try ChartDirectoryWalk.readFile(path, limit: nil) } catch {
            throw .read(path: path, reason: "\(error)")
        }
        do { return try RepoIndex.decode(bytes, source: path, warn: warn) } catch {
            throw .decode(path: path, error)
        }
    }

    /// Writes `index.encodedYAML()` to `path` atomically, mode 0644.
    public static func write(_ index: RepoIndex, to path: String) throws(FileWriteError) {
        try FileWriting.writeAtomically(Array(index.encodedYAML().utf8), to: path, mode: 0o644)
    }
}

/// Why an index file could not be loaded.
public enum RepoIndexFileError: Error, CustomStringConvertible, Equatable, Sendable {
    case read(path: String, reason: String)
    case decode(path: String, RepoIndexError)

    public var description: String {
        switch self {
        case .read(_, let reason): return reason
        case .decode(let path, let e): return "error loading \(path): \(e)"
        }
    }
}
