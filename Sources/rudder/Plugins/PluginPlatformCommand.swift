import Values

/// One `platformCommand` entry: the command for an OS (`linux`, `darwin`, Go's `GOOS`
/// names) and optionally an architecture (`amd64`, `arm64`, Go's `GOARCH` names), with
/// Helm 3.13's optional `args`.
struct PluginPlatformCommand: Equatable, Sendable {
    var os: String
    var arch: String
    var command: String
    var args: [String]

    init(os: String, arch: String = "", command: String, args: [String] = []) {
        self.os = os
        self.arch = arch
        self.command = command
        self.args = args
    }

    init(_ value: Value, path: String, index: Int) throws(PluginError) {
        guard case .map(let m, _) = value else {
            throw .malformed(path: path, reason: "platformCommand[\(index)]: expected a map, found \(value.typeName)")
        }
        let fields = m.dictionary
        func string(_ key: String) throws(PluginError) -> String {
            switch fields[key] {
            case nil, .null?: return ""
            case .string(let s)?: return s
            case let other?:
                throw .malformed(path: path, reason: "platformCommand[\(index)].\(key): expected a string, found \(other.typeName)")
            }
        }
        os = try string("os")
        arch = try string("arch")
        command = try string("command")
        args = []
        switch fields["args"] {
        case nil, .null?: break
        case .list(let items, _)?:
            for item in items {
                guard case .string(let s) = item else {
                    throw .malformed(path: path, reason: "platformCommand[\(index)].args: expected strings, found \(item.typeName)")
                }
                args.append(s)
            }
        case let other?:
            throw .malformed(path: path, reason: "platformCommand[\(index)].args: expected a list, found \(other.typeName)")
        }
    }

    /// Helm 3.13's choice: an entry for this OS and architecture wins; else the first entry
    /// for this OS with no architecture; else the first entry with neither; else nil (the
    /// caller falls back to `command`). An entry naming only an architecture never matches.
    static func select(_ entries: [PluginPlatformCommand], os: String, arch: String) -> PluginPlatformCommand? {
        func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }
        var osMatch: PluginPlatformCommand?
        var anyMatch: PluginPlatformCommand?
        for entry in entries {
            if same(entry.os, os) && same(entry.arch, arch) { return entry }
            guard entry.arch.isEmpty else { continue }
            if entry.os.isEmpty {
                if anyMatch == nil { anyMatch = entry }
            } else if same(entry.os, os), osMatch == nil {
                osMatch = entry
            }
        }
        return osMatch ?? anyMatch
    }

    /// Go's `runtime.GOOS` and `runtime.GOARCH` for the running binary.
    static var currentOS: String {
        #if os(Linux)
            return "linux"
        #elseif os(macOS)
            return "darwin"
        #else
            return "unknown"
        #endif
    }

    static var currentArch: String {
        #if arch(x86_64)
            return "amd64"
        #elseif arch(arm64)
            return "arm64"
        #elseif arch(i386)
            return "386"
        #elseif arch(arm)
            return "arm"
        #else
            return "unknown"
        #endif
    }
}
