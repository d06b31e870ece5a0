/// Why a plugin could not be loaded, installed, removed or run. The text is what the user
/// sees after `Error: `; URLs are shown with their password removed.
enum PluginError: Error, CustomStringConvertible, Equatable {
    /// `plugin.yaml` is missing, unreadable, not YAML, or lacks a valid name.
    case malformed(path: String, reason: String)
    /// The plugin's name is one of Rudder's own commands.
    case clashesWithBuiltIn(name: String, path: String)
    case alreadyInstalled(name: String, path: String)
    case notInstalled(name: String)
    /// Neither `command` nor a `platformCommand` for this OS and architecture.
    case noCommand(name: String)
    case gitSource(source: String)
    case sourceNotFound(source: String)
    case notAnArchive(source: String)
    case archive(source: String, reason: String)
    case download(reason: String)
    case versionMismatch(name: String, installed: String, requested: String)
    case hookFailed(event: String, name: String, status: Int32)
    case noUpdateSource(name: String)
    case renamedOnUpdate(name: String, newName: String)
    case fileSystem(path: String, reason: String)

    var description: String {
        switch self {
        case .malformed(let path, let reason):
            return "failed to load plugin \(path): \(reason)"
        case .clashesWithBuiltIn(let name, let path):
            return "plugin \"\(name)\" (\(path)) conflicts with the built-in command \"\(name)\""
        case .alreadyInstalled(let name, let path):
            return "plugin \"\(name)\" already exists (\(path))"
        case .notInstalled(let name):
            return "plugin: \(name) not found"
        case .noCommand(let name):
            return "plugin \"\(name)\": no plugin command is applicable (no command, and no platformCommand for this OS and architecture)"
        case .gitSource(let source):
            return "cannot install plugin from \(source): installing from a VCS repository needs git, which Rudder does not use; install a local directory, or a .tar.gz/.tgz archive (path or HTTP(S) URL)"
        case .sourceNotFound(let source):
            return "plugin source \(source) does not exist (expected a plugin directory, a .tar.gz/.tgz archive or an HTTP(S) URL)"
        case .notAnArchive(let source):
            return "\(source) is not a gzip-compressed tar archive; a plugin is installed from a directory with plugin.yaml, a .tar.gz/.tgz archive, or an HTTP(S) URL serving one (VCS repositories are not supported)"
        case .archive(let source, let reason):
            return "cannot extract plugin archive \(source): \(reason)"
        case .download(let reason):
            return "cannot download plugin: \(reason)"
        case .versionMismatch(let name, let installed, let requested):
            return "plugin \"\(name)\" is version \(installed.isEmpty ? "(none)" : installed), not the requested \(requested)"
        case .hookFailed(let event, let name, let status):
            return "plugin \(event) hook for \"\(name)\" exited with error (status \(status))"
        case .noUpdateSource(let name):
            return "plugin \"\(name)\" was not installed by `rudder plugin install` from an archive or a URL, so there is nothing to update it from"
        case .renamedOnUpdate(let name, let newName):
            return "plugin \"\(name)\" update failed: the new version is named \"\(newName)\""
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
