import Foundation

/// How a plugin's command line becomes a `/bin/sh -c` invocation.
///
/// `$VAR` and `${VAR}` in `command` are expanded from the plugin's environment, which is
/// what Helm's `os.ExpandEnv` does; the shell does it here so that a quoted
/// `"$RUDDER_PLUGIN_DIR/bin/x"` stays one word even when the path has spaces. The
/// arguments are never parsed by the shell: they are its positional parameters, appended
/// as `"$@"`.
struct PluginShellCommand: Equatable, Sendable {
    /// The script given to `sh -c`.
    var script: String
    /// `$0` of the script (the plugin's name, for the shell's own error messages).
    var name: String
    var arguments: [String]

    var argv: [String] { ["/bin/sh", "-c", script, name] + arguments }

    /// The command for this OS and architecture (`platformCommand`, else `command`), or
    /// `noCommand` when there is none.
    static func make(
        for metadata: PluginMetadata, arguments: [String],
        os: String = PluginPlatformCommand.currentOS, arch: String = PluginPlatformCommand.currentArch
    ) throws(PluginError) -> PluginShellCommand {
        var command = metadata.command
        var extra: [String] = []
        if let platform = PluginPlatformCommand.select(metadata.platformCommands, os: os, arch: arch) {
            command = platform.command
            extra = platform.args
        }
        guard !command.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .noCommand(name: metadata.name)
        }
        // `args` entries are one word each, with `$VAR` expanded as Helm expands them.
        let quoted = extra.map(doubleQuoted)
        let script = ([command] + quoted + ["\"$@\""]).joined(separator: " ")
        return PluginShellCommand(script: script, name: metadata.name, arguments: arguments)
    }

    /// `"text"` for the shell: `$` still expands, nothing else is special.
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for c in text {
            if c == "\"" || c == "\\" || c == "`" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}
