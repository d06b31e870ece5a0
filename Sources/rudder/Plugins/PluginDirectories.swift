import Foundation

/// Where plugins live: `$RUDDER_PLUGINS`, a `:`-separated list like `$HELM_PLUGINS`, else
/// `$XDG_DATA_HOME/rudder/plugins` (`~/.local/share/rudder/plugins`). Installs go to the
/// first directory; lookups read them all, earlier directories first.
struct PluginDirectories: Equatable, Sendable {
    var paths: [String]

    init(paths: [String]) { self.paths = paths }

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let list = environment["RUDDER_PLUGINS"], !list.isEmpty {
            paths = list.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
        } else {
            let data: String
            if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
                data = xdg
            } else {
                let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
                data = (home as NSString).appendingPathComponent(".local/share")
            }
            paths = [(data as NSString).appendingPathComponent("rudder/plugins")]
        }
    }

    /// The value plugins get as `$RUDDER_PLUGINS`/`$HELM_PLUGINS`.
    var joined: String { paths.joined(separator: ":") }

    /// Where `rudder plugin install` puts plugins.
    var installDirectory: String { paths.first ?? "." }
}

/// What scanning the plugins directories found: the plugins that load, in directory then
/// name order, and a failure for each that does not (the others stay usable).
struct PluginCatalog: Sendable {
    var plugins: [Plugin] = []
    var failures: [PluginError] = []

    /// Every `*/plugin.yaml` under each directory, as Helm's `LoadAll` globs it: entries
    /// without a `plugin.yaml` (and dangling symlinks) are not plugins; hidden entries are
    /// Rudder's own work folders. A plugin named like a built-in command is a failure.
    static func scan(_ directories: PluginDirectories, builtIns: Set<String> = RudderBuiltIns.names) -> PluginCatalog {
        var catalog = PluginCatalog()
        let fm = FileManager.default
        for dir in directories.paths {
            guard let entries = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                let pluginDir = (dir as NSString).appendingPathComponent(entry)
                let yaml = (pluginDir as NSString).appendingPathComponent(PluginMetadata.fileName)
                guard fm.fileExists(atPath: yaml) else { continue }
                do {
                    let metadata = try PluginMetadata.load(directory: pluginDir)
                    if builtIns.contains(metadata.name) {
                        catalog.failures.append(.clashesWithBuiltIn(name: metadata.name, path: pluginDir))
                        continue
                    }
                    catalog.plugins.append(Plugin(metadata: metadata, directory: pluginDir))
                } catch {
                    catalog.failures.append(error)
                }
            }
        }
        return catalog
    }

    /// The first plugin of that name (an earlier directory shadows a later one).
    func plugin(named name: String) -> Plugin? { plugins.first { $0.name == name } }
}
