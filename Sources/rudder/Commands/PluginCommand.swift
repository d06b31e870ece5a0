import ArgumentParser
import Foundation

/// `rudder plugin`: Helm's plugin manager. Plugins live in `$RUDDER_PLUGINS` (default
/// `$XDG_DATA_HOME/rudder/plugins`); an installed plugin runs as `rudder NAME args…`.
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Install, list, update and uninstall Rudder plugins (Helm plugins run too).",
        discussion: """
            A plugin is a directory with a plugin.yaml (name, version, usage, description, ignoreFlags, \
            command, platformCommand, hooks), run as 'rudder NAME ARGS...'. Plugins are kept in \
            $RUDDER_PLUGINS (a ':'-separated list; default $XDG_DATA_HOME/rudder/plugins).
            """,
        subcommands: [PluginInstallCommand.self, PluginListCommand.self, PluginUninstallCommand.self, PluginUpdateCommand.self]
    )
}

struct PluginInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Install a plugin from a directory, a .tar.gz/.tgz archive or an HTTP(S) URL.",
        aliases: ["add"])

    @Argument(help: "A plugin directory (linked, not copied), a .tar.gz/.tgz archive, or an HTTP(S) URL of one.")
    var source: String

    @Option(help: "Refuse the plugin unless plugin.yaml has this version.")
    var version: String?

    func run() throws {
        do {
            let plugin = try PluginInstaller(directories: PluginDirectories()).install(source, version: version)
            print("Installed plugin: \(plugin.name)")
        } catch {
            throw helmStyleFailure(error)
        }
    }
}

struct PluginListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the installed plugins.", aliases: ["ls"])

    /// Helm's table. A plugin that does not load is reported on stderr (and the exit
    /// status is 1) while the others are still listed.
    func run() throws {
        let catalog = PluginCatalog.scan(PluginDirectories())
        var rows = [["NAME", "VERSION", "DESCRIPTION"]]
        for plugin in catalog.plugins {
            rows.append([plugin.name, plugin.metadata.version, plugin.metadata.description])
        }
        print(ReleaseTable.render(rows, maxColumnWidth: 0), terminator: "")
        guard !catalog.failures.isEmpty else { return }
        throw helmStyleFailure(catalog.failures.map(\.description).joined(separator: "\n"))
    }
}

struct PluginUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall", abstract: "Uninstall plugins (their delete hook runs first).", aliases: ["rm", "remove"])

    @Argument(help: "The plugins' names.")
    var names: [String]

    func validate() throws {
        if names.isEmpty { throw ValidationError("please provide plugin name to uninstall") }
    }

    func run() throws {
        let installer = PluginInstaller(directories: PluginDirectories())
        var failures: [String] = []
        for name in names {
            do throws(PluginError) {
                try installer.uninstall(name)
                print("Uninstalled plugin: \(name)")
            } catch .notInstalled {
                failures.append("Plugin: \(name) not found")
            } catch {
                failures.append("Failed to uninstall plugin \(name), got error (\(error))")
            }
        }
        if !failures.isEmpty { throw helmStyleFailure(failures.joined(separator: "\n")) }
    }
}

struct PluginUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Update plugins: reinstall from their archive or URL, or run the update hook of a linked directory.",
        aliases: ["up"])

    @Argument(help: "The plugins' names.")
    var names: [String]

    func validate() throws {
        if names.isEmpty { throw ValidationError("please provide plugin name to update") }
    }

    func run() throws {
        let installer = PluginInstaller(directories: PluginDirectories())
        var failures: [String] = []
        for name in names {
            do throws(PluginError) {
                _ = try installer.update(name)
                print("Updated plugin: \(name)")
            } catch .notInstalled {
                failures.append("Plugin: \(name) not found")
            } catch {
                failures.append("Failed to update plugin \(name), got error (\(error))")
            }
        }
        if !failures.isEmpty { throw helmStyleFailure(failures.joined(separator: "\n")) }
    }
}
