import Values
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The filesystem side of `LoadDir`: Helm's `sympath.Walk`, which visits names in
/// sorted order and follows symbolic links (to files and to directories), with the
/// `.helmignore` rules applied to chart-relative, `/`-separated names.
enum ChartDirectoryWalk {
    enum Kind {
        case missing(String)
        case directory
        case file
    }

    static func kind(of path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing(errnoText()) }
        return (st.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    private static func errnoText() -> String {
        switch errno {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case ENOTDIR: return "not a directory"
        default: return String(cString: strerror(errno)).lowercased()
        }
    }

    /// Every loadable file under `dir`, named relative to it.
    static func files(in dir: String) throws(ChartLoadError) -> [ChartFile] {
        var top = dir
        while top.count > 1 && top.hasSuffix("/") { top.removeLast() }
        var rules = HelmIgnore()
        let ignoreFile = join(top, HelmIgnore.fileName)
        if access(ignoreFile, F_OK) == 0 {
            let text = String(decoding: try readFile(ignoreFile, limit: nil), as: UTF8.self)
            rules = try HelmIgnore(parsing: text, addDefaults: false)
        }
        rules.addDefaults()
        var out: [ChartFile] = []
        var stack: [String] = []
        try walk(top, relative: "", rules: rules, into: &out, resolvedStack: &stack)
        return out
    }

    private static func walk(
        _ dir: String, relative: String, rules: HelmIgnore, into out: inout [ChartFile], resolvedStack: inout [String]
    ) throws(ChartLoadError) {
        // A symlinked directory pointing at one of its own ancestors would loop forever.
        let real = realPath(dir) ?? dir
        if resolvedStack.contains(real) {
            throw .io(path: dir, reason: "symbolic link cycle at \(dir)")
        }
        resolvedStack.append(real)
        defer { resolvedStack.removeLast() }
        for name in try listDirectory(dir) {
            let full = join(dir, name)
            let rel = relative.isEmpty ? name : relative + "/" + name
            var st = stat()
            guard lstat(full, &st) == 0 else { throw .io(path: full, reason: "lstat \(full): \(errnoText())") }
            if (st.st_mode & S_IFMT) == S_IFLNK {
                guard realPath(full) != nil, stat(full, &st) == 0 else {
                    throw .io(path: full, reason: "error evaluating symlink \(full): \(errnoText())")
                }
            }
            let type = st.st_mode & S_IFMT
            if type == S_IFDIR {
                if rules.ignores(rel, isDirectory: true) { continue }
                try walk(full, relative: rel, rules: rules, into: &out, resolvedStack: &resolvedStack)
                continue
            }
            if rules.ignores(rel, isDirectory: false) { continue }
            guard type == S_IFREG else {
                throw .io(path: full, reason: "cannot load irregular file \(full) as it has file mode type bits set")
            }
            if Int64(st.st_size) > ArchiveChartFiles.maxDecompressedFileSize {
                throw .io(
                    path: full,
                    reason: "chart file \(ChartValidation.goQuote(name)) is larger than the maximum file size \(ArchiveChartFiles.maxDecompressedFileSize)"
                )
            }
            var data = try readFile(full, limit: nil, relative: rel)
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
            out.append(ChartFile(name: rel, data: data))
        }
    }

    private static func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }

    private static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// Entry names in Go's `sort.Strings` (byte) order, without `.` and `..`.
    private static func listDirectory(_ dir: String) throws(ChartLoadError) -> [String] {
        guard let d = opendir(dir) else { throw .io(path: dir, reason: "open \(dir): \(errnoText())") }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// A whole file's bytes.
    static func readFile(_ path: String, limit: Int?, relative: String? = nil) throws(ChartLoadError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw .io(path: path, reason: "error reading \(relative ?? path): open \(path): \(errnoText())")
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw .io(path: path, reason: "error reading \(relative ?? path): \(errnoText())") }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if let limit, out.count > limit { break }
        }
        return out
    }
}
