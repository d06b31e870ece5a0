import Foundation

/// What `rudder` does with a command line before swift-argument-parser sees it, which
/// cannot take subcommands it does not know: run a plugin (`rudder NAME args…` for an
/// installed plugin NAME that is no built-in), show a plugin's help (`rudder help NAME`),
/// and add the installed plugins to `rudder --help`.
enum PluginDispatch {
    /// The exit status when the command line was a plugin's (or help), nil when it is for
    /// the argument parser. A plugin that runs never returns here: it replaces Rudder.
    static func handle(_ args: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32? {
        if args.isEmpty || args == ["--help"] || args == ["-h"] || args == ["help"] {
            let directories = PluginDirectories(environment: environment)
            // The parser's help as it prints it (one final newline), then the plugins.
            print(Rudder.helpMessage())
            let section = PluginHelp.section(PluginCatalog.scan(directories).plugins)
            if !section.isEmpty { print("\n" + section, terminator: "") }
            return 0
        }
        if args.count == 2, args[0] == "help", !RudderBuiltIns.names.contains(args[1]) {
            let catalog = PluginCatalog.scan(PluginDirectories(environment: environment))
            guard let plugin = catalog.plugin(named: args[1]) else { return nil }
            print(PluginHelp.pluginHelp(plugin), terminator: "")
            return 0
        }
        guard let invocation = PluginInvocation.parse(args), !RudderBuiltIns.names.contains(invocation.name) else {
            return nil
        }
        let directories = PluginDirectories(environment: environment)
        let catalog = PluginCatalog.scan(directories)
        guard let plugin = catalog.plugin(named: invocation.name) else {
            // A plugin directory of that name whose plugin.yaml is broken: say so, rather than
            // the parser's "unexpected argument".
            if let failure = catalog.failures.first(where: { PluginHelp.directoryName(of: $0) == invocation.name }) {
                FileHandle.standardError.write(Data("Error: \(failure)\n".utf8))
                return 1
            }
            return nil
        }
        do {
            let command = try PluginShellCommand.make(
                for: plugin.metadata, arguments: invocation.commandArguments(ignoreFlags: plugin.metadata.ignoreFlags))
            let env = PluginEnvironment.variables(
                for: plugin, directories: directories, flags: invocation.flags, base: environment)
            let code = PluginProcess.exec(command, environment: env)
            FileHandle.standardError.write(Data("Error: cannot run plugin \"\(plugin.name)\": \(String(cString: strerror(code)))\n".utf8))
            return 1
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            return 1
        }
    }
}
