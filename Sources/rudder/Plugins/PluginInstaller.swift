import ChartSources
import Foundation

/// Installs, updates and removes plugins in the plugins directories, running their hooks.
struct PluginInstaller {
    /// Inside an installed archive's copy, the archive path or URL it came from, for
    /// `rudder plugin update` (Helm cannot update such plugins at all).
    static let sourceRecord = ".rudder-plugin-source"

    var directories: PluginDirectories
    var environment: [String: String] = ProcessInfo.processInfo.environment
    var builtIns: Set<String> = RudderBuiltIns.names
    /// Gets a URL's body (ChartSources' libcurl getter; tests may replace it).
    var download: (String) throws(PluginError) -> [UInt8] = { url throws(PluginError) in
        do throws(HTTPGetterError) {
            return try HTTPGetter().get(url)
        } catch {
            throw .download(reason: error.description)
        }
    }

    private var fm: FileManager { .default }

    // MARK: install

    /// `rudder plugin install SOURCE [--version V]`: the installed plugin, after its
    /// `install` hook succeeded. A failed hook leaves nothing installed.
    func install(_ source: String, version: String? = nil) throws(PluginError) -> Plugin {
        let kind = try PluginSource.classify(source)
        let target = directories.installDirectory
        try createDirectory(target)
        let plugin: Plugin
        switch kind {
        case .directory(let path):
            let metadata = try PluginMetadata.load(directory: path)
            let destination = try checkNew(metadata, version: version, path: path)
            do {
                try fm.createSymbolicLink(atPath: destination, withDestinationPath: path)
            } catch {
                throw .fileSystem(path: destination, reason: error.localizedDescription)
            }
            plugin = Plugin(metadata: metadata, directory: destination)
        case .archiveFile, .url:
            let staging = try unpack(kind, into: target)
            defer { try? fm.removeItem(atPath: staging.folder) }
            let destination = try checkNew(staging.metadata, version: version, path: kind.description)
            try move(staging.root, to: destination)
            if let recorded = kind.recorded { try write(recorded, to: destination) }
            plugin = Plugin(metadata: staging.metadata, directory: destination)
        }
        do throws(PluginError) {
            try runHook("install", of: plugin)
        } catch {
            try? fm.removeItem(atPath: plugin.directory)
            throw error
        }
        return plugin
    }

    /// The path a new plugin goes to, once it is known not to clash with a built-in
    /// command, an installed plugin, or the requested version.
    private func checkNew(_ metadata: PluginMetadata, version: String?, path: String) throws(PluginError) -> String {
        if builtIns.contains(metadata.name) { throw .clashesWithBuiltIn(name: metadata.name, path: path) }
        if let existing = PluginCatalog.scan(directories, builtIns: builtIns).plugin(named: metadata.name) {
            throw .alreadyInstalled(name: metadata.name, path: existing.directory)
        }
        let destination = (directories.installDirectory as NSString).appendingPathComponent(metadata.name)
        // Also a dangling symlink or a folder without plugin.yaml: never overwritten.
        if (try? fm.attributesOfItem(atPath: destination)) != nil {
            throw .alreadyInstalled(name: metadata.name, path: destination)
        }
        if let version, !version.isEmpty, version != metadata.version {
            throw .versionMismatch(name: metadata.name, installed: metadata.version, requested: version)
        }
        return destination
    }

    // MARK: uninstall

    /// `rudder plugin uninstall NAME`. The `delete` hook runs first, while the plugin's
    /// files are still there (Helm runs it after removing them, when a hook script in the
    /// plugin can no longer run). The plugin is removed even when the hook fails.
    func uninstall(_ name: String) throws(PluginError) {
        guard let plugin = PluginCatalog.scan(directories, builtIns: builtIns).plugin(named: name) else {
            throw .notInstalled(name: name)
        }
        var hookFailure: PluginError?
        do throws(PluginError) {
            try runHook("delete", of: plugin)
        } catch {
            hookFailure = error
        }
        do {
            // A local plugin's symlink goes, never the directory it points to.
            try fm.removeItem(atPath: plugin.directory)
        } catch {
            throw .fileSystem(path: plugin.directory, reason: error.localizedDescription)
        }
        if let hookFailure { throw hookFailure }
    }

    // MARK: update

    /// `rudder plugin update NAME`: a local (symlinked) plugin is already current and only
    /// runs its `update` hook; one installed from an archive or a URL is installed again
    /// from there, then runs the new version's `update` hook.
    func update(_ name: String) throws(PluginError) -> Plugin {
        guard let plugin = PluginCatalog.scan(directories, builtIns: builtIns).plugin(named: name) else {
            throw .notInstalled(name: name)
        }
        if (try? fm.destinationOfSymbolicLink(atPath: plugin.directory)) != nil {
            try runHook("update", of: plugin)
            return plugin
        }
        let recordPath = (plugin.directory as NSString).appendingPathComponent(Self.sourceRecord)
        guard let data = fm.contents(atPath: recordPath),
            case let recorded = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
            !recorded.isEmpty
        else { throw .noUpdateSource(name: name) }
        let kind = try PluginSource.classify(recorded)
        let parent = (plugin.directory as NSString).deletingLastPathComponent
        let staging = try unpack(kind, into: parent)
        defer { try? fm.removeItem(atPath: staging.folder) }
        guard staging.metadata.name == name else { throw .renamedOnUpdate(name: name, newName: staging.metadata.name) }
        // The old copy moves aside first, so a failed move leaves it restorable.
        let old = (staging.folder as NSString).appendingPathComponent(".previous")
        try move(plugin.directory, to: old)
        do throws(PluginError) {
            try move(staging.root, to: plugin.directory)
        } catch {
            try? fm.moveItem(atPath: old, toPath: plugin.directory)
            throw error
        }
        try write(recorded, to: plugin.directory)
        let updated = Plugin(metadata: staging.metadata, directory: plugin.directory)
        try runHook("update", of: updated)
        return updated
    }

    // MARK: helpers

    private struct Staging {
        /// The hidden work folder (removed afterwards).
        var folder: String
        /// The folder holding plugin.yaml: the archive's top, or its single top folder.
        var root: String
        var metadata: PluginMetadata
    }

    /// The archive unpacked in a hidden folder of `parent` (the same file system as the
    /// final place, so the last step is a rename).
    private func unpack(_ kind: PluginSource, into parent: String) throws(PluginError) -> Staging {
        let bytes: [UInt8]
        switch kind {
        case .directory(let path): throw .notAnArchive(source: path)
        case .archiveFile(let path):
            guard let data = fm.contents(atPath: path) else { throw .sourceNotFound(source: path) }
            bytes = [UInt8](data)
        case .url(let url):
            bytes = try download(url)
        }
        guard PluginArchive.isGzip(bytes) else { throw .notAnArchive(source: kind.description) }
        let folder = (parent as NSString).appendingPathComponent(".install-\(UUID().uuidString)")
        let unpacked = (folder as NSString).appendingPathComponent("unpacked")
        try createDirectory(unpacked)
        do throws(PluginError) {
            do throws(PluginArchive.Failure) {
                try PluginArchive.extract(bytes, into: unpacked)
            } catch {
                throw PluginError.archive(source: kind.description, reason: error.description)
            }
            let root = try pluginRoot(unpacked, source: kind.description)
            return Staging(folder: folder, root: root, metadata: try PluginMetadata.load(directory: root))
        } catch {
            try? fm.removeItem(atPath: folder)
            throw error
        }
    }

    /// Helm's archives hold plugin.yaml at their top; most release archives wrap the plugin
    /// in one folder. Both install.
    private func pluginRoot(_ unpacked: String, source: String) throws(PluginError) -> String {
        if fm.fileExists(atPath: (unpacked as NSString).appendingPathComponent(PluginMetadata.fileName)) { return unpacked }
        let entries = ((try? fm.contentsOfDirectory(atPath: unpacked)) ?? []).filter { !$0.hasPrefix(".") }
        if entries.count == 1 {
            let sub = (unpacked as NSString).appendingPathComponent(entries[0])
            if fm.fileExists(atPath: (sub as NSString).appendingPathComponent(PluginMetadata.fileName)) { return sub }
        }
        throw .archive(source: source, reason: "no plugin.yaml at its top or in its single top-level folder")
    }

    private func runHook(_ event: String, of plugin: Plugin) throws(PluginError) {
        guard let script = plugin.metadata.hooks[event], !script.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        let env = PluginEnvironment.variables(
            for: plugin, directories: directories, flags: PluginGlobalFlags(), base: environment)
        let status = try PluginProcess.runHook(script, plugin: plugin, environment: env)
        if status != 0 { throw .hookFailed(event: event, name: plugin.name, status: status) }
    }

    private func createDirectory(_ path: String) throws(PluginError) {
        do {
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(path: path, reason: error.localizedDescription)
        }
    }

    private func move(_ from: String, to: String) throws(PluginError) {
        do {
            try fm.moveItem(atPath: from, toPath: to)
        } catch {
            throw .fileSystem(path: to, reason: error.localizedDescription)
        }
    }

    private func write(_ recorded: String, to directory: String) throws(PluginError) {
        let path = (directory as NSString).appendingPathComponent(Self.sourceRecord)
        guard fm.createFile(atPath: path, contents: Data((recorded + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .fileSystem(path: path, reason: "cannot write")
        }
    }
}
