#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written; worded as Go's `*PathError` (`open X: permission denied`).
public struct FileWriteError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let message: String
    public var description: String { message }
}

/// Writing files as Helm does, through POSIX so the Charts layer stays off Foundation.
enum FileWriting {
    static func errnoText(_ code: Int32 = errno) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case ENOTDIR: return "not a directory"
        case EEXIST: return "file exists"
        case EISDIR: return "is a directory"
        case EROFS: return "read-only file system"
        case ENOSPC: return "no space left on device"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// `os.WriteFile`-like: create or truncate `path` with `mode`, write everything.
    static func writeFile(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(FileWriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: path, message: "open \(path): \(errnoText())") }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileWriteError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in write(fd, buf.baseAddress! + offset, buf.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, message: "write \(path): \(errnoText())")
            }
            offset += n
        }
    }

    /// Helm's `fileutil.AtomicWriteFile`: a temporary file beside `path`, then a rename,
    /// so readers (a web server handing out index.yaml) never see half a file.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(FileWriteError) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array(((dir.isEmpty ? "/" : dir) + "/" + base + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else { throw FileWriteError(path: path, message: "open \(tempPath): \(errnoText())") }
        do {
            try writeAll(fd, bytes, path: tempPath)
        } catch {
            close(fd)
            unlink(tempPath)
            throw error
        }
        fchmod(fd, mode)
        close(fd)
        if rename(tempPath, path) != 0 {
            let e = errnoText()
            unlink(tempPath)
            throw FileWriteError(path: path, message: "rename \(tempPath) \(path): \(e)")
        }
    }

    /// `os.MkdirAll(path, 0755)`.
    static func makeDirectories(_ path: String) throws(FileWriteError) {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return }
            throw FileWriteError(path: path, message: "mkdir \(path): not a directory")
        }
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        if let slash = trimmed.lastIndex(of: "/"), slash != trimmed.startIndex {
            try makeDirectories(String(trimmed[..<slash]))
        }
        if mkdir(trimmed, 0o755) != 0 && errno != EEXIST {
            throw FileWriteError(path: path, message: "mkdir \(trimmed): \(errnoText())")
        }
    }
}
