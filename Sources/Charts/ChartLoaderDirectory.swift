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
        var visiting: [DirectoryID] = []
        let fd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: top, reason: "open \(top): \(errnoText())") }
        try walk(fd, path: top, relative: "", rules: rules, into: &out, visiting: &visiting)
        return out
    }

    /// A directory's identity, for telling a symbolic link cycle (the same directory
    /// reached again below itself) from an ordinary link.
    private struct DirectoryID: Equatable {
        let device: UInt64
        let inode: UInt64
    }

    /// Walks the open directory `fd` (and closes it). Entries are opened relative to
    /// their directory and typed from `readdir`, so a plain file costs an open, a
    /// status and its reads; only symbolic links (and file systems that report no
    /// type) are resolved by path.
    private static func walk(
        _ fd: Int32, path dir: String, relative: String, rules: HelmIgnore, into out: inout [ChartFile],
        visiting: inout [DirectoryID]
    ) throws(ChartLoadError) {
        guard let d = fdopendir(fd) else {
            let reason = "open \(dir): \(errnoText())"
            close(fd)
            throw .io(path: dir, reason: reason)
        }
        defer { closedir(d) }
        var st = stat()
        if fstat(fd, &st) == 0 {
            // A symlinked directory pointing at one of its own ancestors would loop forever.
            let id = DirectoryID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            if visiting.contains(id) { throw .io(path: dir, reason: "symbolic link cycle at \(dir)") }
            visiting.append(id)
        } else {
            visiting.append(DirectoryID(device: .max, inode: .max))
        }
        defer { visiting.removeLast() }
        for entry in listDirectory(d) {
            let name = entry.name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var type: mode_t
            var size: Int64? = nil
            switch entry.type {
            case UInt8(DT_DIR): type = S_IFDIR
            case UInt8(DT_REG): type = S_IFREG
            default:
                let full = join(dir, name)
                guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
                    throw .io(path: full, reason: "lstat \(full): \(errnoText())")
                }
                if (st.st_mode & S_IFMT) == S_IFLNK {
                    guard realPath(full) != nil, fstatat(fd, name, &st, 0) == 0 else {
                        throw .io(path: full, reason: "error evaluating symlink \(full): \(errnoText())")
                    }
                }
                type = st.st_mode & S_IFMT
                size = Int64(st.st_size)
            }
            if type == S_IFDIR {
                if rules.ignores(rel, isDirectory: true) { continue }
                let full = join(dir, name)
                let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard sub >= 0 else { throw .io(path: full, reason: "open \(full): \(errnoText())") }
                try walk(sub, path: full, relative: rel, rules: rules, into: &out, visiting: &visiting)
                continue
            }
            if rules.ignores(rel, isDirectory: false) { continue }
            let full = join(dir, name)
            guard type == S_IFREG else {
                throw .io(path: full, reason: "cannot load irregular file \(full) as it has file mode type bits set")
            }
            let file = openat(fd, name, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else {
                throw .io(path: full, reason: "error reading \(rel): open \(full): \(errnoText())")
            }
            defer { close(file) }
            if size == nil {
                guard fstat(file, &st) == 0 else {
                    throw .io(path: full, reason: "lstat \(full): \(errnoText())")
                }
                size = Int64(st.st_size)
            }
            if let size, size > ArchiveChartFiles.maxDecompressedFileSize {
                throw .io(
                    path: full,
                    reason: "chart file \(ChartValidation.goQuote(name)) is larger than the maximum file size \(ArchiveChartFiles.maxDecompressedFileSize)"
                )
            }
            var data = try readAll(file, sizeHint: Int(size ?? 0), path: full, relative: rel)
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

    /// Entry names with their `readdir` types, in Go's `sort.Strings` (byte) order,
    /// without `.` and `..`.
    private static func listDirectory(_ d: OpaquePointer) -> [(name: String, type: UInt8)] {
        var entries: [(name: String, type: UInt8)] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            entries.append((name, e.pointee.d_type))
        }
        return entries.sorted { String.goLess($0.name, $1.name) }
    }

    /// A whole file's bytes.
    static func readFile(_ path: String, limit: Int?, relative: String? = nil) throws(ChartLoadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .io(path: path, reason: "error reading \(relative ?? path): open \(path): \(errnoText())")
        }
        defer { close(fd) }
        var st = stat()
        let hint = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        return try readAll(fd, sizeHint: hint, limit: limit, path: path, relative: relative ?? path)
    }

    /// Reads an open file to its end (or past `limit`) straight into the result,
    /// sized by the file's reported size plus one byte to see the end.
    private static func readAll(
        _ fd: Int32, sizeHint: Int, limit: Int? = nil, path: String, relative: String
    ) throws(ChartLoadError) -> [UInt8] {
        let capacity = max(sizeHint, 0) + 1
        var failure: Int32 = 0
        var atEnd = false
        var out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            while count < capacity {
                let n = read(fd, buffer.baseAddress! + count, capacity - count)
                if n < 0 {
                    failure = errno
                    return
                }
                if n == 0 {
                    atEnd = true
                    return
                }
                count += n
            }
        }
        // The file grew since its size was read: read on in chunks.
        var chunk: [UInt8] = atEnd || failure != 0 ? [] : [UInt8](repeating: 0, count: 1 << 16)
        while !atEnd && failure == 0 {
            if let limit, out.count > limit { break }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                failure = errno
            } else if n == 0 {
                atEnd = true
            } else {
                out.append(contentsOf: chunk[0..<n])
            }
        }
        if failure != 0 {
            errno = failure
            throw .io(path: path, reason: "error reading \(relative): \(errnoText())")
        }
        return out
    }
}
