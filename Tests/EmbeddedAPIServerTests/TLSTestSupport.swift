import EmbeddedAPIServer
import Foundation
import XCTest

/// A TLS (or plain) server with a trivial handler, and real clients run as processes:
/// the peer that decides whether our certificates and auth are right is OpenSSL (curl,
/// Python) or Go (kubectl), never our own code.
enum TLSTestSupport {
    /// `/version` answers a version.Info as kube-apiserver does, `/stream` three chunks
    /// (as a watch does); anything else echoes the peer identity the server saw.
    struct VersionHandler: HTTPRequestHandler {
        static let gitVersion = "v1.37.0-rudder"

        func handle(_ request: HTTPRequest) async -> HTTPResponse {
            if request.path == "/version" || request.path == "/version/" {
                let body = """
                    {"major":"1","minor":"37","emulationMajor":"1","emulationMinor":"37","minCompatibilityMajor":"1",\
                    "minCompatibilityMinor":"36","gitVersion":"\(Self.gitVersion)","gitCommit":"0000000000000000000000000000000000000000",\
                    "gitTreeState":"clean","buildDate":"2026-01-01T00:00:00Z","goVersion":"go1.26.0","compiler":"gc","platform":"linux/amd64"}
                    """
                return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: .bytes(Array(body.utf8)))
            }
            if request.path == "/stream" {
                let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
                for i in 0..<3 { continuation.yield(Array("{\"n\":\(i)}\n".utf8)) }
                continuation.finish()
                return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: .stream(stream))
            }
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: .bytes(Array("\(request.peer)".utf8)))
        }
    }

    static let token = "s3cr3t-token-for-tests"

    /// A server for the duration of `body`: TLS with `material` unless `plain`, behind an
    /// `AuthenticatingHandler` accepting `token`.
    static func withServer(
        material: TLSMaterial? = nil, plain: Bool = false, allowsAnonymous: Bool = false,
        _ body: (Int, TLSMaterial, TestDirectory) async throws -> Void
    ) async throws {
        let material = try material ?? TLSMaterial.generate()
        let handler = AuthenticatingHandler(
            VersionHandler(), authenticator: Authenticator(bearerTokens: [token], allowsAnonymous: allowsAnonymous))
        let server = HTTPServer(tls: plain ? nil : material.serverConfiguration, handler: handler)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { portContinuation.finish() }
            try await server.run { portContinuation.yield($0) }
        }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { return XCTFail("server did not bind") }
        let directory = try TestDirectory(material: material)
        defer { directory.remove() }
        try await body(port, material, directory)
    }

    /// The repository's own client installs (`hack/setup` makes `.venv`).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var python: String { repositoryRoot.appendingPathComponent(".venv/bin/python").path }
    static var kubectl: String { repositoryRoot.appendingPathComponent(".venv/bin/kubectl").path }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a client to completion without blocking a concurrency thread; output goes
    /// through files so a chatty client cannot fill a pipe and stall.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = scratch.path  // kubectl's discovery and HTTP caches start empty
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Output(
            status: status, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// `curl` against the server: answers status code, then body.
    static func curl(_ arguments: [String]) async throws -> Output {
        try await run("/usr/bin/curl", ["-sS", "--max-time", "20", "-w", "\n%{http_code} %{http_version}"] + arguments)
    }
}

/// The material as files, for clients that want paths.
struct TestDirectory: Sendable {
    let url: URL

    init(material: TLSMaterial) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try material.authority.certificatePEM.write(to: url.appendingPathComponent("ca.crt"), atomically: true, encoding: .utf8)
        try material.client.certificatePEM.write(to: url.appendingPathComponent("client.crt"), atomically: true, encoding: .utf8)
        try material.client.privateKeyPEM.write(to: url.appendingPathComponent("client.key"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
