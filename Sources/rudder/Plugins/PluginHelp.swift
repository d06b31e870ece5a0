import Foundation

/// The plugins' part of Rudder's help.
enum PluginHelp {
    /// A `PLUGINS:` section in swift-argument-parser's layout (two-space indent, names
    /// padded to its 24-column label width), or nothing when no plugin is installed.
    static func section(_ plugins: [Plugin]) -> String {
        guard !plugins.isEmpty else { return "" }
        var out = "PLUGINS:\n"
        var seen = Set<String>()
        for plugin in plugins where seen.insert(plugin.name).inserted {
            let label = "  " + plugin.name
            let text = plugin.metadata.usage.isEmpty ? plugin.metadata.description : plugin.metadata.usage
            if label.count < 26 {
                out += label + String(repeating: " ", count: 26 - label.count) + text + "\n"
            } else {
                out += label + "\n" + String(repeating: " ", count: 26) + text + "\n"
            }
        }
        return out + "\n  Manage plugins with 'rudder plugin install|list|update|uninstall'.\n"
    }

    /// `rudder help NAME` for a plugin: Cobra's layout for a plugin command (its usage,
    /// then its description).
    static func pluginHelp(_ plugin: Plugin) -> String {
        let metadata = plugin.metadata
        var out = metadata.description.isEmpty ? metadata.usage : metadata.description
        if !out.isEmpty { out += "\n\n" }
        out += "Usage:\n  rudder \(plugin.name) [flags]\n\n"
        let version = metadata.version.isEmpty ? "" : "version \(metadata.version) "
        return out + "(plugin \(version)in \(plugin.directory))\n"
    }

    /// The plugin directory a load failure is about (its name, as a plugin would be called).
    static func directoryName(of failure: PluginError) -> String? {
        switch failure {
        case .malformed(let path, _):
            return ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        default:
            return nil
        }
    }
}
