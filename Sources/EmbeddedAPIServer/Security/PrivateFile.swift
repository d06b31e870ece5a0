#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold keys or credentials: written owner-only (0600) from the first byte and
/// replaced atomically, so a reader (kubectl polling for the kubeconfig, a second server
/// reusing the CA) sees the old file or the whole new one, never a torn or world-readable one.
enum PrivateFile {
    static func store(_ text: String, at path: String) throws(TLSMaterialError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let base = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(directory.isEmpty ? "/" : directory)/.\(base).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(temporary, "cannot create") }
        var ok = true
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                ok = false
                break
            }
            written += n
        }
        let error = ok ? (fsync(fd) == 0 ? nil : "cannot flush") : "cannot write"
        let reason = error.map { "\($0): \(String(cString: strerror(errno)))" }
        close(fd)
        if let reason {
            unlink(temporary)
            throw TLSMaterialError.file(path: temporary, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let failure = failure(path, "cannot replace")
            unlink(temporary)
            throw failure
        }
    }

    /// The file's text, or nil when it does not exist.
    static func load(_ path: String) throws(TLSMaterialError) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure(path, "cannot open")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read")
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Creates `path` (owner-only) and its parents when missing.
    static func makeDirectory(_ path: String) throws(TLSMaterialError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { throw failure(prefix, "cannot create directory") }
        }
    }

    private static func failure(_ path: String, _ what: String) -> TLSMaterialError {
        .file(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
