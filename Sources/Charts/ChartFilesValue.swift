import Values

/// `.Files`: Helm's `engine.files`, a `map[string][]byte` of the chart's extra files with
/// methods. Being a map, it also works with `index`, `len` and `range`.
enum ChartFilesValue {
    static let type: GoType = .named("engine.files", .map(.string, .byteSlice))

    static func make(_ files: [ChartFile]) -> Value {
        var m: [String: Value] = [:]
        for f in files { m[f.name] = .bytes(f.data) }
        return .map(m, type: type)
    }

    static func method(_ receiver: Value, _ name: String) -> GoFunction? {
        guard case .map(let files, _) = receiver else { return nil }
        @Sendable func bytes(_ path: String) -> [UInt8] {
            if case .bytes(let b) = files[path] { return b }
            return []
        }
        switch name {
        case "Get":
            return GoFunction("Get", [.string]) { args in
                .string(String(decoding: bytes(args[0].stringValue ?? ""), as: UTF8.self))
            }
        case "GetBytes":
            return GoFunction("GetBytes", [.string]) { args in .bytes(bytes(args[0].stringValue ?? "")) }
        case "Glob":
            return GoFunction("Glob", [.string]) { args in
                // An invalid pattern matches everything, as Helm falls back to `**`.
                let glob = (try? Glob(args[0].stringValue ?? "")) ?? (try! Glob("**"))
                return .map(files.filter { glob.matches($0.key) }, type: type)
            }
        case "Lines":
            return GoFunction("Lines", [.string]) { args in
                let path = args[0].stringValue ?? ""
                guard files[path] != nil else { return .strings([]) }
                // Split on the byte "\n" (a Swift "\r\n" is one Character).
                var b = bytes(path)[...]
                if b.last == UInt8(ascii: "\n") { b = b.dropLast() }
                return .strings(b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                    .map { String(decoding: $0, as: UTF8.self) })
            }
        case "AsConfig":
            return GoFunction("AsConfig", []) { _ in
                var m: [String: Value] = [:]
                for (k, v) in files {
                    if case .bytes(let b) = v { m[baseName(k)] = .string(String(decoding: b, as: UTF8.self)) }
                }
                return .string(HelmFunctions.toYAML(.map(m, type: .stringMap)))
            }
        case "AsSecrets":
            return GoFunction("AsSecrets", []) { _ in
                var m: [String: Value] = [:]
                for (k, v) in files {
                    if case .bytes(let b) = v { m[baseName(k)] = .string(StdBase64.encode(b)) }
                }
                return .string(HelmFunctions.toYAML(.map(m, type: .stringMap)))
            }
        default:
            return nil
        }
    }

    static func baseName(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        if let i = p.lastIndex(of: "/") { p = p[p.index(after: i)...] }
        return p.isEmpty ? "." : String(p)
    }
}
