import Foundation
import KubeClient

/// The environment a plugin's command and hooks run with: the caller's, plus Rudder's
/// variables and the Helm names of the same values (`$HELM_PLUGIN_DIR`, `$HELM_BIN`, …) so
/// that Helm plugins run unchanged.
enum PluginEnvironment {
    static func variables(
        for plugin: Plugin, directories: PluginDirectories, flags: PluginGlobalFlags,
        base: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        var env = base
        let bin = rudderExecutable
        let namespace = resolvedNamespace(flags, environment: base)
        let context = flags.kubeContext ?? ""
        let debug = flags.debug ? "true" : "false"
        for prefix in ["RUDDER", "HELM"] {
            env["\(prefix)_PLUGIN_DIR"] = plugin.directory
            env["\(prefix)_PLUGIN_NAME"] = plugin.name
            env["\(prefix)_BIN"] = bin
            env["\(prefix)_PLUGINS"] = directories.joined
            env["\(prefix)_NAMESPACE"] = namespace
            env["\(prefix)_KUBECONTEXT"] = context
            env["\(prefix)_DEBUG"] = debug
        }
        if let kubeconfig = flags.kubeconfig { env["KUBECONFIG"] = kubeconfig }
        return env
    }

    /// Helm's `settings.Namespace()`: the flag, else the namespace of the kubeconfig context
    /// in use, else `default`. A kubeconfig that cannot be read is not the plugin's problem
    /// here: the namespace is then `default`.
    static func resolvedNamespace(_ flags: PluginGlobalFlags, environment: [String: String]) -> String {
        if let namespace = flags.namespace, !namespace.isEmpty { return namespace }
        let rules = KubeconfigLoadingRules(
            explicitPath: flags.kubeconfig, environment: ConfigEnvironment(variables: environment))
        guard let file = try? rules.load(),
            let contextName = flags.kubeContext.flatMap({ $0.isEmpty ? nil : $0 }) ?? file.currentContext,
            let namespace = file.contexts[contextName]?.namespace, !namespace.isEmpty
        else { return "default" }
        return namespace
    }

    /// The running binary, resolved (a plugin calls it back as `$RUDDER_BIN`).
    static var rudderExecutable: String {
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        let arg0 = CommandLine.arguments.first ?? "rudder"
        if arg0.contains("/") {
            return URL(fileURLWithPath: arg0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL.path
        }
        return arg0
    }
}
