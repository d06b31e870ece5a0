import Foundation
import Values

/// A plugin's `plugin.yaml`: the fields of Helm v2's `plugin.Metadata`, plus Helm 3's
/// `platformCommand` and `update` hook. `useTunnel` (a Tiller tunnel, which Rudder has no
/// use for) and unknown fields are read past, so Helm v2 plugins load unchanged.
struct PluginMetadata: Equatable, Sendable {
    static let fileName = "plugin.yaml"

    var name: String
    var version = ""
    /// One line, shown in help.
    var usage = ""
    var description = ""
    /// True: the global flags (`--kubeconfig`, `--kube-context`, `-n`, `--debug`) are not
    /// passed to the command (they still reach it through the environment).
    var ignoreFlags = false
    var command = ""
    var platformCommands: [PluginPlatformCommand] = []
    /// Event (`install`, `update`, `delete`) to a shell command.
    var hooks: [String: String] = [:]

    /// Helm 3's rule for plugin names; it also keeps a name a safe directory name.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_" || s == "-"
        }
    }

    /// Reads `directory/plugin.yaml`; every failure names that file.
    static func load(directory: String) throws(PluginError) -> PluginMetadata {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .malformed(path: path, reason: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws(PluginError) -> PluginMetadata {
        let fields: [String: Value]
        do throws(YAMLError) {
            fields = try YAML.decodeMap(text)
        } catch {
            throw .malformed(path: path, reason: error.message)
        }
        func string(_ key: String) throws(PluginError) -> String {
            switch fields[key] {
            case nil, .null?: return ""
            case .string(let s)?: return s
            case let other?: throw .malformed(path: path, reason: "\(key): expected a string, found \(other.typeName)")
            }
        }
        let name = try string("name")
        guard isValidName(name) else {
            throw .malformed(
                path: path,
                reason: name.isEmpty
                    ? "name is required" : "invalid plugin name \"\(name)\": use only letters, digits, \"_\" and \"-\"")
        }
        var metadata = PluginMetadata(name: name)
        metadata.version = try string("version")
        metadata.usage = try string("usage")
        metadata.description = try string("description")
        metadata.command = try string("command")
        switch fields["ignoreFlags"] {
        case nil, .null?: break
        case .bool(let b)?: metadata.ignoreFlags = b
        case let other?: throw .malformed(path: path, reason: "ignoreFlags: expected a boolean, found \(other.typeName)")
        }
        switch fields["hooks"] {
        case nil, .null?: break
        case .map(let m, _)?:
            for (event, value) in m.dictionary {
                guard case .string(let command) = value else {
                    throw .malformed(path: path, reason: "hooks.\(event): expected a string, found \(value.typeName)")
                }
                metadata.hooks[event] = command
            }
        case let other?: throw .malformed(path: path, reason: "hooks: expected a map, found \(other.typeName)")
        }
        switch fields["platformCommand"] {
        case nil, .null?: break
        case .list(let items, _)?:
            for (i, item) in items.enumerated() {
                metadata.platformCommands.append(try PluginPlatformCommand(item, path: path, index: i))
            }
        case let other?: throw .malformed(path: path, reason: "platformCommand: expected a list, found \(other.typeName)")
        }
        return metadata
    }
}
