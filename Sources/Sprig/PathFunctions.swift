import Values

/// Go's `path` functions (slash-separated) and their `path/filepath` twins, which on
/// Linux — where Helm runs for these cases — behave the same.
enum PathFunctions {
    static let all: [GoFunction] = ["", "os"].flatMap { prefix -> [GoFunction] in
        func name(_ n: String) -> String { prefix.isEmpty ? n : prefix + n.prefix(1).uppercased() + n.dropFirst() }
        return [
            .string(name("base"), [.string]) { GoPath.base($0.string(0)) },
            .string(name("dir"), [.string]) { GoPath.dir($0.string(0)) },
            .string(name("clean"), [.string]) { GoPath.clean($0.string(0)) },
            .string(name("ext"), [.string]) { GoPath.ext($0.string(0)) },
            .bool(name("isAbs"), [.string]) { $0.string(0).utf8.first == UInt8(ascii: "/") },
        ]
    }
}

/// Go's `path` package on bytes.
enum GoPath {
    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    /// `path.Clean`: lexical processing of `.`, `..` and repeated slashes.
    static func clean(_ path: String) -> String {
        let p = Array(path.utf8)
        if p.isEmpty { return "." }
        let rooted = p[0] == slash
        var out: [UInt8] = rooted ? [slash] : []
        var dotdot = out.count
        var r = rooted ? 1 : 0
        let n = p.count
        while r < n {
            if p[r] == slash {
                r += 1
            } else if p[r] == dot && (r + 1 == n || p[r + 1] == slash) {
                r += 1
            } else if p[r] == dot && p[r + 1] == dot && (r + 2 == n || p[r + 2] == slash) {
                r += 2
                if out.count > dotdot {
                    var w = out.count - 1
                    while w > dotdot && out[w] != slash { w -= 1 }
                    out.removeSubrange(w...)
                } else if !rooted {
                    if !out.isEmpty { out.append(slash) }
                    out += [dot, dot]
                    dotdot = out.count
                }
            } else {
                if (rooted && out.count != 1) || (!rooted && !out.isEmpty) { out.append(slash) }
                while r < n && p[r] != slash {
                    out.append(p[r])
                    r += 1
                }
            }
        }
        if out.isEmpty { return "." }
        return GoValue.string(out)
    }

    static func base(_ path: String) -> String {
        var p = Array(path.utf8)
        if p.isEmpty { return "." }
        while p.count > 0 && p[p.count - 1] == slash { p.removeLast() }
        if let i = p.lastIndex(of: slash) { p.removeSubrange(...i) }
        if p.isEmpty { return "/" }
        return GoValue.string(p)
    }

    static func dir(_ path: String) -> String {
        let p = Array(path.utf8)
        let cut = (p.lastIndex(of: slash) ?? -1) + 1
        return clean(GoValue.string(p[..<cut]))
    }

    static func ext(_ path: String) -> String {
        let p = Array(path.utf8)
        var i = p.count - 1
        while i >= 0 && p[i] != slash {
            if p[i] == dot { return GoValue.string(p[i...]) }
            i -= 1
        }
        return ""
    }
}
