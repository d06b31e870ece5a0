import ChartSources
import Foundation

/// Where `rudder plugin install` takes a plugin from.
enum PluginSource: Equatable, Sendable {
    /// A local plugin directory: installed as a symlink, as Helm does, so edits show at once.
    case directory(String)
    /// A local `.tar.gz`/`.tgz`.
    case archiveFile(String)
    /// An HTTP(S) URL serving a `.tar.gz`/`.tgz`.
    case url(String)

    /// Recognises the source; VCS repositories (which Helm clones with git) are refused
    /// with a message saying what works instead.
    static func classify(_ source: String, currentDirectory: String = FileManager.default.currentDirectoryPath)
        throws(PluginError) -> PluginSource
    {
        let lower = source.lowercased()
        let trimmed = lower.hasSuffix("/") ? String(lower.dropLast()) : lower
        if lower.hasPrefix("git://") || lower.hasPrefix("git@") || lower.hasPrefix("ssh://") || lower.hasPrefix("git+")
            || trimmed.hasSuffix(".git")
        {
            throw .gitSource(source: shown(source))
        }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return .url(source) }
        let path = URL(fileURLWithPath: source, relativeTo: URL(fileURLWithPath: currentDirectory)).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .sourceNotFound(source: source)
        }
        return isDirectory.boolValue ? .directory(path) : .archiveFile(path)
    }

    /// A URL without its password, for messages.
    static func shown(_ source: String) -> String { ChartURL(source)?.redacted ?? source }

    /// What is recorded to update from: the archive's absolute path or the URL.
    var recorded: String? {
        switch self {
        case .directory: return nil
        case .archiveFile(let path): return path
        case .url(let url): return url
        }
    }

    var description: String {
        switch self {
        case .directory(let path), .archiveFile(let path): return path
        case .url(let url): return Self.shown(url)
        }
    }
}
