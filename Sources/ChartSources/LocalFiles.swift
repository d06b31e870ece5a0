import Glibc

/// Why a file operation failed, worded as Go's `*PathError` (`open <path>: no such
/// file or directory`), which is what Helm prints.
public struct LocalFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let message: String
    public var description: String { message }
}

/// The few file-system operations chart sources need, on POSIX calls (no Foundation),
/// with writes that are atomic: a temp file in the target's folder, then `rename(2)`,
/// so a reader (another process sharing the cache) never sees half a file.
enum LocalFiles {
    static func errnoText(_ code: Int32 = errno) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case ENOTDIR: return "not a directory"
        case EISDIR: return "is a directory"
        case EEXIST: return "file exists"
        case ENOSPC: return "no space left on device"
        default: return String(cString: strerror(code))
        }
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func read(_ path: String) throws(LocalFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFileError(path: path, message: "open \(path): \(errnoText())") }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LocalFileError(path: path, message: "read \(path): \(errnoText())")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(LocalFileError) {
        if path.isEmpty || isDirectory(path) { return }
        let parent = directoryName(path)
        if parent != path { try makeDirectories(parent, mode: mode) }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw LocalFileError(path: path, message: "mkdir \(path): \(errnoText())")
        }
    }

    /// Writes `bytes` to `path` atomically, creating the folder if needed.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(LocalFileError) {
        let dir = directoryName(path)
        try makeDirectories(dir)
        var template = Array((dir.isEmpty ? "." : dir).utf8CString.dropLast()) + Array("/.rudder-tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw LocalFileError(path: path, message: "open \(path): \(errnoText())") }
        let tmp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: LocalFileError?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = LocalFileError(path: path, message: "write \(path): \(errnoText())")
                    return
                }
                offset += n
            }
        }
        fchmod(fd, mode)
        close(fd)
        if let failure {
            unlink(tmp)
            throw failure
        }
        if rename(tmp, path) != 0 {
            let text = errnoText()
            unlink(tmp)
            throw LocalFileError(path: path, message: "rename \(tmp) \(path): \(text)")
        }
    }

    /// Copies a file atomically (Helm's `fileutil.AtomicCopyFile`).
    static func copyAtomically(_ source: String, to dest: String) throws(LocalFileError) {
        try writeAtomically(read(source), to: dest)
    }

    static func remove(_ path: String) throws(LocalFileError) {
        if unlink(path) != 0 { throw LocalFileError(path: path, message: "remove \(path): \(errnoText())") }
    }

    /// `rm -rf`, best effort.
    static func removeTree(_ path: String) {
        if isDirectory(path) {
            for name in (try? list(path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// Entry names of a folder, sorted bytewise as Go's `os.ReadDir` returns them.
    static func list(_ path: String) throws(LocalFileError) -> [String] {
        guard let dir = opendir(path) else { throw LocalFileError(path: path, message: "open \(path): \(errnoText())") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func baseName(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// The current working directory.
    static func currentDirectory() -> String {
        guard let p = getcwd(nil, 0) else { return "." }
        defer { free(p) }
        return String(cString: p)
    }

    /// An environment variable, `nil` when unset or empty.
    static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        let s = String(cString: v)
        return s.isEmpty ? nil : s
    }
}
