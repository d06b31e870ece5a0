import Foundation

/// A bearer token kept in a file that something else rotates: the kubelet rewrites a pod's
/// projected service-account token well before it expires, and a kubeconfig `tokenFile` may
/// be refreshed by a sidecar. The file is read on every request (one small read; a cache
/// would serve an expired token after rotation), and, as client-go's cached token source
/// does, the last good token is used when a read fails mid-rotation.
public actor BearerTokenFile {
    public nonisolated let path: String
    private var lastGood: Sensitive<String>?

    public init(path: String) {
        self.path = path
    }

    /// The token now in the file (surrounding whitespace trimmed).
    public func token() throws(BearerTokenFileError) -> Sensitive<String> {
        do {
            let token = try Self.read(path)
            lastGood = token
            return token
        } catch {
            if let lastGood { return lastGood }
            throw error
        }
    }

    /// One read, no fallback: for resolution, where a missing file should fail at once.
    static func read(_ path: String) throws(BearerTokenFileError) -> Sensitive<String> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: FileReading.reason(error, path: path))
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw .empty(path: path) }
        return Sensitive(token)
    }
}

public enum BearerTokenFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case empty(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read token file \(path): \(reason)"
        case .empty(let path): return "token file \(path) is empty"
        }
    }
}

/// Short reasons for file errors, instead of Foundation's long NSError descriptions.
enum FileReading {
    static func reason(_ error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return (error as NSError).localizedDescription
    }

    /// The bytes of a certificate, key or CA file named in the configuration.
    static func contents(_ path: String, role: String) throws(ClientConfigError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(role: role, path: path, reason: reason(error, path: path))
        }
    }
}
