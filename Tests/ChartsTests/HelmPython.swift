import Foundation
import XCTest

/// Real Helm at test time: the repository's `.venv` (made by hack/setup) has
/// helm-python-sdk, i.e. Helm v4.2.3's Go SDK. Scripts get their arguments in `sys.argv`.
enum HelmPython {
    static var repoRoot: URL {
        // Tests/ChartsTests/HelmPython.swift → repository root
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var python: URL { repoRoot.appendingPathComponent(".venv/bin/python") }

    /// Runs `script` with `args`; returns stdout, failing the test on a non-zero exit.
    @discardableResult
    static func run(_ script: String, _ args: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws
        -> String
    {
        let p = Process()
        p.executableURL = python
        p.arguments = ["-c", script] + args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(
            p.terminationStatus, 0, "helm_python failed: \(String(decoding: errData, as: UTF8.self))", file: file,
            line: line)
        return String(decoding: data, as: UTF8.self)
    }

    /// `helm package` of each chart folder into `destination`.
    static func package(_ charts: [String], into destination: URL) throws {
        try run(
            """
            import sys, helm_python as h
            for c in sys.argv[2:]: h.package(c, destination=sys.argv[1])
            """, [destination.path] + charts)
    }

    /// Serves `folder` over HTTP on loopback and has Helm fetch and parse its
    /// index.yaml (`helm_python.repo_index`); prints the parsed index as JSON.
    static func fetchIndex(servedFrom folder: URL) throws -> String {
        try run(
            """
            import sys, json, threading, functools, http.server, helm_python as h
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            class Quiet(handler.func):
                def log_message(self, *a): pass
            srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
            threading.Thread(target=srv.serve_forever, daemon=True).start()
            try:
                print(json.dumps(h.repo_index("http://127.0.0.1:%d" % srv.server_address[1]), default=str, sort_keys=True))
            finally:
                srv.shutdown()
            """, [folder.path])
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }
}
