/// The global flags a plugin invocation may carry, before or after the plugin's name, as
/// Helm reads them for plugins: `--kubeconfig`, `--kube-context` (and Rudder's
/// `--context`), `-n/--namespace`, `--debug`. Each form Cobra accepts: `--flag value`,
/// `--flag=value`, `-n value`, `-n=value`, `-nvalue`.
struct PluginGlobalFlags: Equatable, Sendable {
    var kubeconfig: String?
    var kubeContext: String?
    var namespace: String?
    var debug = false

    private static func valued(_ flag: String) -> WritableKeyPath<PluginGlobalFlags, String?>? {
        switch flag {
        case "--kubeconfig": return \.kubeconfig
        case "--kube-context", "--context": return \.kubeContext
        case "--namespace", "-n": return \.namespace
        default: return nil
        }
    }

    /// Takes a global flag at `args[index]`, if there is one: the number of arguments it
    /// used (0: not a global flag). A valued flag with no value left is not taken.
    /// `shortJoined`: accept `-nVALUE`, which only Cobra's parser (before the plugin's
    /// name) understands; after the name Helm leaves it alone, and so does this, so that a
    /// plugin's own `-no-color` is not read as a namespace.
    mutating func take(_ args: [String], at index: Int, shortJoined: Bool = true) -> Int {
        let arg = args[index]
        if arg == "--debug" || arg == "--debug=true" {
            debug = true
            return 1
        }
        if arg == "--debug=false" {
            debug = false
            return 1
        }
        if let path = Self.valued(arg) {
            guard index + 1 < args.count else { return 0 }
            self[keyPath: path] = args[index + 1]
            return 2
        }
        if let eq = arg.firstIndex(of: "="), let path = Self.valued(String(arg[..<eq])) {
            self[keyPath: path] = String(arg[arg.index(after: eq)...])
            return 1
        }
        if shortJoined, arg.hasPrefix("-n"), !arg.hasPrefix("--"), arg.count > 2 {
            namespace = String(arg.dropFirst(2))
            return 1
        }
        return 0
    }
}

/// A command line split for a plugin: the global flags before its name, its name, and what
/// follows with or without the global flags in it.
struct PluginInvocation: Equatable, Sendable {
    var name: String
    var flags = PluginGlobalFlags()
    /// The global flags as written before the name.
    var leadingFlags: [String] = []
    /// Everything after the name, as written.
    var arguments: [String] = []
    /// Everything after the name with the global flags taken out (up to a `--`, after
    /// which nothing is a flag of Rudder's).
    var argumentsWithoutFlags: [String] = []

    /// Nil when the first word that is not a global flag is missing or is a flag (help,
    /// version flags and the like are for Rudder's own parser).
    static func parse(_ args: [String]) -> PluginInvocation? {
        var flags = PluginGlobalFlags()
        var i = 0
        while i < args.count {
            let used = flags.take(args, at: i)
            if used == 0 { break }
            i += used
        }
        guard i < args.count, !args[i].hasPrefix("-") else { return nil }
        var invocation = PluginInvocation(name: args[i], flags: flags, leadingFlags: Array(args[..<i]))
        invocation.arguments = Array(args[(i + 1)...])
        var j = 0
        let rest = invocation.arguments
        while j < rest.count {
            if rest[j] == "--" {
                invocation.argumentsWithoutFlags.append(contentsOf: rest[j...])
                break
            }
            let used = invocation.flags.take(rest, at: j, shortJoined: false)
            if used == 0 {
                invocation.argumentsWithoutFlags.append(rest[j])
                j += 1
            } else {
                j += used
            }
        }
        return invocation
    }

    /// What the plugin's command receives: with `ignoreFlags` false, its own arguments then
    /// the global flags given before its name (appended, as Helm v2 documents for
    /// `--debug`); with `ignoreFlags` true, its own arguments without any global flag.
    func commandArguments(ignoreFlags: Bool) -> [String] {
        ignoreFlags ? argumentsWithoutFlags : arguments + leadingFlags
    }
}
