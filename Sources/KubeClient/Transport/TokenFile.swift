#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bearer token kept in a file (kubeconfig `tokenFile`, in-cluster
/// `/var/run/secrets/kubernetes.io/serviceaccount/token`). The kubelet rotates projected
/// service-account tokens by swapping a symlink to a new file, so the file is looked at
/// (one `stat`) before every request and re-read when its identity or modification time
/// changed, and in any case once the cached token is `maximumAge` old, which also catches
/// a rewrite within the file system's timestamp granularity.
public actor TokenFile: BearerTokenSource, CustomStringConvertible {
    public nonisolated let path: String
    public nonisolated let maximumAge: Duration
    private var cached: (token: String, identity: FileIdentity, readAt: ContinuousClock.Instant)?

    public init(path: String, maximumAge: Duration = .seconds(60)) {
        self.path = path
        self.maximumAge = maximumAge
    }

    public nonisolated var description: String { "TokenFile(\(path))" }

    public func token() async throws -> String? {
        let identity = try FileIdentity(path: path)
        let now = ContinuousClock.now
        if let cached, cached.identity == identity, now - cached.readAt < maximumAge { return cached.token }
        let token = try Self.readToken(path)
        cached = (token, identity, now)
        return token
    }

    /// The file's contents without surrounding whitespace (a trailing newline is common).
    private static func readToken(_ path: String) throws(TokenFileError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TokenFileError(path: path, reason: Self.errnoText()) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TokenFileError(path: path, reason: Self.errnoText())
            }
            if n == 0 { break }
            bytes += buffer[0..<n]
            // A token is a few kilobytes; a huge file is not one, and is not kept in memory.
            guard bytes.count <= 1 << 20 else { throw TokenFileError(path: path, reason: "larger than 1 MiB") }
        }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            throw TokenFileError(path: path, reason: "the file is empty")
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    fileprivate static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// What tells one version of a file from the next without reading it.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    /// Follows symlinks, so a swapped `..data` link shows as a new inode.
    init(path: String) throws(TokenFileError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw TokenFileError(path: path, reason: TokenFile.errnoText()) }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}

/// A token file that could not be read; never carries the contents.
public struct TokenFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var reason: String

    public var description: String { "cannot read the bearer token file \(path): \(reason)" }
}
