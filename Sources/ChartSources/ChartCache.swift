import Charts

/// Rudder's on-disk cache of what chart sources fetch.
///
/// Layout under `root` (`$RUDDER_CACHE_DIR`, else `$XDG_CACHE_HOME/rudder`, else
/// `~/.cache/rudder`):
/// - `repository/<sha256 of the repository URL>-index.yaml`: the last index fetched from
///   each repository, so `--skip-refresh` and offline resolution work;
/// - `archives/sha256-<hex>.tgz`: chart archives, content-addressed, so two
///   repositories serving the same bytes share one file and a digest from an index
///   (or a lock) finds the archive without the network.
/// Every write is atomic (temp file + rename); concurrent writers of the same content
/// agree on the bytes, so the last rename wins harmlessly.
public struct ChartCache: Sendable {
    public var root: String
    /// Where index files go; Helm's `--repository-cache` overrides it.
    public var indexDirectory: String

    public init(root: String, indexDirectory: String? = nil) {
        self.root = root
        self.indexDirectory = indexDirectory ?? LocalFiles.join(root, "repository")
    }

    /// The cache at its default place for `environment` (a lookup such as `getenv`).
    public static func defaultRoot(environment: (String) -> String?) -> String {
        if let dir = environment("RUDDER_CACHE_DIR") { return dir }
        if let xdg = environment("XDG_CACHE_HOME") { return LocalFiles.join(xdg, "rudder") }
        let home = environment("HOME") ?? "."
        return LocalFiles.join(home, ".cache/rudder")
    }

    public static func makeDefault() -> ChartCache { ChartCache(root: defaultRoot(environment: LocalFiles.environment)) }

    /// The index file for a repository URL.
    public func indexPath(forRepository url: String) -> String {
        LocalFiles.join(indexDirectory, RepoIndex.digest(of: Array(Self.normalizedRepositoryURL(url).utf8)) + "-index.yaml")
    }

    /// A repository URL without trailing slashes, so `https://x/` and `https://x` share a file.
    static func normalizedRepositoryURL(_ url: String) -> String {
        var s = Substring(url)
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }

    public func readIndex(forRepository url: String) -> [UInt8]? {
        try? LocalFiles.read(indexPath(forRepository: url))
    }

    public func storeIndex(_ bytes: [UInt8], forRepository url: String) throws(LocalFileError) {
        try LocalFiles.writeAtomically(bytes, to: indexPath(forRepository: url))
    }

    /// Path of the archive whose SHA-256 is `hex`.
    public func archivePath(digest hex: String) -> String {
        LocalFiles.join(root, "archives/sha256-\(hex.lowercased()).tgz")
    }

    /// The cached archive with this digest, checked against it (a damaged file is
    /// treated as absent).
    public func archive(digest hex: String) -> [UInt8]? {
        guard let bytes = try? LocalFiles.read(archivePath(digest: hex)) else { return nil }
        return RepoIndex.digest(of: bytes) == hex.lowercased() ? bytes : nil
    }

    /// Stores an archive under its digest; returns the digest.
    @discardableResult
    public func storeArchive(_ bytes: [UInt8]) throws(LocalFileError) -> String {
        let hex = RepoIndex.digest(of: bytes)
        let path = archivePath(digest: hex)
        if !LocalFiles.exists(path) { try LocalFiles.writeAtomically(bytes, to: path) }
        return hex
    }
}
