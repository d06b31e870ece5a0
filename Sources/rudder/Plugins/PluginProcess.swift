import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starting plugin commands and hooks.
enum PluginProcess {
    /// Replaces this process with the plugin's command: stdin, stdout and stderr are the
    /// user's, signals reach the plugin directly, and Rudder's exit status is the plugin's
    /// without Rudder waiting on it. Returns only when `execve` fails (its errno).
    static func exec(_ command: PluginShellCommand, environment: [String: String]) -> Int32 {
        let argv = command.argv
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = envp.map { strdup($0) } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        _ = cArgs.withUnsafeMutableBufferPointer { a in
            cEnv.withUnsafeMutableBufferPointer { e in execve("/bin/sh", a.baseAddress!, e.baseAddress!) }
        }
        return errno
    }

    /// Runs a hook as Helm does (`sh -c HOOK`, in the caller's directory) with the plugin's
    /// environment, its output on Rudder's stdout and stderr, and waits for it. Commands
    /// of `rudder plugin` are synchronous, so waiting blocks no task.
    static func runHook(_ script: String, plugin: Plugin, environment: [String: String]) throws(PluginError) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, plugin.name]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .fileSystem(path: "/bin/sh", reason: "\(error)")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
